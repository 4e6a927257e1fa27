/**
 * Billing figures, measured in one run:
 *  1. Entitlement check cost, billing on vs off: the pure rule (src/utilities/isSubscriptionEntitled.ts) over a
 *     mix of subscriptions, without billing (the baseline) and with billing (`graceDays` 3); ns per check and the ratio.
 *  2. Stripe webhook events processed per second over HTTP: all events to one process, then the same number of
 *     fresh events split over two processes on the same database (test/harness/cluster.ts), 8 deliveries in flight;
 *     the ratio two/one. Each event is signed as Stripe signs it and changes one reader.
 *
 *   npx tsx bench/billing.bench.ts            (starts the embedded MongoDB-compatible server)
 *   MONGODB_URI=mongodb://… npx tsx bench/billing.bench.ts
 */
import { preloadLexical } from '../test/harness/preloadLexical.js'
import { median, runBench, startBenchDatabase } from './harness.js'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200)
const IN_FLIGHT = 8
const CHECKS = 2_000_000

const entitlementCost = async () => {
  const { isSubscriptionEntitled } = await import('../src/utilities/isSubscriptionEntitled.js')
  const now = new Date()
  const day = 24 * 60 * 60 * 1000
  const subs = [
    { currentPeriodEnd: new Date(now.getTime() + 20 * day).toISOString(), plan: 'premium', status: 'active' },
    { currentPeriodEnd: new Date(now.getTime() - 2 * day).toISOString(), plan: 'premium', status: 'active' },
    { plan: 'free', status: 'active' },
    { currentPeriodStart: new Date(now.getTime() - day).toISOString(), plan: 'premium', status: 'past_due' },
    { plan: 'premium', status: 'trialing', trialEnd: new Date(now.getTime() + 3 * day).toISOString() },
  ]
  const billing = { graceDays: 3 }
  const run = (withBilling: boolean) => {
    let entitled = 0
    const start = process.hrtime.bigint()
    for (let i = 0; i < CHECKS; i++) {
      if (isSubscriptionEntitled(subs[i % subs.length], now, withBilling ? billing : null)) entitled++
    }
    return { entitled, ns: Number(process.hrtime.bigint() - start) / CHECKS }
  }
  // Warm both paths, then alternate rounds and keep the medians.
  run(false)
  run(true)
  const off: number[] = []
  const on: number[] = []
  for (let round = 0; round < 5; round++) {
    off.push(run(false).ns)
    on.push(run(true).ns)
  }
  const offNs = median(off)
  const onNs = median(on)
  console.log(`entitlement check, billing off (baseline): ${offNs.toFixed(1)} ns`)
  console.log(`entitlement check, billing on:             ${onNs.toFixed(1)} ns`)
  console.log(`ratio on/off: ${(onNs / offNs).toFixed(2)}`)
}

const webhookThroughput = async () => {
  const { startCluster } = await import('../test/harness/cluster.js')
  const events = await import('../test/helpers/stripeEvents.js')
  const cluster = await startCluster({
    nodes: 2,
    options: {
      plugin: { billing: { stripe: { secretKey: events.SECRET_KEY, webhookSecret: events.WEBHOOK_SECRET } } },
    },
  })
  try {
    const observer = await cluster.observer()
    await observer.payload.create({
      collection: 'plans' as never,
      data: {
        active: true,
        name: 'Digital',
        stripePrices: [{ interval: 'month', priceId: 'price_digital_month' }],
        tier: 'digital',
      } as never,
    })
    const prepare = async (label: string) => {
      const list = []
      for (let i = 0; i < EVENTS; i++) {
        await observer.payload.db.create({
          collection: 'readers',
          data: {
            email: `${label}${i}@bench.test`,
            subscription: { plan: 'free', status: 'active', stripeCustomerId: `cus_${label}${i}` },
          },
        })
        const now = new Date()
        list.push(
          events.signedDelivery(
            events.stripeEvent(
              'customer.subscription.updated',
              events.subscriptionObject({
                customer: `cus_${label}${i}`,
                id: `sub_${label}${i}`,
                periodEnd: new Date(now.getTime() + 30 * 86_400_000),
                periodStart: now,
                status: 'active',
              }),
              now,
            ),
          ),
        )
      }
      return list
    }
    const deliver = async (deliveries: Awaited<ReturnType<typeof prepare>>, nodes: typeof cluster.nodes) => {
      let next = 0
      let failed = 0
      const start = performance.now()
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async (_, worker) => {
          for (let i = next++; i < deliveries.length; i = next++) {
            const node = nodes[(i + worker) % nodes.length]!
            const r = await node.rest.post(events.WEBHOOK_PATH, deliveries[i]!)
            if (r.status !== 200) failed++
          }
        }),
      )
      const seconds = (performance.now() - start) / 1000
      return { failed, perSecond: deliveries.length / seconds }
    }
    const warm = await prepare('warm')
    await deliver(warm.slice(0, 20), cluster.nodes)
    const one = await deliver(await prepare('one'), [cluster.nodes[0]!])
    const two = await deliver(await prepare('two'), cluster.nodes)
    console.log(
      `webhook, one process:   ${one.perSecond.toFixed(1)} events/s (${EVENTS} events, ${IN_FLIGHT} in flight, ${one.failed} not 200)`,
    )
    console.log(`webhook, two processes: ${two.perSecond.toFixed(1)} events/s (${two.failed} not 200)`)
    console.log(`ratio two/one: ${(two.perSecond / one.perSecond).toFixed(2)}`)
    const applied = await observer.payload.count({
      collection: 'readers',
      where: { 'subscription.plan': { equals: 'premium' } },
    })
    console.log(`readers upgraded: ${applied.totalDocs} (expected ${EVENTS * 2 + 20})`)
  } finally {
    await cluster.stop()
  }
}

const main = async () => {
  await preloadLexical()
  const stopDatabase = await startBenchDatabase()
  await entitlementCost()
  await webhookThroughput()
  await stopDatabase()
}

runBench('billing', main)
