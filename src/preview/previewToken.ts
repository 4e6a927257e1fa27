import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Preview links: `<articleId>.<expires, unix seconds>.<HMAC-SHA256 of both, base64url>`, signed with a key
 * derived from Payload's secret. Nothing is stored: every instance with the same secret verifies the same
 * token, and a link cannot be changed into one for another article or a later expiry without the key.
 * Pure functions (no Payload), so the rules are tested directly.
 */
export type PreviewGrant = { articleId: string; expiresAt: Date }
export type PreviewCheck = { grant: PreviewGrant; ok: true } | { ok: false; reason: 'expired' | 'forged' | 'malformed' }

// Separates this use of the secret from every other (sessions, fingerprints, message keys).
const PURPOSE = 'payload-plugin-newsroom:preview-link:v1'
const ID = /^[A-Za-z0-9_-]{1,64}$/
const SECONDS = /^\d{1,12}$/
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/

/** The signing key for preview links, from the app's secret. */
export const previewKey = (secret: string): Buffer => createHmac('sha256', secret).update(PURPOSE).digest()

const sign = (key: Buffer, articleId: string, expires: string): Buffer =>
  createHmac('sha256', key).update(`${articleId}.${expires}`).digest()

export const signPreviewToken = (key: Buffer, { articleId, expiresAt }: PreviewGrant): string => {
  if (!ID.test(articleId)) throw new Error(`payload-plugin-newsroom: cannot sign a preview for id ${articleId}`)
  const expires = String(Math.floor(expiresAt.getTime() / 1000))
  return `${articleId}.${expires}.${sign(key, articleId, expires).toString('base64url')}`
}

/** Checks the signature first (constant-time), then the expiry: an expired forgery reads as a forgery. */
export const verifyPreviewToken = (key: Buffer, token: unknown, now: Date): PreviewCheck => {
  if (typeof token !== 'string' || token.length > 200) return { ok: false, reason: 'malformed' }
  const parts = token.split('.')
  if (parts.length !== 3) return { ok: false, reason: 'malformed' }
  const [articleId, expires, signature] = parts as [string, string, string]
  if (!ID.test(articleId) || !SECONDS.test(expires) || !SIGNATURE.test(signature)) {
    return { ok: false, reason: 'malformed' }
  }
  // Compared as canonical text, not decoded bytes: base64url's last character has spare bits, so several
  // spellings decode alike; only the one the key produces is accepted. Both are 43 characters.
  const expected = Buffer.from(sign(key, articleId, expires).toString('base64url'))
  if (!timingSafeEqual(Buffer.from(signature), expected)) return { ok: false, reason: 'forged' }
  const expiresAt = new Date(Number(expires) * 1000)
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' }
  return { grant: { articleId, expiresAt }, ok: true }
}

/** The reader-site URL of a preview (`path` holds `{token}`). */
export const previewUrl = (siteUrl: string, path: string, token: string): string =>
  `${siteUrl}${path.replace('{token}', encodeURIComponent(token))}`
