import type { Payload, PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../../types.js'

import { meterRequesterOf, newAnonymousRequester } from '../meter/requesterKey.js'
import { giftHashMatches, hashGiftToken, isWellFormedGiftToken } from './giftToken.js'

/** The header a client may carry the token in, instead of `?gift=`. */
export const GIFT_HEADER = 'x-newsroom-gift'

type GiftDoc = {
  article?: unknown
  expiresAt?: string
  giver?: unknown
  id: number | string
  revoked?: boolean
  tokenHash?: string
}

/** What a valid gift of this request opens, and the giver's name for the reader page's “Gifted by …”. */
export type GiftedArticle = { article: string; giverName: null | string }

const isDuplicate = (error: unknown): boolean => {
  const e = error as { code?: unknown; name?: string }
  return e?.code === 11000 || e?.name === 'ValidationError'
}

const idOf = (value: unknown): null | string => {
  if (value === null || value === undefined) return null
  if (typeof value === 'object') return idOf((value as { id?: unknown }).id)
  return String(value)
}

/** The gift token a request carries (`?gift=` or the header), when it is well formed. */
export const giftTokenOf = (req: PayloadRequest): null | string => {
  const fromQuery = req.searchParams?.get('gift') ?? (req.query as { gift?: unknown } | undefined)?.gift
  const token = req.headers?.get(GIFT_HEADER) ?? fromQuery
  return isWellFormedGiftToken(token) ? token : null
}

/**
 * Takes one of the gift's `maxOpens` places for this requester, decided by the database like the meter: an open
 * is one insert under two unique indexes (gift × requester: a requester opens once; gift × slot 0…N-1).
 */
const takeOpen = async (
  payload: Payload,
  collection: string,
  gift: string,
  requester: string,
  maxOpens: number,
): Promise<boolean> => {
  const openKey = `${gift}|r:${requester}`
  const held = async () => Boolean(await payload.db.findOne({ collection, where: { openKey: { equals: openKey } } }))
  if (await held()) return true
  const { totalDocs } = await payload.db.count({ collection, where: { gift: { equals: gift } } })
  for (let i = 0; i < maxOpens; i++) {
    const slot = (totalDocs + i) % maxOpens
    try {
      await payload.db.create({
        collection,
        data: { gift, openKey, requester, slotKey: `${gift}|s:${slot}` },
        returning: false,
      })
      return true
    } catch (error) {
      if (!isDuplicate(error)) throw error
      if (await held()) return true
    }
  }
  return false
}

export const GIFT_OPENS_SUFFIX = '-opens'

/**
 * The article a valid gift token of this request opens, or null: the token's hash names an unrevoked, unexpired
 * gift, and this requester holds (or now takes) one of its places. An anonymous requester without a meter
 * cookie gets one here, so a second read is the same requester.
 */
export const giftedArticleFor = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
): Promise<GiftedArticle | null> => {
  const token = giftTokenOf(req)
  if (!token) return null
  const { payload } = req
  const gift = (await payload.db.findOne({
    collection: options.slugs.gifts,
    where: { tokenHash: { equals: hashGiftToken(token) } },
  })) as GiftDoc | null
  if (!gift || !giftHashMatches(gift.tokenHash, token)) return null
  if (gift.revoked || !gift.expiresAt || new Date(gift.expiresAt).getTime() <= Date.now()) return null
  let requester = meterRequesterOf(req, options)
  if (!requester) {
    const fresh = newAnonymousRequester(payload.secret, options)
    requester = fresh.requester
    req.responseHeaders ??= new Headers()
    req.responseHeaders.append('Set-Cookie', fresh.setCookie)
  }
  const giverId = idOf(gift.giver)
  // The giver's name is read beside the open (one round trip fewer on every request of a gift holder); it is
  // shown only when the open succeeds.
  const [opened, giver] = await Promise.all([
    takeOpen(
      payload,
      `${options.slugs.gifts}${GIFT_OPENS_SUFFIX}`,
      String(gift.id),
      requester.key,
      options.premium.gifts.maxOpens,
    ),
    giverId && options.slugs.readers
      ? (payload.db.findOne({
          collection: options.slugs.readers,
          select: { name: true },
          where: { id: { equals: giverId } },
        }) as Promise<{ name?: null | string } | null>)
      : null,
  ])
  const article = opened ? idOf(gift.article) : null
  if (!article) return null
  return { article, giverName: giver?.name?.trim() || null }
}
