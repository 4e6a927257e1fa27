import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, FieldHook, Payload, PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { COUNTED_COMMENTS_SLUG } from '../../../src/utilities/internalSlugs.js'
import { type CommentDoc } from './shared.js'
import { relationId } from '../../../src/utilities/relationId.js'

/** Where a comment belongs in the count: the article it is approved on, or nowhere. */
export const countedIn = (comment: Pick<CommentDoc, 'article' | 'status'> | null): null | string => {
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

type Known = { comment: Pick<CommentDoc, 'article' | 'status'> | null; counted: null | string }

// Enough for any real contention; each round means another instance moved the same comment meanwhile.
const MAX_ROUNDS = 20

/**
 * Brings one comment's place in `commentCount` in line with what is stored now. The count entry
 * (collections/countedComments) says where the comment is counted; it moves by one insert (unique id) or one
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
          }) as Promise<CommentDoc | null>,
          (
            payload.db.findOne({ collection: COUNTED_COMMENTS_SLUG, where: { id: { equals: id } } }) as Promise<{
              article?: string
            } | null>
          ).then((doc) => (doc?.article ? String(doc.article) : null)),
        ])
    state = undefined
    const desired = countedIn(comment)
    if (entry === desired) return
    if (entry !== null) {
      const removed = await payload.db.deleteOne({
        collection: COUNTED_COMMENTS_SLUG,
        where: { and: [{ id: { equals: id } }, { article: { equals: entry } }] },
      })
      if (removed) await incrementCount(payload, options, entry, -1)
    }
    if (desired !== null) {
      const added = await payload.db
        .create({ collection: COUNTED_COMMENTS_SLUG, data: { id, article: desired }, returning: false })
        .then(
          () => true,
          (error: unknown) => (isTaken(error) ? false : Promise.reject(error)),
        )
      if (added) await incrementCount(payload, options, desired, +1)
    }
  }
  payload.logger.warn({ msg: `payload-plugin-newsroom: comment ${id} kept changing while its count was settled` })
}

/** After every comment write (any surface, any writer): settle its place in the count. */
export const countApprovedOnChange =
  (options: ResolvedNewsroomOptions): CollectionAfterChangeHook =>
  async ({ data, doc, operation, req }) => {
    const stored = doc as CommentDoc
    // A new comment has no count entry yet, and `data` holds the status our hooks decided.
    const known: Known | undefined =
      operation === 'create'
        ? {
            comment: {
              article: stored.article ?? (data as Partial<CommentDoc>)?.article,
              status: (data as Partial<CommentDoc>)?.status ?? stored.status,
            },
            counted: null,
          }
        : undefined
    await settleCommentCount(req.payload, options, stored.id, known)
    return doc
  }

export const countApprovedOnDelete =
  (options: ResolvedNewsroomOptions): CollectionAfterDeleteHook =>
  async ({ id, req }) => {
    await settleCommentCount(req.payload, options, id)
  }

/** A conditional database write (no comment hooks ran) moved a comment's status: settle its count. */
export const settleAfterDirectWrite = (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  commentId: number | string,
) => settleCommentCount(req.payload, options, commentId)

/** How many comments the count entries place on an article (what `commentCount` should say). */
export const countedCommentsOf = async (payload: Payload, articleId: number | string): Promise<number> =>
  (await payload.db.count({ collection: COUNTED_COMMENTS_SLUG, where: { article: { equals: String(articleId) } } }))
    .totalDocs

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
    const counted = await countedCommentsOf(payload, articleId)
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

/**
 * Field hook for `articles.commentCount`: every article save writes the count its entries give. Publishing a
 * draft would otherwise copy the draft version's (stale) count over the live one, and any drift heals on the
 * next save.
 */
export const recountApprovedComments =
  (_options: ResolvedNewsroomOptions): FieldHook =>
  async ({ operation, originalDoc, req, value }) => {
    const id = (originalDoc as { id?: number | string } | undefined)?.id
    if (operation !== 'update' || id === undefined) return operation === 'create' ? 0 : value
    return countedCommentsOf(req.payload, id)
  }

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
    ids(COUNTED_COMMENTS_SLUG, { article: { equals: String(articleId) } }),
  ])
  const disagreeing = [...approved]
    .filter((id) => !counted.has(id))
    .concat([...counted].filter((id) => !approved.has(id)))
  for (const id of disagreeing) await settleCommentCount(payload, options, id)
  return Math.abs(await recountCommentCount(payload, options, articleId))
}
