import type { LatestArticlesData } from './lib/types.js'

import latestArticles from '../../graphql/latestArticles.graphql'
import { formatDate } from './lib/format.js'
import { queryAsVisitor } from './lib/server.js'

export default async function HomePage() {
  const { Articles } = await queryAsVisitor<LatestArticlesData>(latestArticles)
  const articles = Articles?.docs ?? []
  return (
    <section aria-labelledby="latest-title">
      <h1 id="latest-title">Latest news</h1>
      {articles.length ? (
        <ul className="article-list">
          {articles.map((article) => (
            <li key={article.id}>
              <article aria-labelledby={`article-${article.id}`}>
                {article.premium ? <p className="badge">Premium Content</p> : null}
                <h2 id={`article-${article.id}`}>
                  <a href={`/news/${encodeURIComponent(article.slug)}`}>{article.title}</a>
                </h2>
                <p className="byline">
                  {article.author ? <>By {article.author} · </> : null}
                  {article.publishedAt ? (
                    <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
                  ) : null}
                </p>
                {article.excerpt ? <p>{article.excerpt}</p> : null}
              </article>
            </li>
          ))}
        </ul>
      ) : (
        <p>No articles yet.</p>
      )}
    </section>
  )
}
