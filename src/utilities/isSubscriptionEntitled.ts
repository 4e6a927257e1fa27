export type Subscription = {
  currentPeriodEnd?: Date | null | string
  plan?: null | string
  status?: null | string
}

/**
 * The default entitlement rule: a premium plan, active, whose period has not ended.
 * No period end means an open-ended subscription (e.g. complimentary); an unreadable date fails closed.
 */
export const isSubscriptionEntitled = (
  subscription: null | Subscription | undefined,
  now: Date = new Date(),
): boolean => {
  if (!subscription) return false
  if (subscription.plan !== 'premium' || subscription.status !== 'active') return false
  if (
    subscription.currentPeriodEnd === null ||
    subscription.currentPeriodEnd === undefined ||
    subscription.currentPeriodEnd === ''
  ) {
    return true
  }
  const end = new Date(subscription.currentPeriodEnd)
  return !Number.isNaN(end.getTime()) && end.getTime() > now.getTime()
}
