/**
 * The comment moderation rules (docs/CONTRACT.md "Comment moderation rules"), as plain functions over plain data.
 * The comments hook gathers the facts, calls `moderateComment` / `moderateEdit` and acts on the verdict;
 * database lookups are passed in as lazy functions so a rule that decides early spares the later queries.
 */
import type { SpamVerdict } from '../types.js'
import type { CommentStatus } from './commentStatus.js'
import type { KeyMatcher } from './keyMatcher.js'
import type { KeyedField, ModerationReason } from './moderationReason.js'

import { effectiveVisibility } from '../utilities/accessDecision.js'
import { KEYED_FIELDS, moderationReasonText } from './moderationReason.js'

export type CommentStatusVerdict = Exclude<CommentStatus, 'trash'>

/** Every rule, in the order it is evaluated. */
export const MODERATION_RULES = [
  'honeypot',
  'disallowedKeys',
  'closed',
  'flood',
  'duplicate',
  'maxLinks',
  'moderationKeys',
  'spamCheck',
  'manualApproval',
  'previouslyApproved',
  'default',
] as const
export type ModerationRule = (typeof MODERATION_RULES)[number]

/** The rule settings after the Discussion settings global was merged over the plugin defaults. */
export type ModerationSettings = {
  closeAfterDays: number
  disallowedKeys: KeyMatcher
  floodSeconds: number
  /**
   * The plugin's `comments.hardenAgainstProbing` (not a Discussion setting): spam meets the refusals like any
   * comment, and a typed-in email alone never links two comments. Off: the contract's rules as written.
   */
  hardenAgainstProbing: boolean
  manualApproval: boolean
  maxLinks: number
  moderationKeys: KeyMatcher
  premiumOnly: boolean
  previouslyApproved: boolean
}

/** What the requester sent, plus where it came from. Key lists are matched against every field here. */
export type CommentFacts = {
  authorEmail: string
  authorName: string
  authorUrl?: null | string
  body: string
  ip?: null | string
  userAgent?: null | string
}

export type ArticleFacts = {
  allowComments?: boolean | null
  commentsCloseAt?: Date | null | string
  premium?: boolean | null
  publishedAt?: Date | null | string
  tiers?: null | readonly string[]
  visibility?: null | string
}

export type ModerationInput = {
  article: ArticleFacts
  comment: CommentFacts
  /**
   * Whether the commenter's own standing (membership, subscription, tier; editors always) opens this gated
   * article, for `premiumOnly`. A meter or gift unlock reads one article; it does not make its holder a member.
   */
  commenterEntitled: boolean
  /** The honeypot field's value; anything non-empty means a bot filled it in. */
  honeypot?: unknown
  now: Date
}

/**
 * Database and service lookups, called only when the rules reach them. The flood and duplicate ones are
 * atomic claims in the database (asking is taking), so two concurrent submissions can never both pass.
 */
export type ModerationLookups = {
  /** Whether the same author already has an approved comment (see `isSameRequester` for "same"). */
  hasApprovedComment: () => Promise<boolean>
  /** Claims the words (same article, email and body, same requester; `isDuplicateOf`): true when already taken. */
  isDuplicate: () => Promise<boolean>
  /**
   * Claims the requester's flood window (`floodSeconds` since its last accepted comment): null once this
   * submission holds it, else the seconds until the requester may comment again (at least 1).
   */
  floodWait: () => Promise<null | number>
  spamCheck?: () => Promise<SpamVerdict>
}

export type ModerationVerdict =
  | {
      httpStatus: 403 | 409 | 429
      message: string
      outcome: 'reject'
      /** Seconds until the requester may comment again (flood only). */
      retryAfterSeconds?: number
      rule: ModerationRule
    }
  | {
      outcome: 'store'
      /** The English sentence stored in `moderationReason`. */
      reason: string
      /** The same reason as data, for the admin to say in the editor's language. */
      reasonDetail: ModerationReason
      rule: ModerationRule
      status: CommentStatusVerdict
    }

/** The fields key lists are matched against, in a fixed order (labels above). */
export const keyedFields = (c: CommentFacts): (null | string | undefined)[] => [
  c.authorName,
  c.authorEmail,
  c.authorUrl,
  c.body,
  c.ip,
  c.userAgent,
]

/** A key from `matcher` found in any of the comment's fields, and the field it was found in. */
export const findKey = (matcher: KeyMatcher, comment: CommentFacts): { field: KeyedField; key: string } | null => {
  if (matcher.size === 0) return null
  const hit = matcher.findIn(keyedFields(comment))
  return hit ? { field: KEYED_FIELDS[hit.textIndex]!, key: hit.key } : null
}

