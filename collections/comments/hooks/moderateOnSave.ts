import type { CollectionBeforeChangeHook } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'
import type { CommentDoc } from './commentDoc.js'

import { isModeratedWrite } from './isModeratedWrite.js'
import { moderateNewComment } from './moderateNewComment.js'
import { recheckEditedComment } from './recheckEditedComment.js'
import type { CommentData } from './submissionValidation.js'
import { checkThread } from './threadRules.js'

/**
 * The one place every new or edited comment is moderated, whatever the surface (REST, GraphQL, Local API
 * with `overrideAccess: false`, admin). Runs after field access has stripped what the requester may not set,
 * so `status`, `moderationReason`, `fingerprint` and `reader` here are ours to decide. Editors and trusted
 * server code are not moderated.
 */
export const moderateOnSave =
  (options: ResolvedNewsroomOptions): CollectionBeforeChangeHook =>
  async ({ collection, data, operation, originalDoc, req }) => {
    const moderated = isModeratedWrite(req, data)
    if (operation === 'create') {
      return moderated
        ? moderateNewComment(data as CommentData, collection.slug, options, req)
        : checkThread(data as CommentData, collection.slug, options, req)
    }
    if (operation === 'update' && moderated) {
      return recheckEditedComment(
        data as CommentData,
        originalDoc as CommentDoc | undefined,
        collection.slug,
        options,
        req,
      )
    }
    return data
  }
