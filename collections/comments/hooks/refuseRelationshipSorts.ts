import type { CollectionBeforeOperationHook } from 'payload'

import { QueryError } from 'payload'

import { isEditor } from '../../../src/access/roles.js'

/**
 * Sorting by a path through a relationship (`reader.email`, `article.title`) orders comments by a related
 * document without that document's access rules (db-mongodb sorts with a `$lookup` that checks nothing, while
 * `where` on the same path is checked): an ordering oracle on other readers' accounts and unpublished
 * articles. Only editors and trusted server code may sort that way; everyone else gets Payload's 400.
 */
export const refuseRelationshipSorts: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'read') return args
  const { overrideAccess, sort } = args as { overrideAccess?: boolean; sort?: unknown }
  if (overrideAccess === true || isEditor(req) || !sort) return args
  const entries = Array.isArray(sort) ? sort : String(sort).split(',')
  const paths = entries.map((entry) => String(entry).trim().replace(/^-/, '')).filter((path) => path.includes('.'))
  if (paths.length > 0) throw new QueryError(paths.map((path) => ({ path })))
  return args
}
