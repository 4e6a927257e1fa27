import type { Metadata } from 'next'

import { notFound } from 'next/navigation.js'
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

type Params = { params: Promise<{ slug: string }>; searchParams: Promise<{ replyTo?: string | string[] }> }

// One ArticlePage query per request, shared by the metadata and the page.
const loadArticle = cache(async (slug: string) => {
  const { Articles } = await queryAsVisitor<ArticlePageData>(articlePage, { slug })
  return Articles?.docs[0] ?? null
})

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const article = await loadArticle((await params).slug)
  return article ? { description: article.excerpt ?? undefined, title: article.title } : {}
}

export default async function ArticlePage({ params, searchParams }: Params) {
  const { slug } = await params
  const [article, videos, me] = await Promise.all([
    loadArticle(slug),
    queryAsVisitor<LatestVideosData>(latestVideos, { limit: 4 }),
    loadCurrentReader(),
  ])
  if (!article) notFound()

  const articlePath = `/news/${encodeURIComponent(article.slug)}`
  const comments = article.comments?.docs ?? []
  const threads = buildThreads(comments)
  const { replyTo } = await searchParams
  const replyToId = Array.isArray(replyTo) ? replyTo[0] : replyTo
  const replyComment = replyToId ? comments.find((comment) => comment.id === replyToId) : undefined
  const commentsOpen =
    article.allowComments !== false && !(article.commentsCloseAt && new Date(article.commentsCloseAt) <= new Date())
  const approvedCount = article.commentCount ?? comments.length

  return (
    <>
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
          <ShareTools articleId={article.id} title={article.title} />
        </header>
        {article.locked ? (
          <>
            <ArticleBody className="article-teaser" data={article.teaser} />
            <Paywall articlePath={articlePath} reader={me} />
          </>
        ) : (
          <ArticleBody className="article-full" data={article.content} />
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
