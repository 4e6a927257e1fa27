import type { PayloadRequest } from 'payload'

import type { DiscussionSettings } from '../../../src/moderation/settings.js'
import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { requesterFacts } from '../../../src/access/requesterAccess.js'
import { readDiscussionSettings } from '../../../src/globals/discussionSettings.js'
import { moderateComment, type ModerationVerdict, type SubmissionKey } from '../../../src/moderation/moderateComment.js'
import { submissionErrors, type Translate } from '../../../src/moderation/submission.js'
import { factsOf } from './commentFacts.js'
import { findCommentableArticle } from './findCommentableArticle.js'
import { databaseLookups } from './moderationLookups.js'
import { rejectionError } from './rejectionError.js'
import { type AccessDecision, decideAccess, effectiveVisibility } from '../../../src/utilities/accessDecision.js'
import { relationId } from '../../../src/utilities/relationId.js'
import { attachClaims, submissionClaims } from './submissionClaims.js'
import { type CommentData, fieldErrors, limitsOf } from './submissionValidation.js'
import { PARENT_NOT_FOUND, parentErrors } from './threadRules.js'
import { MODERATION_REASON_DETAIL_FIELD } from '../fields/moderationReasonDetail.js'

/** The commenter's own standing opens the article: a meter or gift unlock reads it but gives no say on it. */
const standingOpens = (decision: AccessDecision) =>
  !decision.locked && (decision.unlockedBy === 'subscription' || decision.unlockedBy === 'editor')

const isEmptyRelation = (value: unknown) => value === undefined || value === null || value === ''

/**
 * A new comment of the public: checked (fields, article, thread), then moderated by the rules with the
 * flood and duplicate claims taken in the database; a refusal stores nothing and gives the claims back.
 */
export const moderateNewComment = async (
  data: CommentData,
  slug: string,
  options: ResolvedNewsroomOptions,
  req: PayloadRequest,
): Promise<CommentData> => {
  const errors = submissionErrors(data, limitsOf(options), req.t as Translate)
  // An id, or a populated document; anything else (an operator object…) is an unknown article.
  const articleId = relationId(data.article)
  // Independent reads, side by side.
  const [article, settings] = await Promise.all([
    articleId === null ? null : findCommentableArticle(articleId, options, req),
    readDiscussionSettings(req, options),
  ])
  if (!article && !errors.some((e) => e.path === 'article'))
    errors.push({ message: 'Article not found.', path: 'article' })
  const parentId = relationId(data.parent)
  if (parentId === null && !isEmptyRelation(data.parent)) errors.push(PARENT_NOT_FOUND)
  if (article && parentId !== null)
    errors.push(...(await parentErrors(parentId, article.id, settings, slug, req, false)))
  if (errors.length || !article) throw fieldErrors(slug, errors, req)

  const { comment, fingerprint } = factsOf(data, req, options)
  const now = new Date()
  const key: SubmissionKey = {
    article: article.id,
    authorEmail: comment.authorEmail,
    body: comment.body,
    emailIdentifies: emailIdentifiesRequester(req, settings),
    fingerprint,
  }
  const claims = submissionClaims({
    floodSeconds: settings.floodSeconds,
    hardened: settings.hardenAgainstProbing,
    now,
    req,
    self: key,
    slug,
  })
  let verdict: ModerationVerdict
  try {
    verdict = await moderateComment(
      {
        article,
        comment,
        // The requester's facts cost lookups for some hosts; only the premium-only rule needs them.
        commenterEntitled:
          settings.premiumOnly && effectiveVisibility(article) !== 'public'
            ? standingOpens(decideAccess(article, await requesterFacts(req, options)))
            : false,
        honeypot: data[options.comments.honeypotField],
        now,
      },
      settings,
      databaseLookups({ article, claims, comment, data, key, options, req, settings, slug }),
    )
  } catch (error) {
    await claims.release()
    throw error
  }
  if (verdict.outcome === 'reject') {
    // A refused submission stores nothing, so it holds no window or words either.
    await claims.release()
    throw rejectionError(verdict, req)
  }
  // By the contract spam is answered before the flood and duplicate rules took anything; it still counts.
  if (
    verdict.status === 'spam' &&
    (verdict.rule === 'honeypot' || verdict.rule === 'disallowedKeys') &&
    !settings.hardenAgainstProbing
  ) {
    await claims.recordSpam()
  }
  return attachClaims(
    {
      ...data,
      fingerprint,
      moderationReason: verdict.reason,
      [MODERATION_REASON_DETAIL_FIELD]: verdict.reasonDetail,
      status: verdict.status,
    },
    req,
    claims.claims,
  )
}

/**
 * Whether the email alone identifies the requester (`SubmissionKey.emailIdentifies`): by the contract it
 * does; hardened, only a logged-in commenter's, which prepareComment took from the account.
 */
const emailIdentifiesRequester = (req: PayloadRequest, settings: DiscussionSettings): boolean =>
  !settings.hardenAgainstProbing || Boolean(req.user)
