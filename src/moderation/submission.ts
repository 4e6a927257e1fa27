/**
 * What a comment submission must look like before any moderation rule runs, and who sent it.
 * Plain functions; the comments hooks call them.
 */
import { createHmac } from 'node:crypto'

import type { FieldError } from '../utilities/fieldError.js'

import { isEmailAddress } from '../utilities/isEmailAddress.js'
import { isHttpUrl } from '../utilities/safeUrl.js'

// Control characters other than tab and newline never belong in a plain-text comment.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g
// eslint-disable-next-line no-control-regex
const CONTROL_AND_BREAKS = /[\u0000-\u001F\u007F]+/g

/** A comment body as stored: newlines normalised, control characters removed, outer whitespace trimmed. */
export const normalizeBody = (value: string): string => value.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim()

/** A one-line value (name, URL): control characters and line breaks become single spaces. */
export const normalizeLine = (value: string): string => value.replace(CONTROL_AND_BREAKS, ' ').trim()

export type Translate = (key: string, vars?: Record<string, unknown>) => string

export type SubmissionFields = {
  article?: unknown
  authorEmail?: unknown
  authorName?: unknown
  authorUrl?: unknown
  body?: unknown
}

const isBlank = (value: unknown) => typeof value !== 'string' || value.trim() === ''

/**
 * Field-level errors of a submission, in Payload's shape and with Payload's messages, so a bad
 * submission is answered 400 before moderation spends any database lookups on it.
 */
export const submissionErrors = (
  data: SubmissionFields,
  limits: { maxBodyLength: number; maxNameLength: number; maxUrlLength: number },
  t: Translate,
): FieldError[] => {
  const errors: FieldError[] = []
  const required = t('validation:required')
  if (data.article === undefined || data.article === null || data.article === '') {
    errors.push({ message: required, path: 'article' })
  }
  if (isBlank(data.authorName)) errors.push({ message: required, path: 'authorName' })
  else if ((data.authorName as string).length > limits.maxNameLength) {
    errors.push({ message: t('validation:shorterThanMax', { maxLength: limits.maxNameLength }), path: 'authorName' })
  }
  if (isBlank(data.authorEmail)) errors.push({ message: required, path: 'authorEmail' })
  else if (!isEmailAddress(data.authorEmail)) {
    errors.push({ message: t('validation:emailAddress'), path: 'authorEmail' })
  }
  if (data.authorUrl !== undefined && data.authorUrl !== null && data.authorUrl !== '') {
    if (typeof data.authorUrl !== 'string' || !isHttpUrl(data.authorUrl)) {
      errors.push({ message: 'Website must be an http:// or https:// address.', path: 'authorUrl' })
    } else if (data.authorUrl.length > limits.maxUrlLength) {
      errors.push({ message: t('validation:shorterThanMax', { maxLength: limits.maxUrlLength }), path: 'authorUrl' })
    }
  }
  if (isBlank(data.body)) errors.push({ message: required, path: 'body' })
  else if ((data.body as string).length > limits.maxBodyLength) {
    errors.push({ message: t('validation:shorterThanMax', { maxLength: limits.maxBodyLength }), path: 'body' })
  }
  return errors
}

export type Requester = {
  /** HMAC-SHA256 of IP and user agent keyed with the Payload secret (not reversible); null when neither is known. */
  fingerprint: null | string
  ip: null | string
  userAgent: null | string
}

/**
 * The client address, or null when no trustworthy one is known. Route handlers under Next see no socket, only
 * `X-Forwarded-For`, which Next's own server fills with the peer address only when the client sent none (Next 16,
 * `base-server.js`: `x-forwarded-for ??= socket.remoteAddress`), so with no proxy in front (`trustedProxies: 0`)
 * every entry may be the client's choice and none is used. Each trusted proxy appends the address it received the
 * request from, so the client is `trustedProxies` entries from the right; fewer entries than that means a proxy
 * did not append, and the header proves nothing. `X-Real-IP` and the like are never read (a client can send them).
 */
export const clientAddress = (headers: Headers | undefined, trustedProxies: number): null | string => {
  if (trustedProxies < 1) return null
  const hops = (headers?.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
  return hops.length >= trustedProxies ? hops[hops.length - trustedProxies]! : null
}

/** Who is commenting, from the request headers: the client address (see `clientAddress`) and user agent. */
export const requesterFromHeaders = (
  headers: Headers | undefined,
  secret: string,
  trustedProxies: number,
): Requester => {
  const ip = clientAddress(headers, trustedProxies)
  const userAgent = headers?.get('user-agent')?.trim() || null
  const fingerprint =
    ip || userAgent
      ? createHmac('sha256', secret)
          .update(`${ip ?? ''}\n${userAgent ?? ''}`)
          .digest('hex')
      : null
  return { fingerprint, ip, userAgent }
}
