import type {
  CollectionAfterReadHook,
  CollectionBeforeOperationHook,
  CollectionBeforeReadHook,
  FieldAccess,
  PayloadRequest,
  SelectType,
  Where,
} from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import {
  type AccessDecision,
  decideAccess,
  effectiveVisibility,
  type GatedFacts,
  mayQueryGatedFields,
  VISIBILITIES,
} from '../utilities/accessDecision.js'
import { perInstance } from '../utilities/perInstance.js'
import { requestCache } from '../utilities/requestCache.js'
import { isEntitled } from './entitlement.js'
import { giftLookahead, requesterFacts, tierOf, withGift, withMeter } from './requesterAccess.js'
import { isEditor } from './roles.js'

type GatedDoc = { [key: string]: unknown; locked?: boolean; unlockedBy?: null | string } & GatedFacts

/** Fields every gated document carries on every read: what the gate decides from, and its answers. */
export const GATE_FIELDS = ['premium', 'visibility', 'tiers', 'locked', 'unlockedBy'] as const

/**
 * Only a readable `public` visibility (or, on documents from before visibility, `premium: false`) proves a
 * document free; missing flags (e.g. dropped by a projection) do not, so the gate fails closed.
 */
export const isProvablyFree = (doc: unknown): boolean =>
  Boolean(doc && typeof doc === 'object' && effectiveVisibility(doc as GatedFacts) === 'public')

/**
 * The access decision for `doc` of `collection` and this request (accessDecision.ts), with the requester's facts
 * gathered once.
 */
export const decideFor = async (
  doc: unknown,
  collection: string,
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  overrideAccess: boolean | undefined,
): Promise<AccessDecision> => {
  const facts = doc && typeof doc === 'object' ? (doc as GatedFacts) : null
  // Trusted server code (Local API with overrideAccess) reads everything, as with Payload's own access control.
  if (overrideAccess) return decideAccess(facts, 'trusted')
  if (isProvablyFree(facts)) return decideAccess(facts, 'trusted')
  const standing = await requesterFacts(req, options)
  const decision = decideAccess(facts, standing)
  if (!decision.locked) return decision
  // The gift's place is taken only for its own article, when nothing else opens it. Gifts are of articles: the
  // collection is compared too, so a video (or any other document) that shares the article's id stays shut.
  if (
    standing.giftOffer &&
    collection === options.slugs.articles &&
    facts?.id !== undefined &&
    facts.id !== null &&
    String(facts.id) === standing.giftOffer.article
  ) {
    const gifted = decideAccess(facts, await withGift(req, options))
    if (!gifted.locked) return gifted
  }
  if (!options.premium.meter) return decision
  return decideAccess(facts, await withMeter(req, options))
}

/** How long an instance remembers that a tier has documents closed to it (the refusal only; see below). */
const CLOSED_TIER_MEMORY_MS = 60_000
const MAX_REMEMBERED_TIERS = 1_000
const closedTiersSeen = perInstance(() => new Map<string, number>())

const closedPerRequest = requestCache<Map<string, Promise<boolean>>>({ sameUser: true })

/** Documents closed to this tier: `tiers` ones without it, and any whose visibility is unreadable (fail closed). */
const closedToTier = (tier: null | string): Where => ({
  or: [
    tier
      ? { and: [{ visibility: { equals: 'tiers' } }, { tiers: { not_in: [tier] } }] }
      : { visibility: { equals: 'tiers' } },
    { and: [{ visibility: { not_in: [...VISIBILITIES] } }, { premium: { not_in: [true, false] } }] },
  ],
})

/**
 * Whether some document of `collection` is closed to this tier (`closedToTier`): one lookup of at most one
 * document (not a count), once per request and user, only for entitled, non-editor requesters. A "yes" is
 * remembered by this instance for a minute: it can only keep refusing `where`/`sort` on gated fields a little
 * longer after the last such document went (never open anything), so other instances' writes cannot make it
 * unsafe. A "no" is never remembered: another instance may publish a closed document at any moment.
 */
