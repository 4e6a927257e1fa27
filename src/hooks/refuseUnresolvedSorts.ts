import type { CollectionBeforeOperationHook, FlattenedField, PayloadRequest, SanitizedCollectionConfig } from 'payload'

import { getLocalizedPaths, QueryError } from 'payload'

import { isEditor } from '../access/roles.js'
import { joinSortsOf, sortEntriesOf, sortPathOf } from './sortEntries.js'

/**
 * Whether a sort path names a field of these fields: each segment a field (into groups, arrays and tabs), a
 * locale code right after a localized field, word-only keys inside a rich-text or JSON value, and anything after
 * a relationship, upload or join (judged by refuseRelationshipSorts and Payload). `id` names the document's id.
 */
export const sortPathResolves = (path: string, fields: FlattenedField[], localeCodes: readonly string[]): boolean => {
  // Not trimmed: a space is part of the path Payload checks and the database sorts by (sortEntries.ts).
  const segments = sortPathOf(path).split('.')
  if (segments.length === 1 && (segments[0] === 'id' || segments[0] === '_id')) return true
  let current = fields
  let i = 0
  while (i < segments.length) {
    const field = current.find((f) => f.name === segments[i])
    if (!field) return false
    i++
    if ('localized' in field && field.localized && i < segments.length && localeCodes.includes(segments[i]!)) i++
    if (i === segments.length) return true
    if (field.type === 'richText' || field.type === 'json') return segments.slice(i).every((s) => /^\w+$/.test(s))
    if (field.type === 'relationship' || field.type === 'upload' || field.type === 'join') return true
    if (!('flattenedFields' in field)) return false
    current = field.flattenedFields
  }
  return true
}

/**
 * Whether Payload checks the read access of a sort path: it does only when its own resolver finds every
 * segment (validateSortQuery.ts, called with these arguments); a path it calls invalid goes to the database
 * unchecked. Our resolver is stricter in places (Payload reads `authorEmail.title` as `title`), Payload's in
 * others (a rich-text key that is not a word), so a sort must satisfy both.
 */
const payloadChecks = (entry: string, collection: string, fields: FlattenedField[], req: PayloadRequest): boolean => {
  const path = sortPathOf(entry)
  if (path === 'id' || path === '_id') return true
  try {
    const paths = getLocalizedPaths({
      collectionSlug: collection,
      fields,
      incomingPath: path,
      locale: req.locale ?? undefined,
      overrideAccess: true,
      payload: req.payload,
    })
    return paths.every(({ invalid }) => !invalid)
  } catch {
    return false
  }
}

/**
 * The collections a join of the arguments reads, by the key Payload reads it under: the join's path (`comments`,
 * or `tab.comments` for one in a named group or tab), each target of a polymorphic join. `null`: no such join.
 */
export const joinTargetsOf = (collection: SanitizedCollectionConfig, key: string): null | string[] => {
  for (const [target, joins] of Object.entries(collection.joins ?? {}))
    if (joins.some((join) => join.joinPath === key)) return [target]
  const polymorphic = (collection.polymorphicJoins ?? []).find((join) => join.joinPath === key)
  if (!polymorphic) return null
  const { collection: targets } = polymorphic.field
  return Array.isArray(targets) ? targets : [targets]
}

/**
 * The sort entries of `args` that name no field: the query's own (unless `joinsOnly`) and each join's, judged
 * against every collection the join reads. A join key with a sort that names no join of the collection is refused
 * too (Payload ignores it today; nothing unjudged should reach the database). `joinsInto`: judge only the joins
 * that read one of these collections.
 */
const unresolvedSorts = (
  args: { joins?: unknown; sort?: unknown },
  collection: SanitizedCollectionConfig,
  req: PayloadRequest,
  { joinsInto, joinsOnly = false }: { joinsInto?: ReadonlySet<string>; joinsOnly?: boolean } = {},
): string[] => {
  const locales = localeCodesOf(req)
  const unresolvedIn = (slug: string, fields: FlattenedField[], entries: string[]) =>
    entries.filter((entry) => !sortPathResolves(entry, fields, locales) || !payloadChecks(entry, slug, fields, req))
  const unresolved = joinsOnly
    ? []
    : unresolvedIn(collection.slug, collection.flattenedFields, sortEntriesOf(args.sort))
  for (const { entries, name } of joinSortsOf(args.joins)) {
    if (entries.length === 0) continue
    const found = joinTargetsOf(collection, name)
    // On a host collection only our collections are judged, even among a polymorphic join's targets.
    const targets = found && joinsInto ? found.filter((target) => joinsInto.has(target)) : found
    if (joinsInto && !targets?.length) continue
    if (!targets) {
      unresolved.push(...entries)
      continue
    }
    for (const target of targets) {
      const fields = req.payload.collections[target]?.config.flattenedFields
      unresolved.push(...(fields ? unresolvedIn(target, fields, entries) : entries))
    }
  }
  return [...new Set(unresolved)]
}

const refuse = (unresolved: string[]) => {
  if (unresolved.length > 0) throw new QueryError(unresolved.map((entry) => ({ path: sortPathOf(entry) })))
}

/**
 * A sort path that names no field is refused (400) for everyone but editors and trusted server code. Payload
 * checks the read access of a sort path only when it resolves the whole path; one it cannot resolve it passes to
 * the database unchecked, and with host localization db-mongodb cuts such a path back to its first field
 * (`authorEmail.x` sorted by `authorEmail`, `content.a-b` by `content`): an ordering oracle on private and gated
 * values. Checked for the query's sort and for each join's, against the joined collections' fields.
 */
export const refuseUnresolvedSorts: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const { overrideAccess } = args as { overrideAccess?: boolean }
  if (overrideAccess === true || isEditor(req)) return args
  refuse(unresolvedSorts(args as { joins?: unknown; sort?: unknown }, collection, req))
  return args
}

/**
 * The same rule on a host collection, only for its joins that read one of ours (`slugs`): a host `media` upload
 * joined to the articles that use it must not sort them by their locked bodies. The host's own sorts are its own.
 */
export const refuseUnresolvedJoinSortsInto = (slugs: readonly string[]): CollectionBeforeOperationHook => {
  const joinsInto = new Set(slugs)
  return ({ args, collection, req }) => {
    const { joins, overrideAccess } = args as { joins?: unknown; overrideAccess?: boolean }
    if (!joins || overrideAccess === true || isEditor(req)) return args
    refuse(unresolvedSorts({ joins }, collection, req, { joinsInto, joinsOnly: true }))
    return args
  }
}

const localeCodesOf = (req: PayloadRequest): readonly string[] => {
  const { localization } = req.payload.config
  return localization ? localization.localeCodes : []
}
