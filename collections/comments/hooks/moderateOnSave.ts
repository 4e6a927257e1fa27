import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, PayloadRequest, Where } from 'payload'

import { ValidationError } from 'payload'

import type { DiscussionSettings } from '../../../src/moderation/settings.js'
import type { CommentCandidate, ResolvedNewsroomOptions } from '../../../src/types.js'

import { isEntitled } from '../../../src/access/entitlement.js'
import { readDiscussionSettings } from '../../../src/globals/discussionSettings.js'
import {
  type ArticleFacts,
  type CommentFacts,
  isDuplicateOf,
  lastCommentBy,
  laterSubmissionRejection,
  type ModerationLookups,
  type ModerationVerdict,
  moderateComment,
  moderateEdit,
  type StoredSubmission,
  type SubmissionKey,
} from '../../../src/moderation/moderateComment.js'
import { type FieldError, requesterFromHeaders, submissionErrors, type Translate } from '../../../src/moderation/submission.js'
import { hasPreviouslyApprovedComment } from './previouslyApprovedLookup.js'
import { type CommentDoc, CommentRejectedError, isModeratedWrite, relationId } from './shared.js'

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
      return recheckEditedComment(data as CommentData, originalDoc as CommentDoc | undefined, collection.slug, options, req)
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

/** The article as this requester may read it: a draft, an unknown or a malformed id is "not found" (null). */
const findArticle = async (
  id: number | string,
  options: ResolvedNewsroomOptions,
  req: PayloadRequest,
): Promise<ArticleDoc | null> =>
  (await req.payload.findByID({
    id,
    collection: options.slugs.articles,
    depth: 0,
    disableErrors: true,
    overrideAccess: false,
    req,
    select: { allowComments: true, commentsCloseAt: true, premium: true, publishedAt: true },
  })) as ArticleDoc | null

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
  const article = articleId === null ? null : await findArticle(articleId, options, req)
  if (!article && !errors.some((e) => e.path === 'article')) errors.push({ message: 'Article not found.', path: 'article' })
  const settings = await readDiscussionSettings(req, options)
  const parentId = relationId(data.parent)
  if (parentId === null && !isEmptyRelation(data.parent)) errors.push(PARENT_NOT_FOUND)
  if (article && parentId !== null) errors.push(...(await parentErrors(parentId, article.id, settings, slug, req, false)))
  if (errors.length || !article) throw fieldErrors(slug, errors, req)

  const { comment, fingerprint } = factsOf(data, req, options)
  const now = new Date()
  const verdict = await moderateComment(
    {
      article,
      comment,
      // Entitlement costs a lookup for some hosts; only the premium-only rule needs it.
      commenterEntitled: settings.premiumOnly && article.premium === true ? await isEntitled(req, options) : false,
      honeypot: data[options.comments.honeypotField],
      now,
    },
    settings,
    databaseLookups({ article, comment, data, fingerprint, now, options, req, settings, slug }),
  )
  if (verdict.outcome === 'reject') throw rejection(verdict, req)
  return {
    ...data,
    fingerprint,
    moderationReason: verdict.reason,
    status: verdict.status,
  }
}

/**
 * Comments that may conflict with `key` under the flood rule (same requester after `floodSince`) or the
 * duplicate rule (same article, email and body), read once: both rules then judge the same snapshot
 * (`isSameRequester`, `isDuplicateOf`). Read from the database, so they hold across app instances.
 */
const conflictingComments = async (
  req: PayloadRequest,
  slug: string,
  key: SubmissionKey,
  floodSince: Date | null,
  extra: Where[] = [],
): Promise<StoredSubmission[]> => {
  const conflicts: Where[] = [
    { and: [{ article: { equals: key.article } }, { authorEmail: { equals: key.authorEmail } }, { body: { equals: key.body } }] },
  ]
  const sameRequester: Where[] = []
  if (key.fingerprint) sameRequester.push({ fingerprint: { equals: key.fingerprint } })
  if (key.emailIdentifies) sameRequester.push({ authorEmail: { equals: key.authorEmail } })
  if (floodSince && sameRequester.length > 0) {
    conflicts.push({ and: [{ or: sameRequester }, { createdAt: { greater_than: floodSince.toISOString() } }] })
  }
  const { docs } = await req.payload.find({
    collection: slug,
    depth: 0,
    // A flood within seconds or a duplicate: a handful of comments; the newest decide.
    limit: 50,
    overrideAccess: true,
    pagination: false,
    req,
    select: { article: true, authorEmail: true, body: true, createdAt: true, fingerprint: true, status: true },
    sort: '-createdAt',
    where: { and: [{ or: conflicts }, ...extra] },
  })
  return (docs as CommentDoc[]).map((other) => ({
    id: other.id,
    article: relationId(other.article),
    authorEmail: String(other.authorEmail ?? ''),
    body: String(other.body ?? ''),
    createdAt: String(other.createdAt),
    fingerprint: other.fingerprint,
    status: other.status,
  }))
}

