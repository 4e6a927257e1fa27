/**
 * The Stripe webhook across two separate processes on one database (test/harness/cluster.ts): every event is
 * delivered to both at once, as when Stripe retries while the first delivery is still running or two endpoints
 * share a secret. The ledger's unique index decides: each event applied exactly once; and a lifecycle delivered
 * out of order across the two ends in the newest state.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'

import type { Cluster } from './harness/cluster.js'
import type { InitializedPayload } from './harness/initPayload.js'

import { startCluster } from './harness/cluster.js'
import {
  SECRET_KEY,
  signedDelivery,
  stripeEvent,
  subscriptionObject,
  WEBHOOK_PATH,
  WEBHOOK_SECRET,
} from './helpers/stripeEvents.js'

const DAY = 24 * 60 * 60 * 1000
const T0 = new Date(Date.now() - 10 * DAY)
const at = (days: number) => new Date(T0.getTime() + days * DAY)

let cluster: Cluster
let observer: InitializedPayload

beforeAll(async () => {
  cluster = await startCluster({
    nodes: 2,
    options: { plugin: { billing: { stripe: { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET } } } },
  })
  observer = await cluster.observer()
  await observer.payload.create({
    collection: 'plans' as never,
    data: {
      active: true,
      name: 'Digital',
      stripePrices: [{ interval: 'month', priceId: 'price_digital_month' }],
      tier: 'digital',
    } as never,
  })
}, 120_000)
afterAll(() => cluster?.stop())

it('20 events, each delivered to both processes at once: each applied exactly once, one ledger entry each', async () => {
  const [a, b] = cluster.nodes
  const events = []
  for (let i = 0; i < 20; i++) {
    await observer.payload.create({
      collection: 'readers',
      data: {
        _verified: true,
        email: `c${i}@newsroom.test`,
        password: 'reader-password-1',
        subscription: { stripeCustomerId: `cus_c${i}` },
      } as never,
    })
    events.push(
      stripeEvent(
        'customer.subscription.created',
        subscriptionObject({
          customer: `cus_c${i}`,
          id: `sub_c${i}`,
          periodEnd: at(30),
          periodStart: at(0),
          status: 'active',
        }),
        at(0),
      ),
    )
  }
  const answers = await Promise.all(
    events.map(async (event) => {
      const delivery = signedDelivery(event)
      return Promise.all([a!.rest.post(WEBHOOK_PATH, delivery), b!.rest.post(WEBHOOK_PATH, delivery)])
    }),
  )
  for (const pair of answers) {
    expect(pair.filter((r) => r.status === 200 && r.json?.applied === true)).toHaveLength(1)
    for (const r of pair) expect([200, 409]).toContain(r.status)
  }
  const ledger = await observer.payload.find({
    collection: 'newsroom-stripe-events' as never,
    limit: 100,
    pagination: false,
  })
  expect(ledger.docs).toHaveLength(20)
  expect(new Set(ledger.docs.map((d: any) => d.eventId)).size).toBe(20)
  const active = await observer.payload.count({
    collection: 'readers',
    where: { 'subscription.status': { equals: 'active' }, 'subscription.tier': { equals: 'digital' } },
  })
  expect(active.totalDocs).toBe(20)
})

it('a lifecycle delivered out of order, alternating between the processes, ends in the newest state', async () => {
  const [a, b] = cluster.nodes
  const reader = await observer.payload.create({
    collection: 'readers',
    data: {
      _verified: true,
      email: 'order@newsroom.test',
      password: 'reader-password-1',
      subscription: { stripeCustomerId: 'cus_order' },
    } as never,
  })
  const sub = (status: string, day: number) =>
    stripeEvent(
      'customer.subscription.updated',
      subscriptionObject({
        customer: 'cus_order',
        id: 'sub_order',
        periodEnd: at(day + 30),
        periodStart: at(day),
        status,
        trialEnd: status === 'trialing' ? at(7) : null,
      }),
      at(day),
    )
  const lifecycle = [sub('trialing', 0), sub('active', 7), sub('past_due', 37), sub('canceled', 45)]
  const delivered = [lifecycle[3]!, lifecycle[1]!, lifecycle[0]!, lifecycle[2]!]
  for (const [i, event] of delivered.entries()) {
    const node = i % 2 === 0 ? a! : b!
    expect((await node.rest.post(WEBHOOK_PATH, signedDelivery(event))).status).toBe(200)
  }
  const stored = (await observer.payload.findByID({ collection: 'readers', id: reader.id })) as any
  expect(stored.subscription.status).toBe('canceled')
})
