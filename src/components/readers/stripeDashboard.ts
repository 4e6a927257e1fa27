/** The Stripe dashboard page of a customer or subscription id (test-mode ids open the test dashboard). */
export const stripeDashboardUrl = (kind: 'customers' | 'subscriptions', id: string, testMode: boolean): string =>
  `https://dashboard.stripe.com/${testMode ? 'test/' : ''}${kind}/${encodeURIComponent(id)}`

/** Badge tone of a subscription status: entitled, at risk, or ended. */
export const subscriptionStatusTone = (status: string): 'approved' | 'pending' | 'spam' | 'trash' => {
  if (status === 'active' || status === 'trialing') return 'approved'
  if (status === 'past_due' || status === 'incomplete' || status === 'paused') return 'pending'
  if (status === 'unpaid') return 'spam'
  return 'trash'
}
