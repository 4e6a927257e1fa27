/**
 * The Stripe webhook (`POST /api/newsroom/stripe/webhook`) through the real REST handler, with events signed as
 * Stripe signs them: the lifecycle trial → active → past_due → canceled, every status, both API shapes of the
 * billing period, Checkout linking, invoices, replays, out-of-order delivery, concurrent deliveries, a failure in
 * the middle (500, then the retry applies it), complimentary grants, and refusals (signature, body) that change nothing.
 */
import type { Config, Payload } from 'payload'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { SUBSCRIPTION_STATUSES } from '../src/billing/subscriptionStatus.js'
import { startNewsroomApp } from './helpers/newsroomApp.js'
import {
  checkoutSessionObject,
  invoiceObject,
  SECRET_KEY,
  signature,
  signedDelivery,
  stripeEvent,
  subscriptionObject,
  WEBHOOK_PATH,
  WEBHOOK_SECRET,
} from './helpers/stripeEvents.js'

const DAY = 24 * 60 * 60 * 1000
const T0 = new Date(Date.now() - 40 * DAY)
const at = (days: number) => new Date(T0.getTime() + days * DAY)

// Fault injection (test config only): the next reader write of the webhook throws, as a database failure would.
let failNextReaderWrite = false
const faultyReaderWrites = (config: Config): Config => ({
  ...config,
  onInit: async (payload: Payload) => {
    await config.onInit?.(payload)
    const updateOne = payload.db.updateOne.bind(payload.db)
    payload.db.updateOne = (async (args: Parameters<typeof updateOne>[0]) => {
      if (failNextReaderWrite && args.collection === 'readers') {
        failNextReaderWrite = false
        throw new Error('injected database failure')
      }
      return updateOne(args)
    }) as typeof payload.db.updateOne
  },
})

let app: NewsroomTestApp

const post = (event: unknown, options?: Parameters<typeof signedDelivery>[1]) =>
  app.rest.post(WEBHOOK_PATH, signedDelivery(event, options))

const newReader = async (email: string, subscription: Record<string, unknown> = {}) => {
  const doc = await app.payload.create({
    collection: 'readers',
    data: {
      _verified: true,
      email,
      password: 'reader-password-1',
      subscription: { plan: 'free', status: 'active', ...subscription },
    } as never,
  })
  return String(doc.id)
}
const subscriptionOf = async (id: string) => {
  const doc = (await app.payload.findByID({ collection: 'readers', depth: 0, id })) as unknown as {
    subscription: Record<string, any>
  }
  return doc.subscription
}
const ledger = async () =>
  (await app.payload.find({ collection: 'newsroom-stripe-events' as never, limit: 100, pagination: false }))
    .docs as any[]

beforeAll(async () => {
  app = await startNewsroomApp(
    { billing: { graceDays: 3, stripe: { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET } } },
    { plugins: [faultyReaderWrites] },
  )
  await app.payload.create({
    collection: 'plans' as never,
    data: {
      active: true,
      name: 'Digital',
      stripePrices: [
        { interval: 'month', priceId: 'price_digital_month' },
        { interval: 'year', priceId: 'price_digital_year' },
      ],
      tier: 'digital',
    } as never,
  })
})
afterAll(() => app.shutdown())
beforeEach(() => {
  failNextReaderWrite = false
})

