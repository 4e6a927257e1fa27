import type { CollectionBeforeChangeHook, PayloadRequest, Where } from 'payload'

import { isValidID, ValidationError } from 'payload'

import type { DiscussionSettings } from '../../../src/moderation/settings.js'
import type { CommentCandidate, ResolvedNewsroomOptions } from '../../../src/types.js'

import { isEntitled } from '../../../src/access/entitlement.js'
import { readDiscussionSettings } from '../../../src/globals/discussionSettings.js'
import {
  type ArticleFacts,
  type CommentFacts,
  type ModerationLookups,
  type ModerationVerdict,
  moderateComment,
  moderateEdit,
  type SubmissionKey,
} from '../../../src/moderation/moderateComment.js'
import {
  type FieldError,
  requesterFromHeaders,
  submissionErrors,
  type Translate,
} from '../../../src/moderation/submission.js'
import { hasPreviouslyApprovedComment } from './previouslyApprovedLookup.js'
import { type CommentDoc, CommentRejectedError, isModeratedWrite, relationId } from './shared.js'
import { attachClaims, submissionClaims } from './submissionClaims.js'
import { MODERATION_REASON_DETAIL_FIELD } from '../fields/moderationReasonDetail.js'

const NAME_MAX_LENGTH = 100
const URL_MAX_LENGTH = 500

type CommentData = Partial<Omit<CommentDoc, 'id'>> & Record<string, unknown>

const PARENT_NOT_FOUND: FieldError = { message: 'The comment you are replying to was not found.', path: 'parent' }
const isEmptyRelation = (value: unknown) => value === undefined || value === null || value === ''

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

const limitsOf = (options: ResolvedNewsroomOptions) => ({
  maxBodyLength: options.comments.maxLength,
  maxNameLength: NAME_MAX_LENGTH,
  maxUrlLength: URL_MAX_LENGTH,
})

const fieldErrors = (slug: string, errors: FieldError[], req: PayloadRequest) =>
  new ValidationError({ collection: slug, errors, req }, req.t)

const factsOf = (
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

type ArticleDoc = ArticleFacts & { id: number | string }

const ARTICLE_FACTS = { allowComments: true, commentsCloseAt: true, premium: true, publishedAt: true } as const

/**
 * The article as this requester may read it (the collection's read access): a draft, an unknown or a malformed
 * id is "not found" (null). One database read of the four fields the rules need: no comments join, no premium
 * gate (it would widen the read to the body and cut a teaser nobody uses here).
 */
const findArticle = async (
  id: number | string,
  options: ResolvedNewsroomOptions,
  req: PayloadRequest,
): Promise<ArticleDoc | null> => {
  const collection = req.payload.collections[options.slugs.articles]
  if (!collection || !isValidID(id, collection.customIDType ?? req.payload.db.defaultIDType)) return null
  const access = collection.config.access.read ? await collection.config.access.read({ id, req }) : true
  if (!access) return null
  const byId: Where = { id: { equals: id } }
  try {
    return (await req.payload.db.findOne({
      collection: options.slugs.articles,
      joins: false,
      req,
      select: ARTICLE_FACTS,
      where: access === true ? byId : { and: [byId, access] },
    })) as ArticleDoc | null
  } catch {
    // An id the database cannot cast (not an ObjectId) names no article.
    return null
  }
}

/**
 * Errors of a reply's parent: it must exist, be approved (unless `anyStatus`: editors may answer a held
 * comment), be on the same article, and not be too deep.
 */
const parentErrors = async (
  parentId: number | string,
  articleId: number | string,
  settings: DiscussionSettings,
  slug: string,
  req: PayloadRequest,
  anyStatus: boolean,
): Promise<FieldError[]> => {
  const load = async (id: number | string) =>
    (await req.payload.findByID({
      id,
      collection: slug,
      depth: 0,
      disableErrors: true,
      overrideAccess: true,
      req,
      select: { article: true, parent: true, status: true },
    })) as CommentDoc | null
  const parent = await load(parentId)
  if (!parent || (parent.status !== 'approved' && !anyStatus)) return [PARENT_NOT_FOUND]
  if (String(relationId(parent.article)) !== String(articleId)) {
    return [{ message: 'A reply must be on the same article as the comment it answers.', path: 'parent' }]
  }
  // The parent's level: 1 for a top-level comment. The walk stops at the limit, so a cycle cannot loop.
  let level = 1
  let cursor = relationId(parent.parent)
  while (cursor !== null && level < settings.maxDepth) {
    const ancestor = await load(cursor)
    level++
    cursor = ancestor ? relationId(ancestor.parent) : null
  }
  if (level + 1 > settings.maxDepth) {
    return [{ message: `Replies can be nested at most ${settings.maxDepth} levels deep.`, path: 'parent' }]
  }
  return []
}

/** Editors and server code are not moderated, but their replies still follow the thread rules. */
const checkThread = async (
  data: CommentData,
  slug: string,
  options: ResolvedNewsroomOptions,
  req: PayloadRequest,
): Promise<CommentData> => {
  const parentId = relationId(data.parent)
  const articleId = relationId(data.article)
  if (parentId === null || articleId === null) return data
  const settings = await readDiscussionSettings(req, options)
  const errors = await parentErrors(parentId, articleId, settings, slug, req, true)
  if (errors.length) throw fieldErrors(slug, errors, req)
  return data
}

const moderateNewComment = async (
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
    articleId === null ? null : findArticle(articleId, options, req),
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
        // Entitlement costs a lookup for some hosts; only the premium-only rule needs it.
        commenterEntitled: settings.premiumOnly && article.premium === true ? await isEntitled(req, options) : false,
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
    throw rejection(verdict, req)
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

/** The rules' lookups, each run only if the rules get that far; flood and duplicate are claims in the database. */
const databaseLookups = ({
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

/** 403, 409 or 429 with a message; a flood rejection also says when to retry (header and error data). */
const rejection = (
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

/** A reader edited their comment: the new text goes through the content rules again. */
const recheckEditedComment = async (
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
