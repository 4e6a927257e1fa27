import type { PayloadRequest } from 'payload'

import type { CommentFacts } from '../../../src/moderation/moderateComment.js'
import type { ResolvedNewsroomOptions } from '../../../src/types.js'
import type { CommentData } from './submissionValidation.js'

import { requesterFromHeaders } from '../../../src/moderation/submission.js'

/** What the moderation rules read of a comment and its requester, and the requester's fingerprint. */
export const factsOf = (
  data: CommentData,
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
): { comment: CommentFacts; fingerprint: null | string } => {
  const requester = requesterFromHeaders(req.headers, req.payload.secret, options.trustedProxies)
  return {
    comment: {
      authorEmail: String(data.authorEmail ?? ''),
      authorName: String(data.authorName ?? ''),
      authorUrl: (data.authorUrl as null | string | undefined) ?? null,
      body: String(data.body ?? ''),
      ip: requester.ip,
      userAgent: requester.userAgent,
    },
    fingerprint: requester.fingerprint,
  }
}
