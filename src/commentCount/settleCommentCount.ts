import type { Payload } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { relationId } from '../utilities/relationId.js'

/** What the count reads of a comment: its article and its status. */
export type CountedCommentFields = { article?: unknown; status?: null | string }

/** Where a comment belongs in the count: the article it is approved on, or nowhere. */
export const countedIn = (comment: CountedCommentFields | null): null | string => {
  const article = comment ? relationId(comment.article) : null
  return comment?.status === 'approved' && article !== null ? String(article) : null
}

/**
 * Moves `articles.commentCount` by an atomic `$inc` on the article's document (no read-modify-write), written
 * straight to the database: no article hooks, no new version, `updatedAt` untouched.
 */
const incrementCount = async (payload: Payload, options: ResolvedNewsroomOptions, articleId: string, delta: number) => {
  await payload.db.updateOne({
    id: articleId,
    collection: options.slugs.articles,
    data: { commentCount: { $inc: delta }, updatedAt: null },
    returning: false,
  })
}

const isTaken = (error: unknown): boolean => {
  const e = error as { code?: unknown; name?: string }
  return e?.code === 11000 || e?.name === 'ValidationError'
}

export type Known = { comment: CountedCommentFields | null; counted: null | string }

// Enough for any real contention; each round means another instance moved the same comment meanwhile.
export const MAX_ROUNDS = 20

/**
 * Brings one comment's place in `commentCount` in line with what is stored now. The count entry
 * (`options.slugs.countedComments`) says where the comment is counted; it moves by one insert (unique id) or one
 * delete conditional on its article, and only the instance whose write took effect moves the count. After
 * every write the comment is read again, so whichever instance saw the last status leaves the entry right:
 * after any interleaving of status writes, each settled, the count equals the approved comments.
 * `known` spares the first reads when the caller has just written the comment (a new one has no entry).
 * A crash between the entry and its `$inc` leaves drift for a recount (`recountCommentCount`) to repair.
 */
export const settleCommentCount = async (
  payload: Payload,
  options: ResolvedNewsroomOptions,
  commentId: number | string,
  known?: Known,
): Promise<void> => {
  const id = String(commentId)
  let state = known
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const [comment, entry] = state
      ? [state.comment, state.counted]
      : await Promise.all([
          payload.db.findOne({
            collection: options.slugs.comments,
            select: { article: true, status: true },
            where: { id: { equals: commentId } },
          }) as Promise<CountedCommentFields | null>,
          (
            payload.db.findOne({
              collection: options.slugs.countedComments,
              where: { id: { equals: id } },
            }) as Promise<{
              article?: string
            } | null>
          ).then((doc) => (doc?.article ? String(doc.article) : null)),
        ])
    state = undefined
    const desired = countedIn(comment)
    if (entry === desired) return
    if (entry !== null) {
      const removed = await payload.db.deleteOne({
        collection: options.slugs.countedComments,
        where: { and: [{ id: { equals: id } }, { article: { equals: entry } }] },
      })
      if (removed) await incrementCount(payload, options, entry, -1)
    }
    if (desired !== null) {
      const added = await payload.db
        .create({ collection: options.slugs.countedComments, data: { id, article: desired }, returning: false })
        .then(
          () => true,
          (error: unknown) => (isTaken(error) ? false : Promise.reject(error)),
        )
      if (added) await incrementCount(payload, options, desired, +1)
    }
  }
  payload.logger.warn({ msg: `payload-plugin-newsroom: comment ${id} kept changing while its count was settled` })
}
