import { effectiveVisibility, type GatedFacts, type Visibility } from './accessDecision.js'

/** The access one shared thing (e.g. an uploaded file) keeps when several documents use it. */
export type CombinedAccess = { tiers: string[]; visibility: Visibility }

const RANK: Record<Visibility, number> = { members: 1, paid: 2, public: 0, tiers: 3 }

const tiersOf = (doc: GatedFacts): string[] =>
  Array.isArray(doc.tiers) ? doc.tiers.filter((t): t is string => typeof t === 'string') : []

/**
 * The strictest access among documents: a requester passes it only if every document's visibility opens to
 * them. Several `tiers` documents keep the tiers they all list (none in common: editors only). A document
 * whose visibility nothing proves counts as `tiers` with no tier (fails closed). No document: public.
 */
export const strictestVisibility = (docs: readonly GatedFacts[]): CombinedAccess => {
  let visibility: Visibility = 'public'
  let tiers: null | string[] = null
  for (const doc of docs) {
    const own = effectiveVisibility(doc) ?? 'tiers'
    const ownTiers = effectiveVisibility(doc) === null ? [] : tiersOf(doc)
    if (own === 'tiers') tiers = tiers === null ? [...new Set(ownTiers)] : tiers.filter((t) => ownTiers.includes(t))
    if (RANK[own] > RANK[visibility]) visibility = own
  }
  return { tiers: visibility === 'tiers' ? (tiers ?? []).sort() : [], visibility }
}
