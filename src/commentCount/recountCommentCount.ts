import type { Payload } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { MAX_ROUNDS } from './settleCommentCount.js'

/** How many comments the count entries place on an article (what `commentCount` should say). */
export const countedCommentsOf = async (
  payload: Payload,
  options: ResolvedNewsroomOptions,
  articleId: number | string,
): Promise<number> =>
  (
    await payload.db.count({
      collection: options.slugs.countedComments,
      where: { article: { equals: String(articleId) } },
    })
  ).totalDocs

/**
 * Sets an article's `commentCount` to its count entries (for a reconcile task after crashes; settle the
 * comments first). Conditional on the count it read, so an increment landing meanwhile is not overwritten;
 * returns how far the count was off (0: nothing to repair).
 */
export const recountCommentCount = async (
  payload: Payload,
  options: ResolvedNewsroomOptions,
  articleId: number | string,
): Promise<number> => {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const article = (await payload.db.findOne({
      collection: options.slugs.articles,
      joins: false,
      select: { commentCount: true },
      where: { id: { equals: articleId } },
    })) as { commentCount?: null | number } | null
    if (!article) return 0
    const stored = article.commentCount ?? 0
    const counted = await countedCommentsOf(payload, options, articleId)
    if (counted === stored) return 0
    const set = await payload.db.updateOne({
      collection: options.slugs.articles,
      data: { commentCount: counted, updatedAt: null },
      where: {
        and: [
          { id: { equals: articleId } },
          article.commentCount == null ? { commentCount: { exists: false } } : { commentCount: { equals: stored } },
        ],
      },
    })
    if (set) return counted - stored
  }
  return 0
}
