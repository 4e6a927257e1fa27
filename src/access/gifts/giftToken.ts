import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A new gift token: 192 random bits, URL-safe. Only its hash is stored. */
export const newGiftToken = (): string => randomBytes(24).toString('base64url')

/** What is stored and looked up: SHA-256 of the token (the token itself is never kept). */
export const hashGiftToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

/** A token as a client may send it: base64url, 32 characters (longer or odd input is no token of ours). */
export const isWellFormedGiftToken = (token: unknown): token is string =>
  typeof token === 'string' && /^[\w-]{32}$/.test(token)

/** The stored hash matches the token's, compared in constant time. */
export const giftHashMatches = (storedHash: unknown, token: string): boolean => {
  if (typeof storedHash !== 'string') return false
  const a = Buffer.from(storedHash, 'utf8')
  const b = Buffer.from(hashGiftToken(token), 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}
