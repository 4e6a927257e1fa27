import type { PayloadRequest, Where } from 'payload'

import { isValidID } from 'payload'

import type { ArticleFacts } from '../../../src/moderation/moderateComment.js'
import type { ResolvedNewsroomOptions } from '../../../src/types.js'

export type ArticleDoc = ArticleFacts & { id: number | string }

const ARTICLE_FACTS = {
  allowComments: true,
  commentsCloseAt: true,
  premium: true,
  publishedAt: true,
  tiers: true,
  visibility: true,
} as const

/**
 * The article as this requester may read it (the collection's read access): a draft, an unknown or a malformed
 * id is "not found" (null). One database read of the fields the rules need: no comments join, no premium
 * gate (it would widen the read to the body and cut a teaser nobody uses here).
 */
export const findCommentableArticle = async (
  id: number | string,
  options: ResolvedNewsroomOptions,
  req: PayloadRequest,
): Promise<ArticleDoc | null> => {
  const collection = req.payload.collections[options.slugs.articles]
  if (!collection || !isValidID(id, collection.customIDType ?? req.payload.db.defaultIDType)) return null
  const access = collection.config.access.read ? await collection.config.access.read({ id, req }) : true
  if (!access) return null
  const byId: Where = { id: { equals: id } }
  try {
    return (await req.payload.db.findOne({
      collection: options.slugs.articles,
      joins: false,
      req,
      select: ARTICLE_FACTS,
      where: access === true ? byId : { and: [byId, access] },
    })) as ArticleDoc | null
  } catch {
    // An id the database cannot cast (not an ObjectId) names no article.
    return null
  }
}
