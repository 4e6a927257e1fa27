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
} from '../utilities/accessDecision.js'
import { requesterFacts, withMeter } from './requesterAccess.js'
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

/** The access decision for `doc` and this request (accessDecision.ts), with the requester's facts gathered once. */
export const decideFor = async (
  doc: unknown,
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  overrideAccess: boolean | undefined,
): Promise<AccessDecision> => {
  const facts = doc && typeof doc === 'object' ? (doc as GatedFacts) : null
  // Trusted server code (Local API with overrideAccess) reads everything, as with Payload's own access control.
  if (overrideAccess) return decideAccess(facts, 'trusted')
  if (isProvablyFree(facts)) return decideAccess(facts, 'trusted')
  const decision = decideAccess(facts, await requesterFacts(req, options))
  if (!decision.locked || !options.premium.meter) return decision
  return decideAccess(facts, await withMeter(req, options))
}

/** Whether the gated fields of `doc` are withheld from this request. */
export const isLockedFor = async (
  doc: unknown,
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  overrideAccess: boolean | undefined,
): Promise<boolean> => (await decideFor(doc, req, options, overrideAccess)).locked

/** Documents of `collection` whose tiers leave out this requester's tier (counted once per request, only when asked). */
const closedTierCount = (req: PayloadRequest, collection: string, tier: null | string): Promise<number> => {
  const key = `newsroom:closedTiers:${collection}`
  const context = req.context as Record<string, unknown>
  const cached = context?.[key] as Promise<number> | undefined
  if (cached) return cached
  const where: Where = tier
    ? { and: [{ visibility: { equals: 'tiers' } }, { tiers: { not_in: [tier] } }] }
    : { visibility: { equals: 'tiers' } }
  const counted = req.payload.db.count({ collection, req: undefined, where }).then((r) => r.totalDocs)
  if (context) context[key] = counted
  return counted
}

/**
 * Read access for a gated field. With a document: the access decision. Payload calls it without `doc` when
 * validating `where` and `sort` (and for `distinct`): nothing is unlocked there by meter or gift, so only
 * requesters to whom no document of the collection is closed may query it (`mayQueryGatedFields`); everyone
 * else is refused and cannot probe gated content.
 */
export const gatedFieldRead =
  (options: ResolvedNewsroomOptions, collection: string): FieldAccess =>
  async ({ doc, req }) => {
    if (doc) return !(await decideFor(doc, req, options, false)).locked
    const facts = await requesterFacts(req, options)
    return mayQueryGatedFields(facts, () => closedTierCount(req, collection, facts.tier))
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
 * Marks each document `locked` for this requester before its fields are read, and adds what is derived
 * from the raw document (an article's teaser is cut from the full body before field access removes it).
 */
export const markLocked =
  (
    options: ResolvedNewsroomOptions,
    derive?: (doc: GatedDoc) => Record<string, unknown>,
    gatedFields: readonly string[] = [],
  ): CollectionBeforeReadHook =>
  async ({ doc, overrideAccess, req }) => {
    const { locked, unlockedBy } = await decideFor(doc, req, options, overrideAccess)
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
    gatedFields: readonly string[],
    derive?: (doc: GatedDoc) => Record<string, unknown>,
    withGiftedBy = false,
  ): CollectionAfterReadHook =>
  async ({ doc, overrideAccess, req }) => {
    const raw = doc as GatedDoc
    const markedBeforeRead = typeof raw.locked === 'boolean'
    const decision = await decideFor(raw, req, options, overrideAccess)
    const locked = raw.locked === true || decision.locked
    const unlockedBy = locked ? null : decision.unlockedBy
    const out: GatedDoc = { ...raw, ...(!markedBeforeRead && derive ? derive(raw) : {}), locked, unlockedBy }
    if (locked) for (const name of gatedFields) out[name] = null
    else keepPrivate(req, decision)
    // “Gifted by …”: the giver's name, only on the document the gift opened (and only where the field exists).
    if ('giftedBy' in raw || withGiftedBy) {
      out.giftedBy = unlockedBy === 'gift' ? ((await requesterFacts(req, options)).giftedBy ?? null) : null
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
      afterRead: [withholdGatedFields(options, gatedFields, derive, true)],
      beforeOperation: [enforceGatedReadArgs(needed)],
      beforeRead: [markLocked(options, derive, gatedFields)],
    },
  }
}
