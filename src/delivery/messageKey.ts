import { createHash } from 'node:crypto'

/** Header that carries a message's idempotency key to the email adapter (and any provider that dedupes). */
export const IDEMPOTENCY_HEADER = 'X-Idempotency-Key'

/**
 * The idempotency key of one logical message, e.g. `messageKey(task, commentId, 'pending')`: the same parts
 * always give the same key, so every retry and every runner of the same message agree on it. A hash, so
 * addresses among the parts are not stored in the clear. JSON-encoded first: no two lists of parts collide.
 */
export const messageKey = (...parts: (number | string)[]): string =>
  `nm1-${createHash('sha256')
    .update(JSON.stringify(parts.map(String)))
    .digest('base64url')}`

/** Message-ID and header for a key: a provider (or nodemailer's transport) sees the same id on every attempt. */
export const idempotencyFields = (key: string, siteUrl: string) => {
  let host = 'payload-plugin-newsroom.invalid'
  try {
    if (siteUrl) host = new URL(siteUrl).hostname || host
  } catch {
    // not a URL: keep the placeholder domain
  }
  return { headers: { [IDEMPOTENCY_HEADER]: key }, messageId: `<${key}@${host}>` }
}
