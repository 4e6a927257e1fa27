import type { CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import { isEditor } from '../access/roles.js'

import { MAX_LIST_LIMIT } from '../graphql/boundedLists.js'
import { NewsroomClientError } from '../utilities/clientError.js'

/** Largest page a REST list or join may ask for: the same bound as GraphQL's (src/graphql/boundedLists.ts). */
export const MAX_REST_LIMIT = MAX_LIST_LIMIT

const refuse = (message: string): never => {
  throw new NewsroomClientError(message, 400)
}

const isPageSize = (value: unknown): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_REST_LIMIT

/**
 * Why a REST read's paging is refused, or null: `limit` must be 1…100 (Payload reads `0` as "everything"),
 * `pagination=false` is refused, and so is each join's `limit` outside 1…100. Only what the client put in the
 * query string is judged (`query`), on the values the operation received (`args`), so the plugin's own reads
 * inside a request (print, population) are not mistaken for the client's.
 */
export const restListProblem = (
  query: Record<string, unknown>,
  args: { joins?: unknown; limit?: unknown; pagination?: unknown },
): null | string => {
  const between = `between 1 and ${MAX_REST_LIMIT}`
  if ('limit' in query && args.limit !== undefined && !isPageSize(args.limit)) return `"limit" must be ${between}.`
  if ('pagination' in query && args.pagination === false)
    return '"pagination=false" is not allowed: page through the results instead.'
  const askedJoins = query.joins
  if (askedJoins && typeof askedJoins === 'object') {
    const joins = (args.joins ?? {}) as Record<string, unknown>
    for (const [name, asked] of Object.entries(askedJoins as Record<string, unknown>)) {
      if (!asked || typeof asked !== 'object' || !('limit' in asked)) continue
      const join = joins[name]
      const limit = join && typeof join === 'object' ? (join as { limit?: unknown }).limit : undefined
      if (limit !== undefined && !isPageSize(limit)) return `"joins[${name}][limit]" must be ${between}.`
    }
  }
  return null
}

/**
 * Keeps public REST lists bounded as GraphQL's are: `?limit=0`, `pagination=false` and `joins[x][limit]=0`
 * would otherwise hand anyone every document in one response. Editors and server code (Local API) are not bounded.
 */
export const boundRestLists: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'read' || !isPublicRest(req)) return args
  const problem = restListProblem(req.query ?? {}, args as { joins?: unknown; limit?: unknown; pagination?: unknown })
  if (problem) refuse(problem)
  return args
}

const isPublicRest = (req: PayloadRequest): boolean => req.payloadAPI === 'REST' && !isEditor(req)
