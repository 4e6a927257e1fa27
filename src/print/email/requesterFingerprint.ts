import type { PayloadRequest } from 'payload'

import { createHmac } from 'node:crypto'

/** The client address as the proxy in front of the app reports it. */
export const clientIP = (headers: Headers): null | string => {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim()
  const ip = forwarded || headers.get('x-real-ip')?.trim() || headers.get('cf-connecting-ip')?.trim()
  return ip ? ip.slice(0, 100) : null
}

/**
 * Who is asking, for rate limits: the logged-in user, else the client IP, else the user agent.
 * Keyed hashes (with the Payload secret) so the log holds no addresses and cannot be reversed.
 * The IP alone (not IP + user agent) identifies anonymous requesters: a new user-agent string
 * would otherwise buy a fresh quota.
 */
export const requesterFingerprint = (req: Pick<PayloadRequest, 'headers' | 'payload' | 'user'>): string => {
  const hash = (value: string) => createHmac('sha256', req.payload.secret).update(value).digest('hex').slice(0, 40)
  if (req.user) return `user:${hash(`${req.user.collection}:${req.user.id}`)}`
  const ip = clientIP(req.headers)
  if (ip) return `ip:${hash(ip)}`
  return `ua:${hash(req.headers.get('user-agent') ?? '')}`
}
