import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  FieldHook,
  PayloadRequest,
} from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { type CommentDoc, relationId } from './shared.js'

/**
 * `articles.commentCount` counts approved comments. Each change moves it by an atomic `$inc` on the article's
 * document (no read-modify-write, so concurrent comments on several app instances never lose a count),
 * written straight to the database: no article hooks, no new version, `updatedAt` untouched.
 */
const incrementCount = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  articleId: null | number | string,
  delta: number,
): Promise<void> => {
  if (articleId === null || delta === 0) return
  await req.payload.db.updateOne({
    id: articleId,
    collection: options.slugs.articles,
    data: { commentCount: { $inc: delta }, updatedAt: null },
    req,
    returning: false,
  })
}

/** Moves the approved count of the article(s) a comment left or joined. */
export const countApprovedOnChange =
  (options: ResolvedNewsroomOptions): CollectionAfterChangeHook =>
  async ({ data, doc, operation, previousDoc, req }) => {
    const next = doc as CommentDoc
    // `doc` went through afterRead for the requester; `data` holds the status our hook decided.
    const nextApproved = ((data as Partial<CommentDoc>)?.status ?? next.status) === 'approved'
    const nextArticle = relationId(next.article ?? (data as Partial<CommentDoc>)?.article)
    const prev = operation === 'update' ? (previousDoc as CommentDoc | undefined) : undefined
    const prevApproved = prev?.status === 'approved'
    const prevArticle = relationId(prev?.article)
    if (prevApproved && nextApproved && String(prevArticle) === String(nextArticle)) return doc
    if (prevApproved) await incrementCount(req, options, prevArticle, -1)
    if (nextApproved) await incrementCount(req, options, nextArticle, +1)
    return doc
  }

export const countApprovedOnDelete =
  (options: ResolvedNewsroomOptions): CollectionAfterDeleteHook =>
  async ({ doc, req }) => {
    const deleted = doc as CommentDoc
    if (deleted.status === 'approved') await incrementCount(req, options, relationId(deleted.article), -1)
    return doc
  }

/** The status a conditional database write moved a comment away from `approved` (no comment hooks ran). */
export const uncountApproved = (req: PayloadRequest, options: ResolvedNewsroomOptions, articleId: null | number | string) =>
  incrementCount(req, options, articleId, -1)

/**
 * Field hook for `articles.commentCount`: every article save writes the true count. Publishing a draft would
 * otherwise copy the draft version's (stale) count over the live one, and any drift heals on the next save.
 */
export const recountApprovedComments =
  (options: ResolvedNewsroomOptions): FieldHook =>
  async ({ operation, originalDoc, req, value }) => {
    const id = (originalDoc as { id?: number | string } | undefined)?.id
    if (operation !== 'update' || id === undefined) return operation === 'create' ? 0 : value
    return req.payload.count({
      collection: options.slugs.comments,
      overrideAccess: true,
      req,
      where: { and: [{ article: { equals: id } }, { status: { equals: 'approved' } }] },
    }).then((result) => result.totalDocs)
  }
