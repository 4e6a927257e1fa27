import type { Payload, PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../../types.js'

import { handOutAnonymousRequester, meterRequesterOf } from '../meter/requesterKey.js'
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

const openKeyOf = (gift: string, requester: string) => `${gift}|r:${requester}`

const holdsPlace = async (payload: Payload, collection: string, openKey: string): Promise<boolean> =>
  Boolean(await payload.db.findOne({ collection, where: { openKey: { equals: openKey } } }))

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
  const openKey = openKeyOf(gift, requester)
  if (await holdsPlace(payload, collection, openKey)) return true
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
      if (await holdsPlace(payload, collection, openKey)) return true
    }
  }
  return false
}

export const GIFT_OPENS_SUFFIX = '-opens'

/** A valid gift the request carries: not yet opened by anyone for it (no place taken). */
export type GiftOffer = { article: string; giver: null | string; id: string }

/**
 * The gift a request's token names, when it is valid: the token's hash names an unrevoked, unexpired gift.
 * Nothing is spent here; a place is taken only when the request reads the gifted article (`openGift`), so
 * requests that carry the token to other articles, lists or the meter never use the gift up.
 */
export const giftOfferOf = async (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<GiftOffer | null> => {
  const token = giftTokenOf(req)
  if (!token) return null
  const gift = (await req.payload.db.findOne({
    collection: options.slugs.gifts,
    where: { tokenHash: { equals: hashGiftToken(token) } },
  })) as GiftDoc | null
  if (!gift || !giftHashMatches(gift.tokenHash, token)) return null
  if (gift.revoked || !gift.expiresAt || new Date(gift.expiresAt).getTime() <= Date.now()) return null
  const article = idOf(gift.article)
  return article ? { article, giver: idOf(gift.giver), id: String(gift.id) } : null
}

/** What can be read about a gift before its article is: whether this requester holds a place, the giver's name. */
export type GiftLookahead = { giverName: null | string; held: boolean }

/**
 * Reads only (no place is taken): started beside the collection's query, so a requester who already holds a
 * place waits for nothing more when the gifted article is read.
 */
export const lookAheadGift = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  offer: GiftOffer,
): Promise<GiftLookahead> => {
  const { payload } = req
  const requester = meterRequesterOf(req, options)
  const [held, giver] = await Promise.all([
    requester
      ? holdsPlace(payload, `${options.slugs.gifts}${GIFT_OPENS_SUFFIX}`, openKeyOf(offer.id, requester.key))
      : false,
    offer.giver && options.slugs.readers
      ? (payload.db.findOne({
          collection: options.slugs.readers,
          select: { name: true },
          where: { id: { equals: offer.giver } },
        }) as Promise<{ name?: null | string } | null>)
      : null,
  ])
  return { giverName: giver?.name?.trim() || null, held }
}

/**
 * Opens the gifted article for this requester: they hold, or now take, one of the gift's places (an anonymous
 * requester without a meter cookie gets one, so their next read is the same requester). The article and the
 * giver's name, or null when every place is taken.
 */
export const openGift = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  offer: GiftOffer,
  lookahead: Promise<GiftLookahead>,
): Promise<GiftedArticle | null> => {
  const { giverName, held } = await lookahead
  if (held) return { article: offer.article, giverName }
  const requester = meterRequesterOf(req, options) ?? handOutAnonymousRequester(req, options)
  const opened = await takeOpen(
    req.payload,
    `${options.slugs.gifts}${GIFT_OPENS_SUFFIX}`,
    offer.id,
    requester.key,
    options.premium.gifts.maxOpens,
  )
  return opened ? { article: offer.article, giverName } : null
}
