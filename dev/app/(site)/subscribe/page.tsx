import type { Metadata } from 'next'

import type { PlansData } from '../lib/types.js'

import subscriptionPlans from '../../../graphql/subscriptionPlans.graphql'
import { BillingButton } from '../components/BillingButton.js'
import { loadCurrentReader, queryAsVisitor } from '../lib/server.js'

export const metadata: Metadata = { title: 'Subscribe' }
export const dynamic = 'force-dynamic'

/** Plans from GraphQL; a logged-in reader goes to Stripe Checkout, anyone else is asked to log in first. */
export default async function SubscribePage() {
  const [{ Plans }, reader] = await Promise.all([queryAsVisitor<PlansData>(subscriptionPlans), loadCurrentReader()])
  const plans = Plans?.docs ?? []
  const billingReady = Boolean(process.env.STRIPE_SECRET_KEY && process.env.STRIPE_WEBHOOK_SECRET)
  return (
    <section className="narrow">
      <h1>Subscribe</h1>
      {!billingReady ? (
        <p className="notice" role="note">
          Payments are not set up on this server: set <code>STRIPE_SECRET_KEY</code> (a Stripe test key,{' '}
          <code>sk_test_…</code>) and <code>STRIPE_WEBHOOK_SECRET</code> (<code>whsec_…</code>, from{' '}
          <code>stripe listen --forward-to localhost:3000/api/newsroom/stripe/webhook</code>) and restart. Editors can
          still grant a complimentary subscription in the admin panel (Readers → Subscription).
        </p>
      ) : null}
      {plans.length === 0 ? (
        <p>No plans are on sale yet. Editors add them in the admin panel (Newsroom → Plans).</p>
      ) : null}
      {plans.map((plan) => (
        <article className="plan" key={plan.id}>
          <h2>{plan.name}</h2>
          {plan.description ? <p>{plan.description}</p> : null}
          {plan.benefits?.length ? (
            <ul>
              {plan.benefits.map((b, i) => (
                <li key={i}>{b.benefit}</li>
              ))}
            </ul>
          ) : null}
          {plan.trialDays ? <p>{plan.trialDays}-day free trial.</p> : null}
          {reader ? (
            (plan.stripePrices ?? []).map(({ interval }) => (
              <BillingButton
                body={{ interval, plan: plan.id }}
                endpoint="/api/readers/checkout"
                key={interval}
                label={interval === 'year' ? 'Subscribe yearly' : 'Subscribe monthly'}
              />
            ))
          ) : (
            <p>
              <a href="/login?next=/subscribe">Log in</a> to subscribe.
            </p>
          )}
        </article>
      ))}
    </section>
  )
}
