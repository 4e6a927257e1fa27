/** Stripe's subscription statuses, as the readers' `subscription.status` stores them. */
export const SUBSCRIPTION_STATUSES = [
  'active',
  'trialing',
  'past_due',
  'unpaid',
  'canceled',
  'incomplete',
  'incomplete_expired',
  'paused',
] as const

export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number]

/** A subscription Stripe may still bill: a webhook about another subscription of the customer must not replace it. */
export const LIVE_STATUSES: SubscriptionStatus[] = ['active', 'trialing', 'past_due', 'unpaid', 'paused']

export const isSubscriptionStatus = (value: unknown): value is SubscriptionStatus =>
  typeof value === 'string' && (SUBSCRIPTION_STATUSES as readonly string[]).includes(value)