const anyClosedTierDocument = (req: PayloadRequest, collection: string, tier: null | string): Promise<boolean> => {
  // Per request and user (a later Local API call with another `user` and the same context asks again).
  const perRequest = closedPerRequest(req, () => new Map())
  const seenKey = `${collection}\u0000${tier ?? ''}`
  const cached = perRequest.get(seenKey)
  if (cached) return cached
  const seen = closedTiersSeen(req.payload)
  const found =
    (seen.get(seenKey) ?? 0) > Date.now()
      ? Promise.resolve(true)
      : req.payload.db
          .find({
            collection,
            limit: 1,
            pagination: false,
            req: undefined,
            select: { visibility: true },
            where: closedToTier(tier),
          })
          .then((r) => {
            const closed = r.docs.length > 0
            if (closed) {
              if (seen.size >= MAX_REMEMBERED_TIERS) seen.clear()
              seen.set(seenKey, Date.now() + CLOSED_TIER_MEMORY_MS)
            }
            return closed
          })
  perRequest.set(seenKey, found)
  // A failed lookup is not kept for the rest of the request (the validation that awaited it failed already).
  found.catch(() => {
    if (perRequest.get(seenKey) === found) perRequest.delete(seenKey)
  })
  return found
}

/**
 * Read access for a gated field. With a document: the access decision. Payload calls it without `doc` when
 * validating any `where` or `sort` path (it computes every field's permission, even for the default sort) and for
 * `distinct`: nothing is unlocked there by meter or gift, so only requesters to whom no document of the
 * collection is closed may query it (`mayQueryGatedFields`); everyone else is refused and cannot probe gated
 * content. Only the requester's standing is needed there, not their gift or meter lookups, which go on meanwhile.
 */
export const gatedFieldRead =
  (options: ResolvedNewsroomOptions, collection: string): FieldAccess =>
  async ({ doc, req }) => {
    if (doc) return !(await decideFor(doc, collection, req, options, false)).locked
    const standing = { editor: isEditor(req), entitled: await isEntitled(req, options) }
    return mayQueryGatedFields(standing, () => anyClosedTierDocument(req, collection, tierOf(req)))
  }

/** As src/hooks/cacheHeaders.ts's PRIVATE_NO_STORE (a higher layer): for one requester only. */
const PRIVATE_NO_STORE = 'private, no-store'

/** A body unlocked by a meter cookie or a gift token is this requester's alone: no shared cache may keep it. */
const keepPrivate = (req: PayloadRequest, decision: AccessDecision) => {
  if (decision.unlockedBy !== 'meter' && decision.unlockedBy !== 'gift') return
  req.responseHeaders ??= new Headers()
  req.responseHeaders.set('Cache-Control', PRIVATE_NO_STORE)
}

/**
 * An exclusion `select` (`{ premium: false }`) bypasses `forceSelect` in Payload: drop the exclusions
 * of the fields the gate needs, so the database always returns them. Inclusion selects are left to `forceSelect`.
 */
export const keepGateFieldsSelected = (
  select: SelectType | undefined,
  needed: readonly string[],
): SelectType | undefined => {
  if (!select || typeof select !== 'object') return select
  if (!needed.some((name) => select[name] === false)) return select
  const kept: SelectType = { ...select }
  for (const name of needed) if (kept[name] === false) delete kept[name]
  // An empty select would mean "only the forced fields": nothing left to exclude means "everything".
  return Object.keys(kept).length > 0 ? kept : undefined
}

type ReadArgs = { draft?: boolean; overrideAccess?: boolean; select?: SelectType }

/**
 * Before every read by a non-trusted requester: drafts are editors' alone (`?draft=true` from anyone else reads
 * the published document), and `select` cannot drop the fields the gate needs.
 */
export const enforceGatedReadArgs =
  (needed: readonly string[]): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    if (operation !== 'read') return args
    const readArgs = args as ReadArgs
    if (readArgs.overrideAccess) return args
    const select = keepGateFieldsSelected(readArgs.select, needed)
    const draft = readArgs.draft && !isEditor(req) ? false : readArgs.draft
    if (select === readArgs.select && draft === readArgs.draft) return args
    return { ...args, draft, select } as typeof args
  }

/**
 * Before a read by a non-trusted requester: starts the requester's gift and meter lookups without waiting, so
 * they run beside the collection's own query instead of after it (each is made once per request and cached;
 * failures are caught where they are made and read as locked). The meter lookup is skipped for subscribers to
 * whom no document of the collection is closed: nothing can be locked for them.
 */
export const startRequesterLookups =
  (options: ResolvedNewsroomOptions): CollectionBeforeOperationHook =>
  async ({ args, collection, operation, req }) => {
    if (operation !== 'read' || (args as ReadArgs).overrideAccess || isEditor(req)) return args
    void requesterFacts(req, options)
    // A gift's lookahead only reads (a place is taken when its article is read).
    void giftLookahead(req, options)
    if (!options.premium.meter) return args
    const mayBeLocked = (await isEntitled(req, options))
      ? anyClosedTierDocument(req, collection.slug, tierOf(req))
      : Promise.resolve(true)
    const lookUpMeter = () => void withMeter(req, options)
    void mayBeLocked.then((locked) => locked && lookUpMeter(), lookUpMeter)
    return args
  }

