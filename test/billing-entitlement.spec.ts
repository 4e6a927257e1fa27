/**
 * Entitlement with billing (src/utilities/isSubscriptionEntitled.ts), pure: Stripe's statuses, the past_due grace,
 * cancellation at period end, complimentary grants; and the rule without billing unchanged.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

import { SUBSCRIPTION_STATUSES } from '../src/billing/subscriptionStatus.js'
import { isSubscriptionEntitled, type Subscription } from '../src/utilities/isSubscriptionEntitled.js'

const NOW = new Date('2025-06-10T12:00:00.000Z')
const DAY = 24 * 60 * 60 * 1000
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString()
const billing = { graceDays: 3 }

describe('isSubscriptionEntitled with billing', () => {
  it.each<{ entitled: boolean; rule: string; sub: Subscription; grace?: number }>([
    {
      entitled: true,
      rule: 'active, period running',
      sub: { currentPeriodEnd: at(20), plan: 'premium', status: 'active' },
    },
    {
      entitled: false,
      rule: 'active, period ended',
      sub: { currentPeriodEnd: at(-1), plan: 'premium', status: 'active' },
    },
    {
      entitled: false,
      rule: 'active but the free plan',
      sub: { currentPeriodEnd: at(20), plan: 'free', status: 'active' },
    },
    {
      entitled: true,
      rule: 'trialing before the trial end',
      sub: { plan: 'premium', status: 'trialing', trialEnd: at(5) },
    },
    {
      entitled: false,
      rule: 'trialing after the trial end',
      sub: { plan: 'premium', status: 'trialing', trialEnd: at(-1) },
    },
    {
      entitled: true,
      rule: 'trialing without a trial end: the period end',
      sub: { currentPeriodEnd: at(2), plan: 'premium', status: 'trialing' },
    },
    {
      entitled: false,
      rule: 'an unreadable trial end fails closed',
      sub: { currentPeriodEnd: at(2), plan: 'premium', status: 'trialing', trialEnd: 'soon' },
    },
    {
      entitled: true,
      rule: 'past_due within the grace',
      sub: { currentPeriodEnd: at(28), currentPeriodStart: at(-2), plan: 'premium', status: 'past_due' },
    },
    {
      entitled: false,
      rule: 'past_due after the grace',
      sub: { currentPeriodEnd: at(26), currentPeriodStart: at(-4), plan: 'premium', status: 'past_due' },
    },
    {
      entitled: false,
      rule: 'past_due with the default grace of 0 days',
      grace: 0,
      sub: { currentPeriodEnd: at(28), currentPeriodStart: at(-1 / 24), plan: 'premium', status: 'past_due' },
    },
    {
      entitled: false,
      rule: 'past_due without a recorded period start fails closed',
      sub: { currentPeriodEnd: at(28), plan: 'premium', status: 'past_due' },
    },
    {
      entitled: true,
      rule: 'cancelled at period end, before the end',
      sub: { cancelAtPeriodEnd: true, currentPeriodEnd: at(1), plan: 'premium', status: 'active' },
    },
    {
      entitled: false,
      rule: 'cancelled at period end, after the end',
      sub: { cancelAtPeriodEnd: true, currentPeriodEnd: at(-1 / 24), plan: 'premium', status: 'active' },
    },
    ...(['unpaid', 'canceled', 'incomplete', 'incomplete_expired', 'paused'] as const).map((status) => ({
      entitled: false,
      rule: `${status} is not entitled`,
      sub: { currentPeriodEnd: at(20), currentPeriodStart: at(0), plan: 'premium', status },
    })),
    {
      entitled: true,
      rule: 'complimentary: the rule without billing (active, open-ended)',
      sub: { complimentary: true, plan: 'premium', status: 'active' },
    },
    {
      entitled: false,
      rule: 'complimentary but trialing: only active counts without billing',
      sub: { complimentary: true, plan: 'premium', status: 'trialing', trialEnd: at(3) },
    },
  ])('$rule', ({ entitled, grace, sub }) => {
    expect(isSubscriptionEntitled(sub, NOW, { graceDays: grace ?? billing.graceDays })).toBe(entitled)
  })

  it('without billing: only active, premium, period not ended (trialing and past_due are not)', () => {
    expect(isSubscriptionEntitled({ plan: 'premium', status: 'trialing', trialEnd: at(3) }, NOW)).toBe(false)
    expect(isSubscriptionEntitled({ currentPeriodStart: at(0), plan: 'premium', status: 'past_due' }, NOW)).toBe(false)
    expect(isSubscriptionEntitled({ currentPeriodEnd: at(3), plan: 'premium', status: 'active' }, NOW)).toBe(true)
    expect(isSubscriptionEntitled({ currentPeriodEnd: at(3), plan: 'premium', status: 'active' }, NOW, null)).toBe(true)
  })

  const date = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.constant('garbage'),
    fc.integer({ max: 60, min: -60 }).map((d) => at(d / 2)),
  )
  const subscription = fc.record(
    {
      cancelAtPeriodEnd: fc.boolean(),
      complimentary: fc.boolean(),
      currentPeriodEnd: date,
      currentPeriodStart: date,
      plan: fc.constantFrom('premium', 'free', null),
      status: fc.constantFrom(...SUBSCRIPTION_STATUSES, 'weird', null),
      trialEnd: date,
    },
    { requiredKeys: [] },
  )

  it('property: only trialing, active or past_due (in grace) of a premium plan are ever entitled; more grace never takes access away', () => {
    fc.assert(
      fc.property(subscription, fc.integer({ max: 30, min: 0 }), fc.integer({ max: 30, min: 0 }), (sub, g1, g2) => {
        const entitled = isSubscriptionEntitled(sub, NOW, { graceDays: g1 })
        if (entitled) {
          expect(sub.plan).toBe('premium')
          expect(sub.complimentary ? ['active'] : ['active', 'trialing', 'past_due']).toContain(sub.status)
        }
        if (entitled && g2 >= g1) expect(isSubscriptionEntitled(sub, NOW, { graceDays: g2 })).toBe(true)
      }),
    )
  })

  it('property: past_due is never entitled past the start of its unpaid period plus the grace', () => {
    fc.assert(
      fc.property(subscription, fc.integer({ max: 30, min: 0 }), (sub, grace) => {
        if (sub.status !== 'past_due' || sub.complimentary) return
        const start = typeof sub.currentPeriodStart === 'string' ? new Date(sub.currentPeriodStart).getTime() : NaN
        const entitled = isSubscriptionEntitled(sub, NOW, { graceDays: grace })
        if (entitled) expect(start + grace * DAY).toBeGreaterThan(NOW.getTime())
      }),
    )
  })
})
