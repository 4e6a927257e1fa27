import type { PayloadRequest } from 'payload'

import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'

import type { ResolvedNewsroomOptions } from '../../types.js'

import { isEditor } from '../roles.js'

/** The cookie that identifies an anonymous requester to the meter: `<random id>.<HMAC of it>`. */
export const METER_COOKIE = 'newsroom-meter'
const COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60

export type MeterRequester = { anonymous: boolean; key: string }

const sign = (secret: string, id: string): string =>
  createHmac('sha256', secret).update(`newsroom-meter:${id}`).digest('base64url')

/** The value of one cookie in a `Cookie` header, or null. */
export const readCookie = (header: null | string | undefined, name: string): null | string => {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return null
}

/** The anonymous id a cookie value proves (its signature checked in constant time), or null. */
export const verifyMeterCookie = (secret: string, value: null | string): null | string => {
  if (!value) return null
  const dot = value.lastIndexOf('.')
  if (dot <= 0) return null
  const id = value.slice(0, dot)
  if (!/^[\da-f-]{36}$/.test(id)) return null
  const given = Buffer.from(value.slice(dot + 1))
  const expected = Buffer.from(sign(secret, id))
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null
}

/** A new anonymous id and the `Set-Cookie` header that hands it to the browser (HttpOnly: no script reads it). */
export const newAnonymousRequester = (
  secret: string,
  options: ResolvedNewsroomOptions,
): { requester: MeterRequester; setCookie: string } => {
  const id = randomUUID()
  const secure = options.siteUrl.startsWith('https:') ? '; Secure' : ''
  return {
    requester: { anonymous: true, key: `anon:${id}` },
    setCookie: `${METER_COOKIE}=${id}.${sign(secret, id)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${COOKIE_MAX_AGE_SECONDS}${secure}`,
  }
}

/** Anonymous requesters identified during their request (their cookie is only on its way to the browser). */
const handedOut = new WeakMap<PayloadRequest, MeterRequester>()

/**
 * A new anonymous requester for `req`: its cookie goes out with the response, and for the rest of this request
 * `req` counts as that requester (a read after the first unlock sees the article the meter just opened).
 */
export const handOutAnonymousRequester = (req: PayloadRequest, options: ResolvedNewsroomOptions): MeterRequester => {
  const { requester, setCookie } = newAnonymousRequester(req.payload.secret, options)
  req.responseHeaders ??= new Headers()
  req.responseHeaders.append('Set-Cookie', setCookie)
  handedOut.set(req, requester)
  return requester
}

/**
 * Who the meter counts for: a logged-in user by account, an anonymous requester by a valid cookie or the one
 * handed out during this request; else null.
 */
export const meterRequesterOf = (req: PayloadRequest, options: ResolvedNewsroomOptions): MeterRequester | null => {
  if (isEditor(req)) return null
  const user = req.user as { collection?: string; id?: number | string } | null | undefined
  if (user?.id !== undefined && user.id !== null) {
    return {
      anonymous: false,
      key: `${user.collection === options.slugs.readers ? 'reader' : user.collection}:${user.id}`,
    }
  }
  const id = verifyMeterCookie(req.payload.secret, readCookie(req.headers?.get('cookie'), METER_COOKIE))
  return id ? { anonymous: true, key: `anon:${id}` } : (handedOut.get(req) ?? null)
}