/**
 * Marks each document `locked` for this requester before its fields are read, and adds what is derived
 * from the raw document (an article's teaser is cut from the full body before field access removes it).
 */
export const markLocked =
  (
    options: ResolvedNewsroomOptions,
    collection: string,
    derive?: (doc: GatedDoc) => Record<string, unknown>,
    gatedFields: readonly string[] = [],
  ): CollectionBeforeReadHook =>
  async ({ doc, overrideAccess, req }) => {
    const { locked, unlockedBy } = await decideFor(doc, collection, req, options, overrideAccess)
    const out: GatedDoc = { ...doc, ...(derive ? derive(doc as GatedDoc) : {}), locked, unlockedBy }
    // Dropped before Payload's field hooks run: a withheld body never reaches the rich-text hooks (block
    // population). Also spares Payload 3.90's `locale=all` crash on a localized rich-text field whose read access
    // is denied (afterRead/promise.js decides "all locales" before access removes the value; test/README.md).
    if (locked) for (const name of gatedFields) delete out[name]
    return out
  }

/**
 * The last word on every read: a locked document's gated fields come back as explicit `null`.
 * Decides again (from the same cached entitlement) so it also holds where no `beforeRead` ran
 * (create/update responses), and never unlocks what `beforeRead` locked.
 */
export const withholdGatedFields =
  (
    options: ResolvedNewsroomOptions,
    collection: string,
    gatedFields: readonly string[],
    derive?: (doc: GatedDoc) => Record<string, unknown>,
    withGiftedBy = false,
  ): CollectionAfterReadHook =>
  async ({ doc, overrideAccess, req }) => {
    const raw = doc as GatedDoc
    const markedBeforeRead = typeof raw.locked === 'boolean'
    const decision = await decideFor(raw, collection, req, options, overrideAccess)
    const locked = raw.locked === true || decision.locked
    const unlockedBy = locked ? null : decision.unlockedBy
    const out: GatedDoc = { ...raw, ...(!markedBeforeRead && derive ? derive(raw) : {}), locked, unlockedBy }
    if (locked) for (const name of gatedFields) out[name] = null
    else keepPrivate(req, decision)
    // “Gifted by …”: the giver's name, only on the document the gift opened (and only where the field exists).
    if ('giftedBy' in raw || withGiftedBy) {
      out.giftedBy = unlockedBy === 'gift' ? ((await withGift(req, options)).giftedBy ?? null) : null
    }
    return out
  }

export type PremiumGate = {
  /** Field access for each gated field. */
  fieldAccess: { read: FieldAccess }
  /** `forceSelect` for the collection: the gate's own fields plus what `derive` reads. */
  forceSelect: Record<string, true>
  hooks: {
    afterRead: CollectionAfterReadHook[]
    beforeOperation: CollectionBeforeOperationHook[]
    beforeRead: CollectionBeforeReadHook[]
  }
}

/**
 * Everything a collection needs to gate `gatedFields` behind premium entitlement, enforced by Payload's
 * own mechanisms (field access, forceSelect, read hooks) so it holds on REST, GraphQL and the Local API.
 */
export const premiumGate = (
  options: ResolvedNewsroomOptions,
  {
    collection,
    derive,
    gatedFields,
    needs = [],
  }: {
    /** The gated collection's slug. */
    collection: string
    /** Values computed from the raw document on every read (e.g. the teaser). */
    derive?: (doc: GatedDoc) => Record<string, unknown>
    gatedFields: readonly string[]
    /** Extra fields `derive` reads or adds, kept in every `select`. */
    needs?: readonly string[]
  },
): PremiumGate => {
  const needed = [...new Set([...GATE_FIELDS, ...needs])]
  return {
    fieldAccess: { read: gatedFieldRead(options, collection) },
    forceSelect: Object.fromEntries(needed.map((name) => [name, true])) as Record<string, true>,
    hooks: {
      afterRead: [withholdGatedFields(options, collection, gatedFields, derive, true)],
      beforeOperation: [enforceGatedReadArgs(needed), startRequesterLookups(options)],
      beforeRead: [markLocked(options, collection, derive, gatedFields)],
    },
  }
}
