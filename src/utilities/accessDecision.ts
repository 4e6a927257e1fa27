/**
 * The one decision every surface asks: may this requester read this document's gated fields, and what
 * unlocked it. Pure (no Payload, no database): the requester's facts are gathered once per request by
 * `requesterAccess.ts`, the document's by the read hooks, and REST, GraphQL, the Local API, population,
 * joins, print, PDF and email all end here.
 */

export const VISIBILITIES = ['public', 'members', 'paid', 'tiers'] as const
export type Visibility = (typeof VISIBILITIES)[number]

export const UNLOCKED_BY = ['subscription', 'meter', 'gift', 'editor'] as const
export type UnlockedBy = (typeof UNLOCKED_BY)[number] | null

/** What the gate reads from a document (kept in every `select` by `forceSelect`). */
export type GatedFacts = {
  id?: number | string | null
  premium?: boolean | null
  tiers?: null | readonly string[]
  visibility?: null | string
}

/** What is known about the requester, decided once per request. */
export type RequesterFacts = {
  /** A user of the admin collection: reads everything. */
  editor: boolean
  /** The entitlement rule (subscription, or the host's `premium.hasAccess`) says yes. */
  entitled: boolean
  /** The article id a valid gift token of this request opens, if any. */
  giftArticle: null | string
  /** A logged-in, verified reader (or any logged-in user of the host's auth collection). */
  member: boolean
  /** Ids of the documents this requester unlocked with the meter in the current period. */
  metered: ReadonlySet<string>
  /** The tier of the requester's entitled subscription (`subscription.tier`), if any. */
  tier: null | string
}

export type AccessDecision = { locked: boolean; unlockedBy: UnlockedBy; visibility: null | Visibility }

const isVisibility = (value: unknown): value is Visibility =>
  typeof value === 'string' && (VISIBILITIES as readonly string[]).includes(value)

/**
 * The visibility a document has. `premium: true` means `paid` (and wins over an explicit `public`: the
 * older flag never opens what it closed); without a readable visibility only `premium: false` proves a
 * document public. `null`: nothing proves anything (e.g. a projection dropped both), so the gate fails closed.
 */
export const effectiveVisibility = (doc: GatedFacts | null | undefined): null | Visibility => {
  if (!doc) return null
  const { premium, visibility } = doc
  if (isVisibility(visibility)) return visibility === 'public' && premium === true ? 'paid' : visibility
  if (premium === true) return 'paid'
  if (premium === false) return 'public'
  return null
}

/** Whether the requester's own standing (no meter, no gift) opens a document of this visibility. */
const standingOpens = (visibility: Visibility, tiers: readonly string[], requester: RequesterFacts): boolean => {
  switch (visibility) {
    case 'public':
      return true
    case 'members':
      return requester.member || requester.entitled
    case 'paid':
      return requester.entitled
    case 'tiers':
      return requester.entitled && requester.tier !== null && tiers.includes(requester.tier)
  }
}

/**
 * `trusted`: server code with `overrideAccess` (reads everything, nothing had to be unlocked).
 * Order of the answers: public (nothing to unlock) → editor → subscription → gift → meter → locked.
 */
export const decideAccess = (
  doc: GatedFacts | null | undefined,
  requester: RequesterFacts | 'trusted',
): AccessDecision => {
  const visibility = effectiveVisibility(doc)
  if (visibility === 'public') return { locked: false, unlockedBy: null, visibility }
  if (requester === 'trusted') return { locked: false, unlockedBy: null, visibility }
  if (requester.editor) return { locked: false, unlockedBy: 'editor', visibility }
  if (visibility === null) return { locked: true, unlockedBy: null, visibility }
  const tiers = Array.isArray(doc?.tiers) ? doc.tiers.filter((t): t is string => typeof t === 'string') : []
  if (standingOpens(visibility, tiers, requester)) return { locked: false, unlockedBy: 'subscription', visibility }
  const id = doc?.id === null || doc?.id === undefined ? null : String(doc.id)
  if (id !== null && requester.giftArticle === id) return { locked: false, unlockedBy: 'gift', visibility }
  if (id !== null && requester.metered.has(id)) return { locked: false, unlockedBy: 'meter', visibility }
  return { locked: true, unlockedBy: null, visibility }
}

/**
 * Whether a `where`/`sort` on gated fields (no document at hand) may run for this requester: only when no
 * document the query could match is closed to them. Editors: always. Entitled subscribers: unless some
 * `tiers` document is outside their tier (`anyClosedTierDocument`, looked up by the caller only then). A meter
 * or gift opens one document to read, never to search.
 */
export const mayQueryGatedFields = (
  requester: Pick<RequesterFacts, 'editor' | 'entitled'>,
  anyClosedTierDocument: () => Promise<boolean>,
): Promise<boolean> | boolean => {
  if (requester.editor) return true
  if (!requester.entitled) return false
  return anyClosedTierDocument().then((closed) => !closed)
}

/** The anonymous requester with nothing unlocked (a base for tests and for failures). */
export const NOBODY: RequesterFacts = {
  editor: false,
  entitled: false,
  giftArticle: null,
  member: false,
  metered: new Set(),
  tier: null,
}
