import type { CollectionBeforeOperationHook, FlattenedField } from 'payload'

import { QueryError } from 'payload'

import { isEditor } from '../access/roles.js'
import { sortEntriesOf, sortPathOf } from './sortEntries.js'

/**
 * Whether a sort path reads a field of a related document (`reader.email`, `relatedVideos.title`), as opposed
 * to a field of this document (`title`, `subscription.plan`) or the stored reference itself (`reader`, `reader.id`).
 * Unknown paths are not ours to judge: Payload refuses them itself.
 */
export const sortsThroughRelationship = (path: string, fields: FlattenedField[]): boolean => {
  const segments = sortPathOf(path).split('.')
  let current = fields
  for (let i = 0; i < segments.length; i++) {
    const field = current.find((f) => f.name === segments[i])
    if (!field) return false
    const rest = segments.slice(i + 1)
    // A virtual field linked to a relationship path is sorted by that path.
    if ('virtual' in field && typeof field.virtual === 'string') return sortsThroughRelationship(field.virtual, fields)
    if (field.type === 'join') return rest.length > 0
    if (field.type === 'relationship' || field.type === 'upload') {
      if (rest.length === 0) return false
      const stored = Array.isArray(field.relationTo) ? ['relationTo', 'value'] : ['id']
      return !(rest.length === 1 && stored.includes(rest[0]!))
    }
    if (!('flattenedFields' in field)) return false
    current = field.flattenedFields
  }
  return false
}

/**
 * Sorting by a path through a relationship orders documents by a related document without that document's
 * access rules (db-mongodb sorts with a `$lookup` that checks nothing, while `where` on the same path is
 * checked): an ordering oracle on unpublished articles' and videos' titles, or other readers' accounts. Only
 * editors and trusted server code may sort that way; everyone else gets Payload's 400 naming the path.
 */
export const refuseRelationshipSorts: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const { overrideAccess, sort } = args as { overrideAccess?: boolean; sort?: unknown }
  if (!sort || overrideAccess === true || isEditor(req)) return args
  const refused = sortEntriesOf(sort).filter((entry) => sortsThroughRelationship(entry, collection.flattenedFields))
  if (refused.length > 0) throw new QueryError(refused.map((entry) => ({ path: sortPathOf(entry) })))
  return args
}
