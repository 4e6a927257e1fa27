import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'
import type { CommentDoc } from './commentDoc.js'

import { type Known, settleCommentCount } from '../../../src/commentCount/settleCommentCount.js'

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
