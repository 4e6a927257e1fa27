import type { CollectionAfterChangeHook } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { readDiscussionSettings } from '../../../src/globals/discussionSettings.js'
import { NOTIFY_EDITORS_TASK, NOTIFY_REPLY_AUTHOR_TASK } from '../../../src/jobs/commentNotifications.js'
import type { CommentDoc } from './commentDoc.js'
import { isModeratedWrite } from './isModeratedWrite.js'
import { queueSafely } from './queueSafely.js'
import { relationId } from '../../../src/utilities/relationId.js'

/**
 * Queues mail instead of sending it: the comment is saved and answered at once; the jobs queue delivers,
 * retries a failing mail server, and keeps the job when delivery keeps failing.
 */
export const queueCommentNotifications =
  (options: ResolvedNewsroomOptions): CollectionAfterChangeHook =>
  async ({ data, doc, operation, previousDoc, req }) => {
    const comment = doc as CommentDoc
    const status = (data as Partial<CommentDoc>)?.status ?? comment.status
    const settings = await readDiscussionSettings(req, options)

    // A new comment from the public that waits for an editor (spam is not worth a mail; editors and
    // server imports know what they wrote).
    if (
      operation === 'create' &&
      status === 'pending' &&
      isModeratedWrite(req, data) &&
      settings.notifyEditors.length > 0
    ) {
      await queueSafely(req, NOTIFY_EDITORS_TASK, { commentId: String(comment.id), reason: 'pending' })
    }

    // A reply just became public: its parent's author may want to know.
    const becameApproved =
      status === 'approved' &&
      (operation === 'create' || (previousDoc as CommentDoc | undefined)?.status !== 'approved')
    if (
      becameApproved &&
      settings.notifyReplyAuthors &&
      relationId(comment.parent ?? (data as CommentDoc)?.parent) !== null
    ) {
      await queueSafely(req, NOTIFY_REPLY_AUTHOR_TASK, { commentId: String(comment.id) })
    }
    return doc
  }
