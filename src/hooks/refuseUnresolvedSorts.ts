import type { CollectionBeforeOperationHook, FlattenedField, PayloadRequest } from 'payload'

import { QueryError } from 'payload'

import { isEditor } from '../access/roles.js'

/**
 * Whether a sort path names a field of these fields: each segment a field (into groups, arrays and tabs), a
 * locale code right after a localized field, word-only keys inside a rich-text or JSON value, and anything after
 * a relationship, upload or join (judged by refuseRelationshipSorts and Payload). `id` names the document's id.
 */
export const sortPathResolves = (path: string, fields: FlattenedField[], localeCodes: readonly string[]): boolean => {
  // Payload reads GraphQL's `a__b` as `a.b` when it validates paths.
  const segments = path.trim().replace(/^-/, '').replace(/__/g, '.').split('.')
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

const entriesOf = (sort: unknown): string[] =>
  Array.isArray(sort) ? sort.map(String) : typeof sort === 'string' ? sort.split(',') : []

/**
 * A sort path that names no field is refused (400) for everyone but editors and trusted server code. Payload
 * checks the read access of a sort path only when it resolves the whole path; one it cannot resolve it passes to
 * the database unchecked, and with host localization db-mongodb cuts such a path back to its first field
 * (`authorEmail.x` sorted by `authorEmail`, `content.a-b` by `content`): an ordering oracle on private and gated
 * values. Checked for the query's sort and for each join's, against the joined collection's fields.
 */
export const refuseUnresolvedSorts: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const { joins, overrideAccess, sort } = args as { joins?: unknown; overrideAccess?: boolean; sort?: unknown }
  if (overrideAccess === true || isEditor(req)) return args
  const locales = localeCodesOf(req)
  const unresolved = entriesOf(sort).filter((entry) => !sortPathResolves(entry, collection.flattenedFields, locales))
  if (joins && typeof joins === 'object') {
    for (const [name, join] of Object.entries(joins as Record<string, unknown>)) {
      const field = collection.flattenedFields.find((f) => f.name === name)
      const target = field?.type === 'join' && typeof field.collection === 'string' ? field.collection : null
      const fields = target ? req.payload.collections[target]?.config.flattenedFields : undefined
      if (!fields || !join || typeof join !== 'object') continue
      const joinSort = (join as { sort?: unknown }).sort
      unresolved.push(...entriesOf(joinSort).filter((entry) => !sortPathResolves(entry, fields, locales)))
    }
  }
  if (unresolved.length > 0) throw new QueryError(unresolved.map((entry) => ({ path: entry.trim().replace(/^-/, '') })))
  return args
}

const localeCodesOf = (req: PayloadRequest): readonly string[] => {
  const { localization } = req.payload.config
  return localization ? localization.localeCodes : []
}
