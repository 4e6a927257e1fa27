import type { Metadata } from 'next'

import { BillingButton } from '../components/BillingButton.js'
import { loadCurrentReader } from '../lib/server.js'

export const metadata: Metadata = { title: 'Your account' }
export const dynamic = 'force-dynamic'

const day = (iso?: null | string) =>
  iso ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }) : null

/** The reader's plan, status and renewal (or end) date, and a link to Stripe's Customer Portal. */
export default async function AccountPage() {
  const reader = await loadCurrentReader()
  if (!reader) {
    return (
      <section className="narrow">
        <h1>Your account</h1>
        <p>
          <a href="/login?next=/account">Log in</a> to see your subscription.
        </p>
      </section>
    )
  }
  const sub = reader.subscription ?? {}
  const end = day(sub.currentPeriodEnd)
  const billingReady = Boolean(process.env.STRIPE_SECRET_KEY)
  return (
    <section className="narrow">
      <h1>Your account</h1>
      <dl>
        <dt>Plan</dt>
        <dd>{sub.plan === 'premium' ? `Premium${sub.tier ? ` (${sub.tier})` : ''}` : 'Free'}</dd>
        <dt>Status</dt>
        <dd data-status={sub.status ?? ''}>{(sub.status ?? 'active').replace(/_/g, ' ')}</dd>
        {sub.status === 'trialing' && sub.trialEnd ? (
          <>
            <dt>Trial ends</dt>
            <dd>{day(sub.trialEnd)}</dd>
          </>
        ) : null}
        {end && sub.plan === 'premium' ? (
          <>
            <dt>{sub.cancelAtPeriodEnd || sub.status === 'canceled' ? 'Ends on' : 'Renews on'}</dt>
            <dd>{end}</dd>
          </>
        ) : null}
      </dl>
      {sub.stripeCustomerId ? (
        <BillingButton endpoint="/api/readers/billing-portal" label="Manage billing" />
      ) : (
        <p>
          <a href="/subscribe">See the plans</a>
        </p>
      )}
      {!billingReady ? (
        <p className="notice" role="note">
          Payments are not set up on this server: set <code>STRIPE_SECRET_KEY</code> and{' '}
          <code>STRIPE_WEBHOOK_SECRET</code> and restart.
        </p>
      ) : null}
    </section>
  )
}
