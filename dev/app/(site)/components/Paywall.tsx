import type { Reader } from '../lib/types.js'

import { formatDate } from '../lib/format.js'

/** What a reader who may not read a premium article sees after its teaser. */
export function Paywall({ articlePath, reader }: { articlePath: string; reader: null | Reader }) {
  const subscription = reader?.subscription
  const ended =
    subscription?.plan === 'premium' &&
    subscription.currentPeriodEnd &&
    new Date(subscription.currentPeriodEnd) <= new Date()
  const loginHref = `/login?next=${encodeURIComponent(articlePath)}`
  return (
    <section aria-labelledby="paywall-title" className="paywall">
      <h2 id="paywall-title">Subscribe to keep reading</h2>
      {!reader ? (
        <p>
          This is premium content. Subscribe to read the full article, or log in if you already have a subscription.
        </p>
      ) : ended ? (
        <p>
          Your premium subscription ended on {formatDate(subscription?.currentPeriodEnd)}. Renew it to read the full
          article.
        </p>
      ) : (
        <p>
          This is premium content. Your current plan does not include it: upgrade to premium to read the full article.
        </p>
      )}
      <p className="paywall-actions">
        <a className="button" href="/subscribe">
          {ended ? 'Renew subscription' : 'Subscribe'}
        </a>
        {!reader ? (
          <>
            {' '}
            <a className="button secondary" href={loginHref}>
              Log in
            </a>
          </>
        ) : null}
      </p>
    </section>
  )
}