describe('lifecycle', () => {
  it('trial → active → past_due → canceled, each mapped onto the reader (status, period, trial end, plan and tier)', async () => {
    const reader = await newReader('life@newsroom.test', { stripeCustomerId: 'cus_life' })
    const base = { customer: 'cus_life', id: 'sub_life' }
    const trial = stripeEvent(
      'customer.subscription.created',
      subscriptionObject({ ...base, periodEnd: at(14), periodStart: at(0), status: 'trialing', trialEnd: at(14) }),
      at(0),
    )
    expect((await post(trial)).status).toBe(200)
    let sub = await subscriptionOf(reader)
    expect(sub).toMatchObject({
      plan: 'premium',
      status: 'trialing',
      stripeCustomerId: 'cus_life',
      stripeSubscriptionId: 'sub_life',
      tier: 'digital',
    })
    expect(new Date(sub.trialEnd).getTime()).toBe(Math.floor(at(14).getTime() / 1000) * 1000)

    const active = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({ ...base, periodEnd: at(44), periodStart: at(14), status: 'active' }),
      at(14),
    )
    expect((await post(active)).json).toMatchObject({ applied: true })
    sub = await subscriptionOf(reader)
    expect(sub.status).toBe('active')
    expect(new Date(sub.currentPeriodEnd).getTime()).toBe(Math.floor(at(44).getTime() / 1000) * 1000)
    expect(sub.trialEnd ?? null).toBeNull()

    const failed = stripeEvent(
      'invoice.payment_failed',
      invoiceObject({ customer: 'cus_life', periodEnd: at(74), periodStart: at(44), subscription: 'sub_life' }),
      at(44),
    )
    expect((await post(failed)).json).toMatchObject({ applied: true })
    sub = await subscriptionOf(reader)
    expect(sub.status).toBe('past_due')
    expect(new Date(sub.currentPeriodStart).getTime()).toBe(Math.floor(at(44).getTime() / 1000) * 1000)

    const deleted = stripeEvent(
      'customer.subscription.deleted',
      subscriptionObject({ ...base, periodEnd: at(74), periodStart: at(44), status: 'canceled' }),
      at(50),
    )
    expect((await post(deleted)).json).toMatchObject({ applied: true })
    // Each write changed only its own fields: the ids, plan and tier are still there.
    expect(await subscriptionOf(reader)).toMatchObject({
      plan: 'premium',
      status: 'canceled',
      stripeCustomerId: 'cus_life',
      stripeSubscriptionId: 'sub_life',
      tier: 'digital',
    })
  })

  it.each(SUBSCRIPTION_STATUSES.map((status) => [status]))('status %s is stored as Stripe sends it', async (status) => {
    const reader = await newReader(`status-${status}@newsroom.test`, { stripeCustomerId: `cus_${status}` })
    const event = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({
        customer: `cus_${status}`,
        id: `sub_${status}`,
        periodEnd: at(30),
        periodStart: at(0),
        status,
      }),
      at(1),
    )
    expect((await post(event)).status).toBe(200)
    expect((await subscriptionOf(reader)).status).toBe(status)
  })

  it('reads the period from the subscription itself on older API versions', async () => {
    const reader = await newReader('legacy@newsroom.test', { stripeCustomerId: 'cus_legacy' })
    const event = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({
        api: 'legacy',
        customer: 'cus_legacy',
        periodEnd: at(31),
        periodStart: at(1),
        status: 'active',
      }),
      at(1),
    )
    await post(event)
    const sub = await subscriptionOf(reader)
    expect(new Date(sub.currentPeriodEnd).getTime()).toBe(Math.floor(at(31).getTime() / 1000) * 1000)
  })

  it('cancel at period end is recorded and the reader keeps the period', async () => {
    const reader = await newReader('cancel@newsroom.test', { stripeCustomerId: 'cus_cancel' })
    const event = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({
        cancelAtPeriodEnd: true,
        customer: 'cus_cancel',
        periodEnd: at(60),
        periodStart: at(30),
        status: 'active',
      }),
      at(31),
    )
    await post(event)
    expect(await subscriptionOf(reader)).toMatchObject({ cancelAtPeriodEnd: true, status: 'active' })
    // An editor's note on the account survives the webhook's writes (only billing paths change).
    expect((await app.payload.findByID({ collection: 'readers', id: reader })).email).toBe('cancel@newsroom.test')
  })

  it('invoice.paid brings a past_due subscription back to active with the new period', async () => {
    const reader = await newReader('paid@newsroom.test', {
      plan: 'premium',
      status: 'past_due',
      stripeCustomerId: 'cus_paid',
      stripeSubscriptionId: 'sub_paid',
    })
    const paid = stripeEvent(
      'invoice.paid',
      invoiceObject({ customer: 'cus_paid', periodEnd: at(70), periodStart: at(40), subscription: 'sub_paid' }),
      at(41),
    )
    expect((await post(paid)).json).toMatchObject({ applied: true })
    const sub = await subscriptionOf(reader)
    expect(sub.status).toBe('active')
    expect(new Date(sub.currentPeriodEnd).getTime()).toBe(Math.floor(at(70).getTime() / 1000) * 1000)
  })

  it('checkout.session.completed links a reader without a customer by client_reference_id; later events match the customer', async () => {
    const reader = await newReader('checkout@newsroom.test')
    const done = stripeEvent(
      'checkout.session.completed',
      checkoutSessionObject({ customer: 'cus_new', reader, subscription: 'sub_new' }),
      at(2),
    )
    expect((await post(done)).json).toMatchObject({ applied: true })
    expect(await subscriptionOf(reader)).toMatchObject({ stripeCustomerId: 'cus_new', stripeSubscriptionId: 'sub_new' })
    const created = stripeEvent(
      'customer.subscription.created',
      subscriptionObject({
        customer: 'cus_new',
        id: 'sub_new',
        periodEnd: at(32),
        periodStart: at(2),
        status: 'active',
      }),
      at(2),
    )
    await post(created)
    expect(await subscriptionOf(reader)).toMatchObject({ plan: 'premium', status: 'active', tier: 'digital' })
  })

  it('a price no plan lists gives the free plan (fails closed)', async () => {
    const reader = await newReader('noplan@newsroom.test', { stripeCustomerId: 'cus_noplan' })
    const event = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({
        customer: 'cus_noplan',
        periodEnd: at(30),
        periodStart: at(0),
        price: 'price_unknown',
        status: 'active',
      }),
      at(1),
    )
    await post(event)
    expect(await subscriptionOf(reader)).toMatchObject({ plan: 'free', status: 'active' })
    expect((await subscriptionOf(reader)).tier ?? null).toBeNull()
  })

  it('an unknown event type is acknowledged (200) and ignored: no ledger entry, nothing changed', async () => {
    const before = (await ledger()).length
    const response = await post(stripeEvent('charge.refunded', { id: 'ch_1', object: 'charge' }, at(1)))
    expect(response.status).toBe(200)
    expect(response.json).toMatchObject({ ignored: true })
    expect((await ledger()).length).toBe(before)
  })

  it('a complimentary grant is never overwritten by a webhook', async () => {
    const reader = await newReader('comp@newsroom.test', {
      complimentary: true,
      plan: 'premium',
      status: 'active',
      stripeCustomerId: 'cus_comp',
    })
    const event = stripeEvent(
      'customer.subscription.deleted',
      subscriptionObject({ customer: 'cus_comp', periodEnd: at(30), periodStart: at(0), status: 'canceled' }),
      at(5),
    )
    expect((await post(event)).json).toMatchObject({ applied: false })
    expect(await subscriptionOf(reader)).toMatchObject({ complimentary: true, plan: 'premium', status: 'active' })
  })
})

