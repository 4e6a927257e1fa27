import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionBeforeValidateHook } from 'payload'

import { ValidationError } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { readDiscussionSettings } from '../../../src/globals/discussionSettings.js'
import { NOTIFY_EDITORS_TASK } from '../../../src/jobs/commentNotifications.js'
import { settleAfterDirectWrite } from './countApprovedComments.js'
import type { CommentDoc } from './commentDoc.js'
import { CommentRejectedError } from './commentRejectedError.js'
import { queueSafely } from './queueSafely.js'
import { readerOf } from './readerOf.js'
import { relationId } from '../../../src/utilities/relationId.js'
import { moderationReasonText } from '../../../src/moderation/moderationReason.js'
import { MODERATION_REASON_DETAIL_FIELD } from '../fields/moderationReasonDetail.js'

type ReportData = { comment?: unknown; reader?: unknown }

/** The reporter is whoever is logged in, never what the body says. */
export const recordReporter =
  (options: ResolvedNewsroomOptions): CollectionBeforeValidateHook =>
  ({ data, operation, req }) => {
    if (operation !== 'create' || !data) return data
    const reader = readerOf(req, options)
    return reader ? { ...data, reader: reader.id } : data
  }

/** A reader reports a comment they can see, not their own, once. */
export const checkReport =
  (options: ResolvedNewsroomOptions): CollectionBeforeChangeHook =>
  async ({ collection, data, operation, req }) => {
    const reader = readerOf(req, options)
    if (operation !== 'create' || !reader) return data
    const commentId = relationId((data as ReportData).comment)
    const notFound = () =>
      new ValidationError(
        { collection: collection.slug, errors: [{ message: 'Comment not found.', path: 'comment' }], req },
        req.t,
      )
    if (commentId === null) throw notFound()
    // Read as the reader: only approved comments are visible to them.
    const comment = (await req.payload.findByID({
      id: commentId,
      collection: options.slugs.comments,
      depth: 0,
      disableErrors: true,
      overrideAccess: false,
      req,
    })) as CommentDoc | null
    if (!comment) throw notFound()
    if (String(relationId(comment.reader)) === String(reader.id)) {
      throw new ValidationError(
        {
          collection: collection.slug,
          errors: [{ message: 'You cannot report your own comment.', path: 'comment' }],
          req,
        },
        req.t,
      )
    }
    const { totalDocs } = await req.payload.count({
      collection: collection.slug,
      overrideAccess: true,
      req,
      where: { and: [{ comment: { equals: commentId } }, { reader: { equals: reader.id } }] },
    })
    if (totalDocs > 0)
      throw new CommentRejectedError('You have already reported this comment.', 409, { rule: 'alreadyReported' })
    return data
  }

/**
 * Enough reports send an approved comment back to pending. The status change is one conditional write
 * (`status` still `approved`), so when several reports cross the threshold at once only one of them moves
 * the comment, the approved count and the editors' mail.
 */
export const sendBackWhenReported =
  (options: ResolvedNewsroomOptions): CollectionAfterChangeHook =>
  async ({ doc, operation, req }) => {
    if (operation !== 'create') return doc
    const commentId = relationId((doc as ReportData).comment)
    if (commentId === null) return doc
    const settings = await readDiscussionSettings(req, options)
    const { totalDocs: reports } = await req.payload.count({
      collection: options.slugs.commentReports,
      overrideAccess: true,
      req,
      where: { comment: { equals: commentId } },
    })
    if (reports < settings.reportThreshold) return doc
    const moved = (await req.payload.db.updateOne({
      collection: options.slugs.comments,
      data: {
        moderationReason: moderationReasonText({ code: 'reported', reports }),
        [MODERATION_REASON_DETAIL_FIELD]: { code: 'reported', reports },
        status: 'pending',
      },
      req,
      where: { and: [{ id: { equals: commentId } }, { status: { equals: 'approved' } }] },
    })) as unknown as CommentDoc | null
    if (!moved) return doc
    await settleAfterDirectWrite(req, options, commentId)
    if (settings.notifyEditors.length > 0) {
      // This report is the send-back: it names the editors' message (one per send-back, however often queued).
      await queueSafely(req, NOTIFY_EDITORS_TASK, {
        commentId: String(commentId),
        event: String(doc.id),
        reason: 'reported',
      })
    }
    return doc
  }
