import type { Payload } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { recountCommentCount } from './recountCommentCount.js'
import { settleCommentCount } from './settleCommentCount.js'

/**
 * Repairs one article after crashes (the reconcile task): settles every comment where the approved comments
 * and the count entries disagree (a status written whose settle never ran), then sets `commentCount` to the
 * entries. Returns how far the count was off in all (0: nothing to repair).
 */
export const repairCommentCount = async (
  payload: Payload,
  options: ResolvedNewsroomOptions,
  articleId: number | string,
): Promise<number> => {
  const ids = async (collection: string, where: Record<string, unknown>) =>
    new Set(
      (
        (
          await payload.db.find({
            collection,
            limit: 0,
            pagination: false,
            select: { id: true },
            where: where as never,
          })
        ).docs as { id: number | string }[]
      ).map((doc) => String(doc.id)),
    )
  const [approved, counted] = await Promise.all([
    ids(options.slugs.comments, { and: [{ article: { equals: articleId } }, { status: { equals: 'approved' } }] }),
    ids(options.slugs.countedComments, { article: { equals: String(articleId) } }),
  ])
  const disagreeing = [...approved]
    .filter((id) => !counted.has(id))
    .concat([...counted].filter((id) => !approved.has(id)))
  for (const id of disagreeing) await settleCommentCount(payload, options, id)
  return Math.abs(await recountCommentCount(payload, options, articleId))
}
