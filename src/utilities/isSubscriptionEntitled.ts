export type Subscription = {
  cancelAtPeriodEnd?: boolean | null
  /** Set by editors: a subscription granted by hand, judged by the rule without billing (webhooks leave it alone). */
  complimentary?: boolean | null
  /** Start of the current billing period: a `past_due` subscription's grace counts from it (its unpaid renewal). */
  currentPeriodStart?: Date | null | string
  currentPeriodEnd?: Date | null | string
  plan?: null | string
  status?: null | string
  trialEnd?: Date | null | string
}

/** With billing on: how long a `past_due` subscription keeps access. */
export type BillingEntitlementRules = { graceDays: number }

const DAY_MS = 24 * 60 * 60 * 1000

/** `undefined`: no date given; `null`: a date that cannot be read (fails closed). */
const timeOf = (value: Date | null | string | undefined): null | number | undefined => {
  if (value === null || value === undefined || value === '') return undefined
  const time = new Date(value).getTime()
  return Number.isNaN(time) ? null : time
}

/** The rule without billing: premium, active, and the period (if any) not ended. */
const isActiveUntilPeriodEnd = (subscription: Subscription, now: number): boolean => {
  if (subscription.status !== 'active') return false
  const end = timeOf(subscription.currentPeriodEnd)
  if (end === undefined) return true
  return end !== null && end > now
}

/**
 * Stripe's statuses (README: Billing). `trialing`/`active`: until the period ends (a cancellation at period end
 * keeps access exactly until then; an open period has no end). `past_due`: `graceDays` from the start of the
 * unpaid period. `unpaid`, `canceled`, `incomplete`, `incomplete_expired`, `paused` and anything unknown: no.
 */
const isBilledEntitled = (subscription: Subscription, now: number, rules: BillingEntitlementRules): boolean => {
  const end = timeOf(subscription.currentPeriodEnd)
  switch (subscription.status) {
    case 'active':
      return end === undefined || (end !== null && end > now)
    case 'past_due': {
      if (!(rules.graceDays > 0)) return false
      // No recorded period start: the grace cannot be placed, so none is given (fails closed).
      const start = timeOf(subscription.currentPeriodStart)
      return typeof start === 'number' && start + rules.graceDays * DAY_MS > now
    }
    case 'trialing': {
      const trialEnd = timeOf(subscription.trialEnd)
      const until = trialEnd === undefined ? end : trialEnd
      return until === undefined || (until !== null && until > now)
    }
    default:
      return false
  }
}

/**
 * The default entitlement rule over a reader's subscription: a premium plan whose status and dates allow it.
 * Without billing (`billing` absent): active and the period not ended; no period end means an open-ended
 * subscription (e.g. complimentary); an unreadable date fails closed. With billing: Stripe's statuses as in
 * `isBilledEntitled`, except for an editor's complimentary grant, which keeps the rule without billing.
 */
export const isSubscriptionEntitled = (
  subscription: null | Subscription | undefined,
  now: Date = new Date(),
  billing?: BillingEntitlementRules | null,
): boolean => {
  if (!subscription || subscription.plan !== 'premium') return false
  const time = now.getTime()
  if (!billing || subscription.complimentary) return isActiveUntilPeriodEnd(subscription, time)
  return isBilledEntitled(subscription, time, billing)
}