export const isHoneypotFilled = (value: unknown): boolean => {
  if (value === undefined || value === null || value === false) return false
  if (typeof value === 'string') return value.trim() !== ''
  return true
}

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"']*/gi

/** Links in a plain-text comment: each `http(s)://…` or `www.…` run counts once. */
export const countLinks = (text: null | string | undefined): number => (text ? (text.match(LINK)?.length ?? 0) : 0)

const toTime = (value: Date | null | string | undefined): null | number => {
  if (value === null || value === undefined || value === '') return null
  const time = new Date(value).getTime()
  return Number.isNaN(time) ? null : time
}

const DAY_MS = 24 * 60 * 60 * 1000

/** Why comments on this article are closed for this commenter, or null when they are open. */
export const commentsClosedReason = (
  article: ArticleFacts,
  settings: Pick<ModerationSettings, 'closeAfterDays' | 'premiumOnly'>,
  commenterEntitled: boolean,
  now: Date,
): null | string => {
  if (article.allowComments === false) return 'Comments are closed for this article.'
  const closeAt = toTime(article.commentsCloseAt)
  if (closeAt !== null && now.getTime() >= closeAt) return 'Comments are closed for this article.'
  const publishedAt = toTime(article.publishedAt)
  if (
    settings.closeAfterDays > 0 &&
    publishedAt !== null &&
    now.getTime() >= publishedAt + settings.closeAfterDays * DAY_MS
  ) {
    return `Comments close ${settings.closeAfterDays} days after publication.`
  }
  const visibility = effectiveVisibility(article)
  if (settings.premiumOnly && visibility !== 'public' && !commenterEntitled) {
    return visibility === 'members'
      ? 'Only members can comment on this article.'
      : 'Only subscribers can comment on this article.'
  }
  return null
}

/** Seconds the requester must still wait, or null when the flood window has passed (or the rule is off). */
export const floodRetryAfter = (lastCommentAt: Date | null, floodSeconds: number, now: Date): null | number => {
  if (floodSeconds <= 0 || !lastCommentAt) return null
  const waitMs = lastCommentAt.getTime() + floodSeconds * 1000 - now.getTime()
  return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : null
}

type Rejection = Extract<ModerationVerdict, { outcome: 'reject' }>

const floodRejection = (retryAfterSeconds: number): Rejection => ({
  httpStatus: 429,
  message: `You are posting comments too quickly. Try again in ${retryAfterSeconds} seconds.`,
  outcome: 'reject',
  retryAfterSeconds,
  rule: 'flood',
})

const DUPLICATE_REJECTION: Rejection = {
  httpStatus: 409,
  message: 'Duplicate comment detected; it looks as though you’ve already said that.',
  outcome: 'reject',
  rule: 'duplicate',
}

const store = (status: CommentStatusVerdict, rule: ModerationRule, reason: ModerationReason): ModerationVerdict => ({
  outcome: 'store',
  reason: moderationReasonText(reason),
  reasonDetail: reason,
  rule,
  status,
})

/** Runs a pluggable spam checker; a checker that fails holds the comment rather than losing it. */
const askSpamCheck = async (check: () => Promise<SpamVerdict>): Promise<{ error?: string; verdict: SpamVerdict }> => {
  try {
    const verdict = await check()
    return verdict === 'spam' || verdict === 'hold' || verdict === 'ham'
      ? { verdict }
      : { error: `unexpected verdict ${JSON.stringify(verdict)}`, verdict: 'hold' }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), verdict: 'hold' }
  }
}

/**
 * Decides what happens to a new comment, evaluating the rules in the contract's order: a comment found to be
 * spam (honeypot, disallowed keys) is stored as spam before any refusal is considered. With
 * `hardenAgainstProbing` it still meets the refusals that follow (closed, flood, duplicate) like any comment,
 * so that no answer depends on the editors' secret key lists.
 */