describe('idempotent and order-safe', () => {
  it('a replayed event is processed once (200 duplicate), one ledger entry', async () => {
    const reader = await newReader('replay@newsroom.test', { stripeCustomerId: 'cus_replay' })
    const event = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({ customer: 'cus_replay', periodEnd: at(30), periodStart: at(0), status: 'active' }),
      at(3),
    )
    expect((await post(event)).json).toMatchObject({ applied: true })
    // An editor changes the subscription in between: a replay must not undo it.
    await app.payload.update({
      collection: 'readers',
      data: { subscription: { status: 'paused' } } as never,
      id: reader,
    })
    const again = await post(event)
    expect(again.status).toBe(200)
    expect(again.json).toMatchObject({ duplicate: true })
    expect((await subscriptionOf(reader)).status).toBe('paused')
    expect((await ledger()).filter((e) => e.eventId === event.id)).toHaveLength(1)
  })

  it('an older event delivered after a newer one changes nothing', async () => {
    const reader = await newReader('order@newsroom.test', { stripeCustomerId: 'cus_order' })
    const sub = (status: string) =>
      subscriptionObject({ customer: 'cus_order', periodEnd: at(30), periodStart: at(0), status })
    const newer = stripeEvent('customer.subscription.deleted', sub('canceled'), at(20))
    const older = stripeEvent('customer.subscription.updated', sub('active'), at(10))
    await post(newer)
    const late = await post(older)
    expect(late.status).toBe(200)
    expect(late.json).toMatchObject({ applied: false })
    expect((await subscriptionOf(reader)).status).toBe('canceled')
  })

  it('a same-second update never revives a deleted subscription', async () => {
    const reader = await newReader('samesecond@newsroom.test', { stripeCustomerId: 'cus_same' })
    const sub = (status: string) =>
      subscriptionObject({ customer: 'cus_same', periodEnd: at(30), periodStart: at(0), status })
    await post(stripeEvent('customer.subscription.deleted', sub('canceled'), at(20)))
    await post(stripeEvent('customer.subscription.updated', sub('active'), at(20)))
    expect((await subscriptionOf(reader)).status).toBe('canceled')
  })

  it('a late event of an old subscription does not replace a live newer one', async () => {
    const reader = await newReader('twosubs@newsroom.test', { stripeCustomerId: 'cus_two' })
    await post(
      stripeEvent(
        'customer.subscription.created',
        subscriptionObject({
          customer: 'cus_two',
          id: 'sub_b',
          periodEnd: at(60),
          periodStart: at(30),
          status: 'active',
        }),
        at(30),
      ),
    )
    await post(
      stripeEvent(
        'customer.subscription.deleted',
        subscriptionObject({
          customer: 'cus_two',
          id: 'sub_a',
          periodEnd: at(31),
          periodStart: at(1),
          status: 'canceled',
        }),
        at(31),
      ),
    )
    expect(await subscriptionOf(reader)).toMatchObject({ status: 'active', stripeSubscriptionId: 'sub_b' })
  })

  it('20 concurrent deliveries of one event: applied exactly once, the rest duplicate or 409, one ledger entry', async () => {
    const reader = await newReader('concurrent@newsroom.test', { stripeCustomerId: 'cus_conc' })
    const event = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({ customer: 'cus_conc', periodEnd: at(30), periodStart: at(0), status: 'active' }),
      at(4),
    )
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(event)))
    const applied = responses.filter((r) => r.status === 200 && r.json?.applied === true)
    expect(applied).toHaveLength(1)
    for (const r of responses) expect([200, 409]).toContain(r.status)
    expect((await ledger()).filter((e) => e.eventId === event.id)).toHaveLength(1)
    expect((await subscriptionOf(reader)).status).toBe('active')
  })

  it('a failure answers 500, leaves the reader and the ledger as before, and the retry applies the event', async () => {
    const reader = await newReader('failure@newsroom.test', { stripeCustomerId: 'cus_fail' })
    const event = stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({
        customer: 'cus_fail',
        periodEnd: at(30),
        periodStart: at(0),
        status: 'trialing',
        trialEnd: at(7),
      }),
      at(1),
    )
    failNextReaderWrite = true
    const failed = await post(event)
    expect(failed.status).toBe(500)
    expect((await subscriptionOf(reader)).status).toBe('active')
    expect((await ledger()).filter((e) => e.eventId === event.id)).toHaveLength(0)
    const retry = await post(event)
    expect(retry.json).toMatchObject({ applied: true })
    expect((await subscriptionOf(reader)).status).toBe('trialing')
  })
})

