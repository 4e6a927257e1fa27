import type { CollectionBeforeOperationHook } from 'payload'

import { APIError } from 'payload'

/**
 * Refuses sort paths and page numbers the database cannot take — a NUL byte in `sort` (a BSON
 * serialization error), a `page` whose skip is no 64-bit integer (`page=1e20`) — in the query and in each
 * join, with a 400 naming the parameter instead of the driver's 500 (contract rule 7). How large a page
 * may be is not decided here (limit bounds are a policy of their own); only what is malformed.
 */
export const rejectMalformedQuery: CollectionBeforeOperationHook = ({ args }) => {
  const { joins, limit, page, sort } = args as { joins?: unknown; limit?: unknown; page?: unknown; sort?: unknown }
  // Payload's default page size is 10 (find.ts), for the query and for joins.
  checkQuery({ limit: limit ?? 10, page, sort }, '')
  if (joins && typeof joins === 'object') {
    for (const [name, join] of Object.entries(joins as Record<string, unknown>)) {
      if (join && typeof join === 'object') checkQuery({ ...join, limit: (join as { limit?: unknown }).limit ?? 10 }, `joins[${name}]`)
    }
  }
  return args
}

/** A field path (optionally `-` first): non-empty names joined by dots, none starting with `$`, no control characters. */
const isSortPath = (entry: string) =>
  entry
    .replace(/^-/, '')
    .split('.')
    // eslint-disable-next-line no-control-regex
    .every((name) => name !== '' && !name.startsWith('$') && !/[\u0000-\u001f\u007f]/.test(name))

const fail = (param: string, expected: string): never => {
  throw new APIError(`Invalid query: ${param} must be ${expected}.`, 400, undefined, true)
}

function checkQuery({ limit, page, sort }: Record<string, unknown>, prefix: string): void {
  const name = (param: string) => (prefix ? `${prefix}[${param}]` : param)
  if (sort !== undefined && sort !== null) {
    const entries = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : fail(name('sort'), 'a field name or a comma-separated list of them')
    for (const entry of entries as unknown[]) {
      if (typeof entry !== 'string') fail(name('sort'), 'a field name or a comma-separated list of them')
      const trimmed = (entry as string).trim()
      if (trimmed && !isSortPath(trimmed)) fail(name('sort'), 'a field path, optionally preceded by `-`')
    }
  }
  if (limit !== undefined && limit !== null && !Number.isSafeInteger(limit)) fail(name('limit'), 'a whole number')
  if (page !== undefined && page !== null) {
    if (!Number.isSafeInteger(page) || (page as number) < 1) fail(name('page'), 'a whole number from 1')
    // The database skips (page - 1) × limit documents: that must stay a whole number it can represent.
    const perPage = typeof limit === 'number' && limit > 0 ? limit : 1
    if (!Number.isSafeInteger(((page as number) - 1) * perPage)) fail(name('page'), 'small enough that page × limit is a whole number')
  }
}
