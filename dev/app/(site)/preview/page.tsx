import type { Metadata } from 'next'

import config from '@payload-config'
import { REST_GET } from '@payloadcms/next/routes'

import type { LexicalState } from '../lib/types.js'

import { SITE_URL } from '../../../config.js'
import { ArticleBody } from '../components/ArticleBody.js'
import { Paywall } from '../components/Paywall.js'
import { RefreshOnSave } from '../components/RefreshOnSave.js'
import { formatDate } from '../lib/format.js'

// A preview is per token and per moment: never prerendered, never cached, never indexed or sent on as Referer.
export const dynamic = 'force-dynamic'
export const metadata: Metadata = { referrer: 'no-referrer', robots: { follow: false, index: false }, title: 'Preview' }

type Params = { searchParams: Promise<{ token?: string | string[]; view?: string | string[] }> }
type PreviewArticle = {
  author?: null | string
  content?: LexicalState | null
  id: number | string
  locked: boolean
  premium?: boolean | null
  publishedAt?: null | string
  slug?: null | string
  teaser?: LexicalState | null
  title?: null | string
  visibility?: 'members' | 'paid' | 'public' | 'tiers' | null
}
type PreviewAnswer = { article?: PreviewArticle; errors?: { message: string }[]; expiresAt?: string }

const restGet = REST_GET(config)
const first = (value?: string | string[]) => (Array.isArray(value) ? value[0] : value)

/** The draft the token names, fetched server-side from the plugin's preview endpoint (the token never reaches the browser's API calls). */
async function loadPreview(token: string, view: string): Promise<{ body: PreviewAnswer; status: number }> {
  const url = new URL(`${SITE_URL}/api/articles/preview`)
  url.searchParams.set('token', token)
  url.searchParams.set('view', view)
  const response = await restGet(new Request(url), { params: Promise.resolve({ slug: ['articles', 'preview'] }) })
  return { body: (await response.json()) as PreviewAnswer, status: response.status }
}

export default async function PreviewPage({ searchParams }: Params) {
  const params = await searchParams
  const token = first(params.token) ?? ''
  const view = first(params.view) === 'public' ? 'public' : 'subscriber'
  const { body, status } = token
    ? await loadPreview(token, view)
    : { body: { errors: [{ message: 'A preview token is required.' }] }, status: 400 }
  const article = body.article
  if (status !== 200 || !article) {
    return (
      <section aria-labelledby="preview-error" className="preview-error">
        <h1 id="preview-error">Preview unavailable</h1>
        <p role="alert">{body.errors?.[0]?.message ?? 'This preview cannot be shown.'}</p>
      </section>
    )
  }
  const viewHref = (next: string) => `/preview?token=${encodeURIComponent(token)}&view=${next}`
  return (
    <>
      <RefreshOnSave />
      <nav aria-label="Preview" className="preview-bar">
        <p>
          <strong>Preview of a draft</strong> · link valid until{' '}
          <time dateTime={body.expiresAt}>{formatDate(body.expiresAt)}</time>
        </p>
        <p className="preview-toggle">
          View as:{' '}
          <a aria-current={view === 'subscriber' ? 'page' : undefined} href={viewHref('subscriber')}>
            Subscriber
          </a>{' '}
          <a aria-current={view === 'public' ? 'page' : undefined} href={viewHref('public')}>
            Non-subscriber
          </a>
        </p>
      </nav>
      <article aria-labelledby="article-title" className="article">
        <header className="article-header">
          {article.premium ? <p className="badge premium-badge">Premium Content</p> : null}
          <h1 id="article-title">{article.title}</h1>
          <p className="byline">
            {article.author ? (
              <>
                By <span className="author">{article.author}</span> ·{' '}
              </>
            ) : null}
            {article.publishedAt ? <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time> : null}
          </p>
        </header>
        {article.locked ? (
          <>
            <ArticleBody className="article-teaser" data={article.teaser} />
            <Paywall
              article={{ id: String(article.id), visibility: article.visibility }}
              articlePath={`/news/${encodeURIComponent(article.slug ?? '')}`}
              meter={null}
              reader={null}
            />
          </>
        ) : (
          <ArticleBody className="article-full" data={article.content} />
        )}
      </article>
    </>
  )
}
