import type { PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { NOBODY, type RequesterFacts } from './accessDecision.js'
import { isEntitled } from './entitlement.js'
import { giftedArticleFor } from './gifts/giftStore.js'
import { meteredArticles } from './meter/meterStore.js'
import { meterRequesterOf } from './meter/requesterKey.js'
import { isEditor } from './roles.js'

type Cached = { facts: Promise<RequesterFacts>; user: unknown }

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

const tierOf = (req: PayloadRequest): null | string => {
  const tier = (req.user as null | ReaderLike | undefined)?.subscription?.tier
  return typeof tier === 'string' && tier.trim() ? tier.trim() : null
}

const gather = async (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<RequesterFacts> => {
  if (isEditor(req)) return { ...NOBODY, editor: true, entitled: true, member: true }
  const [entitled, giftArticle, metered] = await Promise.all([
    isEntitled(req, options),
    giftedArticleFor(req, options),
    options.premium.meter ? meteredFor(req, options) : Promise.resolve(new Set<string>()),
  ])
  return { editor: false, entitled, giftArticle, member: isMember(req, options), metered, tier: tierOf(req) }
}

const meteredFor = async (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<Set<string>> => {
  const requester = meterRequesterOf(req, options)
  if (!requester) return new Set()
  return meteredArticles(req.payload, options, requester.key, new Date())
}

/** What the access decision needs to know about whoever sent `req`. */
export const requesterFacts = (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<RequesterFacts> => {
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

/** After an unlock inside this request: the document reads unlocked from now on (the database already says so). */
export const rememberMetered = async (req: PayloadRequest, options: ResolvedNewsroomOptions, id: string) => {
  const facts = await requesterFacts(req, options)
  const metered = new Set(facts.metered)
  metered.add(id)
  cache.set(cacheKey(req), { facts: Promise.resolve({ ...facts, metered }), user: req.user })
}
