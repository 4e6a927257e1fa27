import type { PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'
import type { CommentDoc } from './commentDoc.js'

import { readDiscussionSettings } from '../../../src/globals/discussionSettings.js'
import { moderateEdit } from '../../../src/moderation/moderateComment.js'
import { submissionErrors, type Translate } from '../../../src/moderation/submission.js'
import { factsOf } from './commentFacts.js'
import { type CommentData, fieldErrors, limitsOf } from './submissionValidation.js'
import { MODERATION_REASON_DETAIL_FIELD } from '../fields/moderationReasonDetail.js'

/** A reader edited their comment: the new text goes through the content rules again. */
export const recheckEditedComment = async (
  data: CommentData,
  original: CommentDoc | undefined,
  slug: string,
  options: ResolvedNewsroomOptions,
  req: PayloadRequest,
): Promise<CommentData> => {
  if (!original) return data
  const changed = (['body', 'authorUrl'] as const).some(
    (name) => name in data && (data[name] ?? null) !== (original[name] ?? null),
  )
  if (!changed) return data
  const merged = { ...original, ...data }
  const errors = submissionErrors(merged, limitsOf(options), req.t as Translate)
  if (errors.length) throw fieldErrors(slug, errors, req)
  const settings = await readDiscussionSettings(req, options)
  const verdict = moderateEdit(factsOf(merged, req, options).comment, settings)
  if (!verdict || verdict.outcome !== 'store') return data
  // An author's edit never frees a comment an editor or the rules put aside: spam and trash stay where they are.
  if (original.status === 'spam' || original.status === 'trash') return data
  return {
    ...data,
    moderationReason: verdict.reason,
    [MODERATION_REASON_DETAIL_FIELD]: verdict.reasonDetail,
    status: verdict.status,
  }
}