describe('refusals change nothing', () => {
  let reader: string
  const event = stripeEvent(
    'customer.subscription.deleted',
    subscriptionObject({ customer: 'cus_refuse', periodEnd: at(30), periodStart: at(0), status: 'canceled' }),
    at(1),
  )
  beforeAll(async () => {
    reader = await newReader('refuse@newsroom.test', { stripeCustomerId: 'cus_refuse' })
  })
  const unchanged = async () => {
    expect((await subscriptionOf(reader)).status).toBe('active')
    expect((await ledger()).filter((e) => e.eventId === event.id)).toHaveLength(0)
  }

  it.each([
    ['missing signature', () => ({ body: JSON.stringify(event), headers: { 'content-type': 'application/json' } })],
    ['wrong secret', () => signedDelivery(event, { secret: 'whsec_someone_else' })],
    [
      'expired signature (10 minutes old)',
      () => signedDelivery(event, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
    ],
    [
      'body altered after signing',
      () => {
        const signed = signedDelivery(event)
        return { ...signed, body: signed.body.replace('"canceled"', '"active"') }
      },
    ],
    ['garbage signature header', () => ({ ...signedDelivery(event), headers: { 'stripe-signature': 't=1,v1=zz' } })],
  ])('%s → 400', async (_name, delivery) => {
    const response = await app.rest.post(WEBHOOK_PATH, delivery())
    expect(response.status).toBe(400)
    expect(response.json.errors[0].message).toMatch(/signature/i)
    await unchanged()
  })

  it.each([
    ['not JSON', '{"id": "evt_x", '],
    ['JSON but no event', '[1,2,3]'],
    ['an event without created', JSON.stringify({ ...event, created: undefined })],
    [
      'a subscription event without a customer',
      JSON.stringify({ ...event, data: { object: { ...(event.data.object as object), customer: null } } }),
    ],
    [
      'an unknown status',
      JSON.stringify({ ...event, data: { object: { ...(event.data.object as object), status: 'exploded' } } }),
    ],
    ['no data.object', JSON.stringify({ ...event, data: null })],
  ])('signed but malformed: %s → 400', async (_name, body) => {
    const response = await app.rest.post(WEBHOOK_PATH, {
      body,
      headers: { 'content-type': 'application/json', 'stripe-signature': signature(body) },
    })
    expect(response.status).toBe(400)
    expect(response.json.errors[0].message).toBeTruthy()
    await unchanged()
  })

  it('the ledger is editors-only: readers and the public cannot read or write it', async () => {
    expect((await app.rest.get('/newsroom-stripe-events')).status).toBe(403)
    expect((await app.rest.post('/newsroom-stripe-events', { body: { eventId: 'x' } })).status).toBe(403)
    expect((await app.rest.get('/newsroom-stripe-events', { token: app.editorToken })).status).toBe(200)
  })

  it('readers cannot write billing fields on their own account', async () => {
    const token = await app.rest.login('readers', 'refuse@newsroom.test', 'reader-password-1')
    await app.rest.patch(`/readers/${reader}`, {
      body: {
        subscription: {
          complimentary: true,
          plan: 'premium',
          status: 'active',
          stripeCustomerId: 'cus_evil',
          tier: 'gold',
        },
      },
      token,
    })
    expect(await subscriptionOf(reader)).toMatchObject({ plan: 'free', stripeCustomerId: 'cus_refuse' })
    expect((await subscriptionOf(reader)).complimentary ?? false).toBe(false)
  })
})
