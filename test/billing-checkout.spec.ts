/**
 * `POST /api/readers/checkout` and `POST /api/readers/billing-portal` with the Stripe SDK pointed (its
 * host/port/protocol options) at test/helpers/localStripeApi.ts, a local server standing in for Stripe's API:
 * who may call them, bad input, the exact requests sent to Stripe, one customer per reader even for concurrent
 * first checkouts, the per-reader rate limit, and Stripe failures.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { type LocalStripeApi, startLocalStripeApi } from './helpers/localStripeApi.js'
import { startNewsroomApp } from './helpers/newsroomApp.js'
import { SECRET_KEY, WEBHOOK_SECRET } from './helpers/stripeEvents.js'

let stripe: LocalStripeApi
let app: NewsroomTestApp
let planId: string
let inactivePlanId: string
let monthlyOnlyId: string

const SUCCESS = 'https://news.example.test/account?checkout=done'
const CANCEL = 'https://news.example.test/subscribe?checkout=cancelled'

let readerCount = 0
const newReader = async (subscription: Record<string, unknown> = {}) => {
  const email = `buyer${++readerCount}@newsroom.test`
  const doc = await app.payload.create({
    collection: 'readers',
    data: {
      _verified: true,
      email,
      name: `Buyer ${readerCount}`,
      password: 'reader-password-1',
      subscription,
    } as never,
  })
  return { email, id: String(doc.id), token: await app.rest.login('readers', email, 'reader-password-1') }
}
const customerOf = async (id: string) =>
  ((await app.payload.findByID({ collection: 'readers', id })) as any).subscription?.stripeCustomerId

beforeAll(async () => {
  stripe = await startLocalStripeApi()
  app = await startNewsroomApp({
    billing: {
      cancelUrl: CANCEL,
      checkoutsPerHour: 4,
      stripe: { api: stripe.api, secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET },
      successUrl: SUCCESS,
    },
  })
  const plan = (data: Record<string, unknown>) =>
    app.payload.create({ collection: 'plans' as never, data: data as never })
  planId = String(
    (
      await plan({
        active: true,
        name: 'Digital',
        stripePrices: [
          { interval: 'month', priceId: 'price_digital_month' },
          { interval: 'year', priceId: 'price_digital_year' },
        ],
        tier: 'digital',
        trialDays: 7,
      })
    ).id,
  )
  inactivePlanId = String(
    (
      await plan({
        active: false,
        name: 'Old',
        stripePrices: [{ interval: 'month', priceId: 'price_old' }],
        tier: 'old',
      })
    ).id,
  )
  monthlyOnlyId = String(
    (
      await plan({
        active: true,
        name: 'Monthly',
        stripePrices: [{ interval: 'month', priceId: 'price_m' }],
        tier: 'm',
      })
    ).id,
  )
})
afterAll(async () => {
  await app.shutdown()
  await stripe.close()
})
beforeEach(() => {
  stripe.requests.length = 0
})

describe('who may open a session', () => {
  it('anonymous: 401 on both, nothing sent to Stripe', async () => {
    expect((await app.rest.post('/readers/checkout', { body: { interval: 'month', plan: planId } })).status).toBe(401)
    expect((await app.rest.post('/readers/billing-portal')).status).toBe(401)
    expect(stripe.requests).toHaveLength(0)
  })

  it('an editor is no reader: 403', async () => {
    const r = await app.rest.post('/readers/checkout', {
      body: { interval: 'month', plan: planId },
      token: app.editorToken,
    })
    expect(r.status).toBe(403)
    expect(stripe.requests).toHaveLength(0)
  })
})

describe('bad input: 400 with a message, nothing sent to Stripe', () => {
  let token: string
  beforeAll(async () => {
    token = (await newReader()).token
  })
  it.each([
    ['unknown plan', () => ({ interval: 'month', plan: '64b7f0c2a1b2c3d4e5f60718' })],
    ['malformed plan id', () => ({ interval: 'month', plan: 'nope' })],
    ['inactive plan', () => ({ interval: 'month', plan: inactivePlanId })],
    ['bad interval', () => ({ interval: 'week', plan: planId })],
    ['no price for the interval', () => ({ interval: 'year', plan: monthlyOnlyId })],
    ['no plan', () => ({ interval: 'month' })],
    ['not an object', () => [1, 2]],
  ])('%s', async (_name, body) => {
    const r = await app.rest.post('/readers/checkout', { body: body(), token })
    expect(r.status).toBe(400)
    expect(r.json.errors[0].message).toBeTruthy()
    expect(stripe.requests).toHaveLength(0)
  })

  it('billing portal before any checkout: 400', async () => {
    const r = await app.rest.post('/readers/billing-portal', { token })
    expect(r.status).toBe(400)
    expect(stripe.requests).toHaveLength(0)
  })
})

describe('the requests sent to Stripe', () => {
  it('first checkout: creates the customer (idempotency key per reader), stores it, then the Checkout Session', async () => {
    const reader = await newReader()
    const r = await app.rest.post('/readers/checkout', {
      body: { interval: 'year', plan: planId },
      token: reader.token,
    })
    expect(r.status).toBe(200)
    expect(r.json.url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_local_/)
    expect(r.headers.get('cache-control')).toContain('no-store')
    expect(stripe.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'POST /v1/customers',
      'POST /v1/checkout/sessions',
    ])
    const [customer, session] = stripe.requests
    expect(customer!.headers.authorization).toBe(`Bearer ${SECRET_KEY}`)
    expect(customer!.headers['idempotency-key']).toBe(`newsroom-reader-customer-${reader.id}`)
    expect(customer!.form).toEqual({
      email: reader.email,
      'metadata[newsroomReader]': reader.id,
      name: `Buyer ${readerCount}`,
    })
    const customerId = await customerOf(reader.id)
    expect(customerId).toMatch(/^cus_local_/)
    expect(session!.form).toEqual({
      cancel_url: CANCEL,
      client_reference_id: reader.id,
      customer: customerId,
      'line_items[0][price]': 'price_digital_year',
      'line_items[0][quantity]': '1',
      'metadata[newsroomPlan]': planId,
      'metadata[newsroomReader]': reader.id,
      mode: 'subscription',
      'subscription_data[metadata][newsroomPlan]': planId,
      'subscription_data[metadata][newsroomReader]': reader.id,
      'subscription_data[trial_period_days]': '7',
      success_url: SUCCESS,
    })
  })

  it('a later checkout reuses the stored customer: only the session is created', async () => {
    const reader = await newReader({ stripeCustomerId: 'cus_existing' })
    const r = await app.rest.post('/readers/checkout', {
      body: { interval: 'month', plan: monthlyOnlyId },
      token: reader.token,
    })
    expect(r.status).toBe(200)
    expect(stripe.requests.map((q) => q.path)).toEqual(['/v1/checkout/sessions'])
    expect(stripe.requests[0]!.form.customer).toBe('cus_existing')
    expect(stripe.requests[0]!.form['subscription_data[trial_period_days]']).toBeUndefined()
  })

  it('two concurrent first checkouts of one reader: one customer, stored once, used by both sessions', async () => {
    const reader = await newReader()
    const before = stripe.customers.length
    const [a, b] = await Promise.all(
      [0, 1].map(() =>
        app.rest.post('/readers/checkout', { body: { interval: 'month', plan: planId }, token: reader.token }),
      ),
    )
    expect([a!.status, b!.status]).toEqual([200, 200])
    expect(stripe.customers.length - before).toBe(1)
    const stored = await customerOf(reader.id)
    const sessions = stripe.requests.filter((q) => q.path === '/v1/checkout/sessions')
    expect(sessions.map((q) => q.form.customer)).toEqual([stored, stored])
  })

  it('billing portal: a Customer Portal session for the stored customer, returning to successUrl', async () => {
    const reader = await newReader({ stripeCustomerId: 'cus_portal' })
    const r = await app.rest.post('/readers/billing-portal', { token: reader.token })
    expect(r.status).toBe(200)
    expect(r.json.url).toMatch(/^https:\/\/billing\.stripe\.com\/p\/session\//)
    expect(stripe.requests).toHaveLength(1)
    expect(stripe.requests[0]).toMatchObject({
      form: { customer: 'cus_portal', return_url: SUCCESS },
      method: 'POST',
      path: '/v1/billing_portal/sessions',
    })
  })

  it('a Stripe failure is a 502 without details; nothing is stored', async () => {
    const reader = await newReader()
    stripe.failNext(1)
    const r = await app.rest.post('/readers/checkout', {
      body: { interval: 'month', plan: planId },
      token: reader.token,
    })
    expect(r.status).toBe(502)
    expect(r.text).not.toContain('sk_test')
    expect(await customerOf(reader.id)).toBeFalsy()
  })
})

describe('rate limit (database-backed, per reader)', () => {
  it('past checkoutsPerHour sessions: 429 with Retry-After, and Stripe is not called', async () => {
    const reader = await newReader({ stripeCustomerId: 'cus_limit' })
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      statuses.push((await app.rest.post('/readers/billing-portal', { token: reader.token })).status)
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429])
    expect(stripe.requests).toHaveLength(4)
    const other = await newReader({ stripeCustomerId: 'cus_other' })
    expect((await app.rest.post('/readers/billing-portal', { token: other.token })).status).toBe(200)
    const refused = await app.rest.post('/readers/checkout', {
      body: { interval: 'month', plan: planId },
      token: reader.token,
    })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
