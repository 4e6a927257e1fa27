import type { PayloadRequest } from 'payload'

import { createHmac } from 'node:crypto'

import { clientAddress } from '../moderation/submission.js'

/**
 * Who is asking, for rate limits: the logged-in user, else the client address, else one quota shared by every
 * requester without a trustworthy address (a user-agent string or spoofed header would be the client's choice).
 * The address is the one comment flood control uses (`clientAddress`: `trustedProxies` hops from the right of
 * `X-Forwarded-For`), so a client cannot buy a fresh quota by sending its own `X-Forwarded-For` entries.
 * Keyed hashes (with the Payload secret) so the log holds no addresses and cannot be reversed.
 * The address alone (not address + user agent) identifies anonymous requesters: a new user-agent string
 * would otherwise buy a fresh quota.
 */
export const requesterFingerprint = (
  req: Pick<PayloadRequest, 'headers' | 'payload' | 'user'>,
  trustedProxies: number,
): string => {
  const hash = (value: string) => createHmac('sha256', req.payload.secret).update(value).digest('hex').slice(0, 40)
  if (req.user) return `user:${hash(`${req.user.collection}:${req.user.id}`)}`
  const ip = clientAddress(req.headers, trustedProxies)?.slice(0, 100)
  if (ip) return `ip:${hash(ip)}`
  return 'anonymous:unknown-address'
}
