import type { PayloadRequest } from 'payload'

import type { CommentFacts, ModerationLookups, SubmissionKey } from '../../../src/moderation/moderateComment.js'
import type { DiscussionSettings } from '../../../src/moderation/settings.js'
import type { CommentCandidate, ResolvedNewsroomOptions } from '../../../src/types.js'
import type { ArticleDoc } from './findCommentableArticle.js'
import type { CommentData } from './submissionValidation.js'
import type { submissionClaims } from './submissionClaims.js'

import { hasPreviouslyApprovedComment } from './previouslyApprovedLookup.js'
import { relationId } from '../../../src/utilities/relationId.js'

/** The rules' lookups, each run only if the rules get that far; flood and duplicate are claims in the database. */
export const databaseLookups = ({
  article,
  claims,
  comment,
  data,
  key,
  options,
  req,
  settings,
  slug,
}: {
  article: ArticleDoc
  claims: ReturnType<typeof submissionClaims>
  settings: DiscussionSettings
  comment: CommentFacts
  data: CommentData
  key: SubmissionKey
  options: ResolvedNewsroomOptions
  req: PayloadRequest
  slug: string
}): ModerationLookups => {
  const spamCheck = options.comments.spamCheck
  const candidate: CommentCandidate = { ...comment, article: article.id, parent: relationId(data.parent) }
  let approvedBefore: Promise<boolean> | undefined
  const lookups: ModerationLookups = {
    // WordPress's check_comment: an account's address is trusted for its holder only (previouslyApprovedLookup).
    hasApprovedComment: () =>
      (approvedBefore ??= hasPreviouslyApprovedComment({ authorName: comment.authorName, key, options, req, slug })),
    isDuplicate: claims.isDuplicate,
    // A read, so it is asked alongside the claims when the rules will need it (one round trip less).
    floodWait: () => {
      if (settings.previouslyApproved && !settings.manualApproval) lookups.hasApprovedComment().catch(() => undefined)
      return claims.floodWait()
    },
    spamCheck: spamCheck ? async () => spamCheck(candidate, { req }) : undefined,
  }
  return lookups
}