/**
 * Whether the email alone identifies the requester (`SubmissionKey.emailIdentifies`): by the contract it
 * does; hardened, only a logged-in commenter's, which prepareComment took from the account.
 */
const emailIdentifiesRequester = (req: PayloadRequest, settings: DiscussionSettings): boolean =>
  !settings.hardenAgainstProbing || Boolean(req.user)

/** The rules' database lookups, each run only if the rules get that far. */
const databaseLookups = ({
  article,
  comment,
  data,
  fingerprint,
  now,
  options,
  req,
  settings,
  slug,
}: {
  article: ArticleDoc
  comment: CommentFacts
  data: CommentData
  fingerprint: null | string
  now: Date
  options: ResolvedNewsroomOptions
  req: PayloadRequest
  settings: DiscussionSettings
  slug: string
}): ModerationLookups => {
  const key: SubmissionKey = {
    article: article.id,
    authorEmail: comment.authorEmail,
    body: comment.body,
    emailIdentifies: emailIdentifiesRequester(req, settings),
    fingerprint,
  }
  const floodSince = settings.floodSeconds > 0 ? new Date(now.getTime() - settings.floodSeconds * 1000) : null
  let recent: Promise<StoredSubmission[]> | undefined
  const recentConflicts = () => (recent ??= conflictingComments(req, slug, key, floodSince))
  const spamCheck = options.comments.spamCheck
  const candidate: CommentCandidate = { ...comment, article: article.id, parent: relationId(data.parent) }
  return {
    // WordPress's check_comment: an account's address is trusted for its holder only (previouslyApprovedLookup).
    hasApprovedComment: () => hasPreviouslyApprovedComment({ authorName: comment.authorName, key, options, req, slug }),
    isDuplicate: async () => (await recentConflicts()).some((other) => isDuplicateOf(other, key)),
    lastCommentAt: async () => (floodSince ? lastCommentBy(key, await recentConflicts(), floodSince) : null),
    spamCheck: spamCheck ? async () => spamCheck(candidate, { req }) : undefined,
  }
}

/** 403, 409 or 429 with a message; a flood rejection also says when to retry (header and error data). */
const rejection = (verdict: Extract<ModerationVerdict, { outcome: 'reject' }>, req: PayloadRequest): CommentRejectedError => {
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

/**
 * After the insert: the flood and duplicate rules once more against comments stored before this one.
 * Two submissions that passed the checks at the same moment (a double click, two app instances) now see
 * each other; the later one is removed again and answered 429/409, the earlier one stays.
 */
export const rejectLaterConcurrentSubmission =
  (options: ResolvedNewsroomOptions): CollectionAfterChangeHook =>
  async ({ collection, data, doc, operation, req }) => {
    const stored = data as CommentData
    if (operation !== 'create' || !isModeratedWrite(req, data)) return doc
    const createdAt = (doc as CommentDoc).createdAt
    if (!createdAt) return doc
    const settings = await readDiscussionSettings(req, options)
    // By the contract spam is answered 201 before the flood and duplicate rules: the re-check must not undo that.
    if (stored.status === 'spam' && !settings.hardenAgainstProbing) return doc
    const self: StoredSubmission = {
      id: (doc as CommentDoc).id,
      article: relationId(stored.article),
      authorEmail: String(stored.authorEmail ?? ''),
      body: String(stored.body ?? ''),
      createdAt,
      emailIdentifies: emailIdentifiesRequester(req, settings),
      fingerprint: stored.fingerprint,
      status: stored.status,
    }
    const floodSince =
      settings.floodSeconds > 0 ? new Date(new Date(createdAt).getTime() - settings.floodSeconds * 1000) : null
    const others = await conflictingComments(req, collection.slug, self, floodSince, [
      { id: { not_equals: self.id } },
      { createdAt: { less_than_equal: createdAt } },
    ])
    const verdict = laterSubmissionRejection(self, others, settings.floodSeconds, new Date())
    if (!verdict) return doc
    // Without a transaction the insert is already durable: undo it before answering.
    await req.payload.db.deleteOne({ collection: collection.slug, req, where: { id: { equals: self.id } } })
    throw rejection(verdict, req)
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
  const changed = (['body', 'authorUrl'] as const).some((name) => name in data && (data[name] ?? null) !== (original[name] ?? null))
  if (!changed) return data
  const merged = { ...original, ...data }
  const errors = submissionErrors(merged, limitsOf(options), req.t as Translate)
  if (errors.length) throw fieldErrors(slug, errors, req)
  const settings = await readDiscussionSettings(req, options)
  const verdict = moderateEdit(factsOf(merged, req, options).comment, settings)
  if (!verdict || verdict.outcome !== 'store') return data
  // An author's edit never frees a comment an editor or the rules put aside: spam and trash stay where they are.
  if (original.status === 'spam' || original.status === 'trash') return data
  return { ...data, moderationReason: verdict.reason, status: verdict.status }
}
