import type {
  CollectionAfterReadHook,
  CollectionBeforeOperationHook,
  CollectionBeforeReadHook,
  FieldAccess,
  PayloadRequest,
  SelectType,
} from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { isEntitled } from './entitlement.js'
import { isEditor } from './roles.js'

type GatedDoc = { [key: string]: unknown; locked?: boolean; premium?: boolean | null }

/** Fields every gated document carries on every read: the flag the gate decides from, and its answer. */
export const GATE_FIELDS = ['premium', 'locked'] as const

/**
 * Only `premium: false` proves a document free; a missing or null flag does not
 * (e.g. dropped by a projection), so the gate fails closed.
 */
export const isProvablyFree = (doc: unknown): boolean =>
  Boolean(doc && typeof doc === 'object' && (doc as GatedDoc).premium === false)

/** Whether the gated fields of `doc` are withheld from this request. */
export const isLockedFor = async (
  doc: unknown,
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  overrideAccess: boolean | undefined,
): Promise<boolean> => {
  // Trusted server code (Local API with overrideAccess) reads everything, as with Payload's own access control.
  if (overrideAccess) return false
  if (isProvablyFree(doc)) return false
  return !(await isEntitled(req, options))
}

/**
 * Read access for a gated field. Payload calls it without `doc` when validating `where` and `sort`
 * (and for `distinct`): nothing proves the document free there, so non-entitled requesters are refused
 * and cannot probe gated content.
 */
export const gatedFieldRead =
  (options: ResolvedNewsroomOptions): FieldAccess =>
  async ({ doc, req }) =>
    isProvablyFree(doc) || isEntitled(req, options)

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
    const locked = await isLockedFor(doc, req, options, overrideAccess)
    const out: GatedDoc = { ...doc, ...(derive ? derive(doc as GatedDoc) : {}), locked }
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
  ): CollectionAfterReadHook =>
  async ({ doc, overrideAccess, req }) => {
    const raw = doc as GatedDoc
    const markedBeforeRead = typeof raw.locked === 'boolean'
    const locked = raw.locked === true || (await isLockedFor(raw, req, options, overrideAccess))
    const out: GatedDoc = { ...raw, ...(!markedBeforeRead && derive ? derive(raw) : {}), locked }
    if (locked) for (const name of gatedFields) out[name] = null
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
    derive,
    gatedFields,
    needs = [],
  }: {
    /** Values computed from the raw document on every read (e.g. the teaser). */
    derive?: (doc: GatedDoc) => Record<string, unknown>
    gatedFields: readonly string[]
    /** Extra fields `derive` reads or adds, kept in every `select`. */
    needs?: readonly string[]
  },
): PremiumGate => {
  const needed = [...new Set([...GATE_FIELDS, ...needs])]
  return {
    fieldAccess: { read: gatedFieldRead(options) },
    forceSelect: Object.fromEntries(needed.map((name) => [name, true])) as Record<string, true>,
    hooks: {
      afterRead: [withholdGatedFields(options, gatedFields, derive)],
      beforeOperation: [enforceGatedReadArgs(needed)],
      beforeRead: [markLocked(options, derive, gatedFields)],
    },
  }
}
