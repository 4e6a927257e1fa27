import type { PayloadRequest } from 'payload'

import type { ModerationVerdict } from '../../../src/moderation/moderateComment.js'

import { CommentRejectedError } from './commentRejectedError.js'

/** 403, 409 or 429 with a message; a flood rejection also says when to retry (header and error data). */
export const rejectionError = (
  verdict: Extract<ModerationVerdict, { outcome: 'reject' }>,
  req: PayloadRequest,
): CommentRejectedError => {
  if (verdict.retryAfterSeconds !== undefined) {
    // Payload merges `req.responseHeaders` into the response, for errors too (REST and GraphQL).
    const headers = new Headers(req.responseHeaders ?? undefined)
    headers.set('Retry-After', String(verdict.retryAfterSeconds))
    req.responseHeaders = headers
  }
  return new CommentRejectedError(verdict.message, verdict.httpStatus, {
    rule: verdict.rule,
    ...(verdict.retryAfterSeconds !== undefined ? { retryAfter: verdict.retryAfterSeconds } : {}),
  })
}
