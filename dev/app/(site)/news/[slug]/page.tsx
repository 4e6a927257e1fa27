import type { Metadata } from 'next'

import { notFound } from 'next/navigation.js'
import { articleJsonLd, GATED_SECTION_CLASS } from 'payload-plugin-newsroom/utilities'
import { cache } from 'react'

import type { ArticlePageData, LatestVideosData } from '../../lib/types.js'

import articlePage from '../../../../graphql/articlePage.graphql'
import latestVideos from '../../../../graphql/latestVideos.graphql'
import { ArticleBody } from '../../components/ArticleBody.js'
import { CommentForm } from '../../components/CommentForm.js'
import { CommentThreads } from '../../components/CommentThreads.js'
import { LatestVideos } from '../../components/LatestVideos.js'
import { Paywall } from '../../components/Paywall.js'
import { ShareTools } from '../../components/ShareTools.js'
import { formatDate } from '../../lib/format.js'
import { loadCurrentReader, queryAsVisitor } from '../../lib/server.js'
import { buildThreads } from '../../lib/threads.js'
import { SITE_URL } from '../../../../config.js'

type Params = {
  params: Promise<{ slug: string }>
  searchParams: Promise<{ gift?: string | string[]; replyTo?: string | string[] }>
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)

// One ArticlePage query per request, shared by the metadata and the page (a gift link's token passed on).
const loadPage = cache(async (slug: string, gift: string | undefined) => {
  const { Articles, meter } = await queryAsVisitor<ArticlePageData>(articlePage, { slug }, { gift })
  return { article: Articles?.docs[0] ?? null, meter }
})

export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const { article } = await loadPage((await params).slug, first((await searchParams).gift))
  return article ? { description: article.excerpt ?? undefined, title: article.title } : {}
}

export default async function ArticlePage({ params, searchParams }: Params) {
  const { slug } = await params
  const gift = first((await searchParams).gift)
  const [{ article, meter }, videos, me] = await Promise.all([
    loadPage(slug, gift),
    queryAsVisitor<LatestVideosData>(latestVideos, { limit: 4 }),
    loadCurrentReader(),
  ])
  if (!article) notFound()

  const articlePath = `/news/${encodeURIComponent(article.slug)}`
  const comments = article.comments?.docs ?? []
  const threads = buildThreads(comments)
  const { replyTo } = await searchParams
  const replyToId = first(replyTo)
  const replyComment = replyToId ? comments.find((comment) => comment.id === replyToId) : undefined
  const commentsOpen =
    article.allowComments !== false && !(article.commentsCloseAt && new Date(article.commentsCloseAt) <= new Date())
  const approvedCount = article.commentCount ?? comments.length

  // schema.org NewsArticle: search engines learn which section is gated (the element with GATED_SECTION_CLASS).
  const jsonLd = articleJsonLd(article, { publisherName: 'Newsroom', siteUrl: SITE_URL })
  const gated = article.visibility ? article.visibility !== 'public' : Boolean(article.premium)

  return (
    <>
      <script
        // JSON in a script element: `<` escaped so no text in it can close the element.
        dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, '\\u003c') }}
        type="application/ld+json"
      />
      <article aria-labelledby="article-title" className="article">
        <header className="article-header">
          {article.visibility === 'members' ? (
            <p className="badge members-badge">Members</p>
          ) : article.premium ? (
            <p className="badge premium-badge">Premium Content</p>
          ) : null}
          <h1 id="article-title">{article.title}</h1>
          <p className="byline">
            {article.author ? (
              <>
                By <span className="author">{article.author}</span> ·{' '}
              </>
            ) : null}
            {article.publishedAt ? <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time> : null}
          </p>
          <ShareTools articleId={article.id} title={article.title} />
        </header>
        {article.unlockedBy === 'gift' ? (
          <p className="gift-box" role="note">
            Gifted by {article.giftedBy ?? 'a subscriber'}
          </p>
        ) : null}
        {article.locked ? (
          <>
            <ArticleBody className="article-teaser" data={article.teaser} />
            <div className={GATED_SECTION_CLASS}>
              <Paywall article={article} articlePath={articlePath} meter={meter} reader={me} />
            </div>
          </>
        ) : (
          <div className={gated ? GATED_SECTION_CLASS : undefined}>
            <ArticleBody className="article-full" data={article.content} />
          </div>
        )}
      </article>

      <section aria-labelledby="comments-title" className="comments" id="comments">
        <h2 id="comments-title">{approvedCount === 1 ? '1 Comment' : `${approvedCount} Comments`}</h2>
        <CommentThreads articlePath={articlePath} repliesOpen={commentsOpen} threads={threads} />
        {article.comments?.hasNextPage ? <p>Showing the first {comments.length} comments.</p> : null}
        {commentsOpen ? (
          <CommentForm
            articleId={article.id}
            articlePath={articlePath}
            key={replyComment?.id ?? 'new'}
            reader={me}
            replyTo={replyComment ? { authorName: replyComment.authorName, id: replyComment.id } : null}
          />
        ) : (
          <p>Comments are closed.</p>
        )}
      </section>

      <LatestVideos videos={videos.Videos?.docs ?? []} />
    </>
  )
}
