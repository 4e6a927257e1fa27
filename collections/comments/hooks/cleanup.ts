import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import type { CommentDoc } from './commentDoc.js'
import { relationId } from '../../../src/utilities/relationId.js'

/**
 * A deleted comment's replies move up to its own parent (as WordPress does), so no reply points at nothing;
 * its reports go with it. Direct database writes: the replies' status and article do not change.
 */
export const cleanUpAfterDelete =
  (options: ResolvedNewsroomOptions): CollectionAfterDeleteHook =>
  async ({ collection, id, doc, req }) => {
    const deleted = doc as CommentDoc
    await req.payload.db.updateMany({
      collection: collection.slug,
      data: { parent: relationId(deleted.parent) },
      req,
      where: { parent: { equals: id } },
    })
    if (options.slugs.commentReports && req.payload.collections[options.slugs.commentReports]) {
      await req.payload.db.deleteMany({
        collection: options.slugs.commentReports,
        req,
        where: { comment: { equals: id } },
      })
    }
    return doc
  }

/**
 * Approving a reported comment (only editors and server code can) means the reports were reviewed:
 * they are cleared, so the count starts over.
 */
export const clearReportsOnApproval =
  (options: ResolvedNewsroomOptions): CollectionAfterChangeHook =>
  async ({ doc, operation, previousDoc, req }) => {
    if (operation !== 'update') return doc
    if ((doc as CommentDoc).status !== 'approved' || (previousDoc as CommentDoc | undefined)?.status === 'approved')
      return doc
    if (!req.payload.collections[options.slugs.commentReports]) return doc
    await req.payload.db.deleteMany({
      collection: options.slugs.commentReports,
      req,
      where: { comment: { equals: (doc as CommentDoc).id } },
    })
    return doc
  }
