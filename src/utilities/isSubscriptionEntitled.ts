export type Subscription = {
  currentPeriodEnd?: Date | null | string
  plan?: null | string
  status?: null | string
}

/** The default entitlement rule: a premium plan, active, whose period has not ended. */
export const isSubscriptionEntitled = (
  subscription: null | Subscription | undefined,
  now: Date = new Date(),
): boolean => {
  if (!subscription) return false
  if (subscription.plan !== 'premium' || subscription.status !== 'active') return false
  if (!subscription.currentPeriodEnd) return false
  const end = new Date(subscription.currentPeriodEnd)
  return !Number.isNaN(end.getTime()) && end.getTime() > now.getTime()
}