export const moderateComment = async (
  input: ModerationInput,
  settings: ModerationSettings,
  lookups: ModerationLookups,
): Promise<ModerationVerdict> => {
  const { comment, now } = input

  const spam = isHoneypotFilled(input.honeypot)
    ? store('spam', 'honeypot', { code: 'honeypot' })
    : disallowedVerdict(comment, settings)
  // Hardened, spam is answered only once the request-level rules are passed: answered 201 where any other
  // comment gets 403/409/429, it would tell which words are on the disallowed list.
  if (spam && !settings.hardenAgainstProbing) return spam

  const closed = commentsClosedReason(input.article, settings, input.commenterEntitled, now)
  if (closed) return { httpStatus: 403, message: closed, outcome: 'reject', rule: 'closed' }

  if (settings.floodSeconds > 0) {
    const retryAfterSeconds = await lookups.floodWait()
    if (retryAfterSeconds !== null) return floodRejection(Math.max(1, retryAfterSeconds))
  }

  if (await lookups.isDuplicate()) return DUPLICATE_REJECTION

  if (spam) return spam

  const held = holdForContent(comment, settings)
  if (held) return held

  if (lookups.spamCheck) {
    const { error, verdict } = await askSpamCheck(lookups.spamCheck)
    if (verdict === 'spam') return store('spam', 'spamCheck', { code: 'spamCheckSpam' })
    if (verdict === 'hold') {
      return store('pending', 'spamCheck', error ? { code: 'spamCheckFailed', error } : { code: 'spamCheckHold' })
    }
  }

  if (settings.manualApproval) return store('pending', 'manualApproval', { code: 'manualApproval' })

  if (settings.previouslyApproved) {
    if (await lookups.hasApprovedComment())
      return store('approved', 'previouslyApproved', { code: 'previouslyApproved' })
    // Held only because the author has no approved comment yet: say so.
    return store('pending', 'default', { code: 'firstComment' })
  }

  return store('pending', 'default', { code: 'default' })
}

const disallowedVerdict = (comment: CommentFacts, settings: ModerationSettings): ModerationVerdict | null => {
  const disallowed = findKey(settings.disallowedKeys, comment)
  return disallowed ? store('spam', 'disallowedKeys', { code: 'disallowedKey', ...disallowed }) : null
}

/** The content rules (links, moderation keys) that hold a comment for an editor. */
const holdForContent = (comment: CommentFacts, settings: ModerationSettings): ModerationVerdict | null => {
  const links = countLinks(comment.body)
  if (links > settings.maxLinks) {
    return store('pending', 'maxLinks', { code: 'maxLinks', links, max: settings.maxLinks })
  }
  const moderationKey = findKey(settings.moderationKeys, comment)
  if (moderationKey) return store('pending', 'moderationKeys', { code: 'moderationKey', ...moderationKey })
  return null
}

/**
 * Re-checks a comment its author edited: disallowed keys → spam; too many links or a moderation key → pending;
 * otherwise null (the comment keeps its status).
 */
export const moderateEdit = (comment: CommentFacts, settings: ModerationSettings): ModerationVerdict | null => {
  const disallowed = findKey(settings.disallowedKeys, comment)
  if (disallowed) {
    return store('spam', 'disallowedKeys', { code: 'edited', reason: { code: 'disallowedKey', ...disallowed } })
  }
  const held = holdForContent(comment, settings)
  if (held && held.outcome === 'store')
    return store(held.status, held.rule, { code: 'edited', reason: held.reasonDetail })
  return null
}

/** What the flood and duplicate rules compare: who sent which words where. */
export type SubmissionKey = {
  article: null | number | string
  authorEmail: string
  body: string
  fingerprint?: null | string
  /**
   * The same email alone makes the same requester: always by the contract; with `hardenAgainstProbing` only
   * when the email comes from the logged-in account, not from the form.
   */
  emailIdentifies?: boolean
}

/** A stored comment as the flood and duplicate rules see it. */
export type StoredSubmission = {
  createdAt: Date | string
  id: number | string
  status?: null | string
} & SubmissionKey

/**
 * Same person: the same requester fingerprint, or the same email when `self.emailIdentifies`. Hardened, a
 * typed-in email alone never links two comments: anyone can type anyone's address, and the answer would
 * tell whether that address commented (an oracle on an editors-only field).
 */
export const isSameRequester = (other: SubmissionKey, self: SubmissionKey): boolean =>
  (Boolean(self.fingerprint) && other.fingerprint === self.fingerprint) ||
  (self.emailIdentifies === true && other.authorEmail === self.authorEmail)

/**
 * An exact duplicate: same article, email and body, from the same requester (a trashed comment does not
 * count). With `emailIdentifies` that is the contract's rule; without it, requiring the same requester keeps
 * the 409 from confirming a guessed email of a public comment.
 */
export const isDuplicateOf = (other: StoredSubmission, self: SubmissionKey): boolean =>
  other.status !== 'trash' &&
  String(other.article) === String(self.article) &&
  other.authorEmail === self.authorEmail &&
  other.body === self.body &&
  isSameRequester(other, self)
