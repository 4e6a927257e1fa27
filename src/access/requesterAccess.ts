import type { PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { NOBODY, type RequesterFacts } from '../utilities/accessDecision.js'
import { requestCache } from '../utilities/requestCache.js'
import { isEntitled } from './entitlement.js'
import { type GiftLookahead, type GiftOffer, giftOfferOf, lookAheadGift, openGift } from './gifts/giftStore.js'
import { meteredArticles } from './meter/meterStore.js'
import { meterRequesterOf } from './meter/requesterKey.js'
import { isEditor } from './roles.js'

/** The decision's facts, plus the gift's giver for display and the valid gift the request carries, if any. */
export type RequesterAccess = RequesterFacts & { giftedBy?: null | string; giftOffer?: GiftOffer | null }

type Cached = { facts: Promise<RequesterAccess>; user: unknown }

/*
 * One set of facts per request, reused for every document, field and populated relationship (as
 * `isEntitled`): keyed by `req.context`, which survives GraphQL's per-resolver copies of `req`.
 */
const cache = new WeakMap<object, Cached>()
const cacheKey = (req: PayloadRequest): object => (req.context && typeof req.context === 'object' ? req.context : req)

type ReaderLike = { _verified?: boolean | null; collection?: string; subscription?: { tier?: unknown } | null }

/** A logged-in member: a verified reader of ours, or any logged-in non-editor user of the host's auth collection. */
const isMember = (req: PayloadRequest, options: ResolvedNewsroomOptions): boolean => {
  const user = req.user as null | ReaderLike | undefined
  if (!user || isEditor(req)) return false
  if (options.slugs.readers) return user.collection === options.slugs.readers && user._verified !== false
  return true
}

/** The plan tier of the requester's subscription, if any. */
export const tierOf = (req: PayloadRequest): null | string => {
  const tier = (req.user as null | ReaderLike | undefined)?.subscription?.tier
  return typeof tier === 'string' && tier.trim() ? tier.trim() : null
}

const gather = async (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<RequesterAccess> => {
  if (isEditor(req)) return { ...NOBODY, editor: true, entitled: true, member: true }
  // The meter's unlocks are looked up later, only when a document is otherwise locked (`withMeter`).
  const metered = new Set<string>()
  // A gift opens its article only once it is read (`withGift`): here it is only checked.
  const [entitled, giftOffer] = await Promise.all([isEntitled(req, options), giftOfferOf(req, options)])
  return {
    editor: false,
    entitled,
    giftArticle: null,
    giftedBy: null,
    giftOffer,
    member: isMember(req, options),
    metered,
    tier: tierOf(req),
  }
}

const meteredFor = async (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<Set<string>> => {
  const requester = meterRequesterOf(req, options)
  if (!requester) return new Set()
  return meteredArticles(req.payload, options, requester.key, new Date())
}

/** What the access decision needs to know about whoever sent `req`. */
export const requesterFacts = (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<RequesterAccess> => {
  const key = cacheKey(req)
  const cached = cache.get(key)
  if (cached && cached.user === req.user) return cached.facts
  const facts = gather(req, options).catch((error: unknown) => {
    // A failing lookup (meter, gift) must not open anything nor turn every read into a 500.
    req.payload.logger.error({ err: error, msg: 'payload-plugin-newsroom: requester facts failed; reading as locked' })
    return { ...NOBODY }
  })
  cache.set(key, { facts, user: req.user })
  return facts
}

const meterCache = new WeakMap<object, Cached>()

/**
 * The facts with the meter's unlocks of the current period, looked up once per request and only when asked:
 * a requester whose standing opens everything they read never costs the lookup.
 */
export const withMeter = (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<RequesterAccess> => {
  const key = cacheKey(req)
  const cached = meterCache.get(key)
  if (cached && cached.user === req.user) return cached.facts
  const facts = requesterFacts(req, options).then(async (base) => {
    if (!options.premium.meter || base.editor) return base
    try {
      return { ...base, metered: await meteredFor(req, options) }
    } catch (error) {
      req.payload.logger.error({ err: error, msg: 'payload-plugin-newsroom: meter lookup failed; reading as locked' })
      return base
    }
  })
  meterCache.set(key, { facts, user: req.user })
  return facts
}

const giftLookaheadPerRequest = requestCache<Promise<GiftLookahead | null>>({ sameUser: true })
const giftOpenedPerRequest = requestCache<Promise<RequesterAccess>>({ sameUser: true })

/**
 * What can be known of the request's gift without spending it (a place already held, the giver's name), read
 * once per request; started early by the gate so that the open itself rarely waits.
 */
export const giftLookahead = (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<GiftLookahead | null> =>
  // A failure surfaces where the lookahead is awaited (withGift), which reads it as locked.
  giftLookaheadPerRequest(req, () =>
    requesterFacts(req, options).then((base) =>
      base.giftOffer && !base.editor ? lookAheadGift(req, options, base.giftOffer) : null,
    ),
  )

/**
 * The facts with the request's gift opened: asked only when the gifted article is read and otherwise locked, so
 * a request that carries the token elsewhere takes none of the gift's places. Once per request.
 */
export const withGift = (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<RequesterAccess> =>
  giftOpenedPerRequest(req, () =>
    requesterFacts(req, options).then(async (base) => {
      if (!base.giftOffer || base.editor) return base
      try {
        const lookahead = giftLookahead(req, options).then((l) => l ?? { giverName: null, held: false })
        const opened = await openGift(req, options, base.giftOffer, lookahead)
        return opened ? { ...base, giftArticle: opened.article, giftedBy: opened.giverName } : base
      } catch (error) {
        req.payload.logger.error({ err: error, msg: 'payload-plugin-newsroom: gift open failed; reading as locked' })
        return base
      }
    }),
  )

/** After an unlock inside this request: the document reads unlocked from now on (the database already says so). */
export const rememberMetered = async (req: PayloadRequest, options: ResolvedNewsroomOptions, id: string) => {
  const facts = await withMeter(req, options)
  const metered = new Set(facts.metered)
  metered.add(id)
  meterCache.set(cacheKey(req), { facts: Promise.resolve({ ...facts, metered }), user: req.user })
}
