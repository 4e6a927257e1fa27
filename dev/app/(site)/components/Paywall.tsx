import type { ArticlePageArticle, Meter, Reader } from '../lib/types.js'

import { formatDate } from '../lib/format.js'
import { UnlockButton } from './UnlockButton.js'

type Props = {
  article: Pick<ArticlePageArticle, 'id' | 'visibility'>
  articlePath: string
  meter: Meter | null | undefined
  reader: null | Reader
}

/**
 * What a reader who may not read an article sees after its teaser: a register box for a members-only article,
 * a subscribe box for a paid or tier one, and the meter's offer when free articles are left.
 */
export function Paywall({ article, articlePath, meter, reader }: Props) {
  const subscription = reader?.subscription
  const ended =
    subscription?.plan === 'premium' &&
    subscription.currentPeriodEnd &&
    new Date(subscription.currentPeriodEnd) <= new Date()
  const loginHref = `/login?next=${encodeURIComponent(articlePath)}`
  const membersOnly = article.visibility === 'members'
  return (
    <section aria-labelledby="paywall-title" className="paywall">
      {meter && meter.remaining > 0 ? (
        <div className="meter-box">
          <p>
            You have {meter.remaining} of {meter.limit} free articles left — <UnlockButton articleId={article.id} />
          </p>
        </div>
      ) : null}
      {membersOnly ? (
        <>
          <h2 id="paywall-title">Register to keep reading</h2>
          <p>This article is for registered readers. Creating an account is free.</p>
          <p className="paywall-actions">
            <a className="button" href="/subscribe">
              Register for free
            </a>{' '}
            <a className="button secondary" href={loginHref}>
              Log in
            </a>
          </p>
        </>
      ) : (
        <>
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
            <p>This is premium content. Your current plan does not include it: upgrade to read the full article.</p>
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
        </>
      )}
    </section>
  )
}
