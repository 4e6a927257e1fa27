import type { CollectionBeforeOperationHook, GlobalBeforeOperationHook } from 'payload'

import { NotFound } from 'payload'

import { isIdOf } from './rejectMalformedFields.js'
import { NewsroomClientError } from '../utilities/clientError.js'

/**
 * Refuses sort paths and page numbers the database cannot take — a NUL byte in `sort` (a BSON
 * serialization error), a `page` whose skip is no 64-bit integer (`page=1e20`) — in the query and in each
 * join, with a 400 naming the parameter instead of the driver's 500 (contract rule 7). How large a page
 * may be is not decided here (limit bounds are a policy of their own); only what is malformed.
 */
export const rejectMalformedQuery: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  const { data, disableErrors, id, joins, limit, page, sort } = args as {
    data?: unknown
    disableErrors?: boolean
    id?: unknown
    joins?: unknown
    limit?: unknown
    page?: unknown
    sort?: unknown
  }
  // A read's `data` (REST `?data=`: a document to run the read hooks on) must be an object; `-1` crashed them.
  if (
    operation === 'read' &&
    data !== undefined &&
    data !== null &&
    (typeof data !== 'object' || Array.isArray(data))
  ) {
    fail('data', 'a JSON object')
  }
  // A document id that cannot be one (GraphQL `Video(id: "zzz")`) names no document: 404, as REST answers, not a
  // cast error. (With `disableErrors` the caller wants null, which a hook cannot return: left to Payload.)
  if (
    (operation === 'read' || operation === 'update' || operation === 'delete') &&
    id !== undefined &&
    id !== null &&
    !disableErrors &&
    !isIdOf(collection.slug, id, req)
  ) {
    throw new NotFound(req.t)
  }
  // Payload's default page size is 10 (find.ts), for the query and for joins.
  checkQuery({ limit: limit ?? 10, page, sort }, '')
  if (joins && typeof joins === 'object') {
    for (const [name, join] of Object.entries(joins as Record<string, unknown>)) {
      if (join && typeof join === 'object')
        checkQuery({ ...join, limit: (join as { limit?: unknown }).limit ?? 10 }, `joins[${name}]`)
    }
  }
  return args
}

/**
 * A sort entry is a field path: an optional `-`, then names joined by single dots, without whitespace or control
 * characters. Anything else is refused, not passed on: BSON cannot carry a NUL in a key (`sort=%00` was a 500),
 * an empty entry (`sort=`, `sort=title,`, `sort=-`) reached the driver as `""` (a 500), and a path with an empty segment
 * (`authorEmail.`) escaped Payload's field-access check on sort paths while the database still sorted by the
 * field: an ordering oracle on editor-only and gated values.
 */
const NAME = '[^.\\s\\p{Cc}]+'
const SORT_PATH = new RegExp(`^-?(?!-)${NAME}(\\.${NAME})*$`, 'u')
const isSortPath = (entry: string) => SORT_PATH.test(entry)

const fail = (param: string, expected: string): never => {
  throw new NewsroomClientError(`Invalid query: ${param} must be ${expected}.`, 400)
}

function checkQuery({ limit, page, sort }: Record<string, unknown>, prefix: string): void {
  const name = (param: string) => (prefix ? `${prefix}[${param}]` : param)
  if (sort !== undefined && sort !== null) {
    const entries = Array.isArray(sort)
      ? sort
      : typeof sort === 'string'
        ? sort.split(',')
        : fail(name('sort'), 'a field name or a comma-separated list of them')
    // `sort=` too: Payload hands it over as `['']`, which reached the driver (a 500).
    for (const entry of entries as unknown[]) {
      if (typeof entry !== 'string') fail(name('sort'), 'a field name or a comma-separated list of them')
      if (!isSortPath((entry as string).trim()))
        fail(name('sort'), 'field paths (names joined by single dots, an optional leading -), separated by commas')
    }
  }
  // Odd but harmless values (a negative limit or page, `page=abc`) Payload clamps or ignores; only numbers the
  // database cannot take are refused.
  if (typeof limit === 'number' && !Number.isSafeInteger(limit)) fail(name('limit'), 'a whole number')
  if (typeof page === 'number' && page > 1) {
    // The database skips (page - 1) × limit documents: that must stay a whole number it can represent.
    const perPage = typeof limit === 'number' && limit > 0 ? limit : 1
    if (!Number.isSafeInteger((page - 1) * perPage))
      fail(name('page'), 'a whole number small enough that (page - 1) × limit is one')
  }
  if (typeof page === 'number' && !Number.isFinite(page)) fail(name('page'), 'a whole number')
}

/** Our globals: a read's `data` must be an object, as for collections. */
export const rejectMalformedGlobalRead: GlobalBeforeOperationHook = ({ args, operation }) => {
  const data = (args as { data?: unknown } | undefined)?.data
  if (operation === 'read' && data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data)))
    fail('data', 'a JSON object')
  return args
}
