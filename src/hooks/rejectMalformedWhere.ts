import type { CollectionBeforeOperationHook, FlattenedField, PayloadRequest, Where } from 'payload'

import { APIError } from 'payload'

/**
 * Refuses `where` values the database cannot cast (`where[premium][equals]=maybe`, a non-ObjectId id,
 * an operator object where a value belongs) with a 400 naming the path. Without it MongoDB's cast
 * errors surface as 500s (contract rule 7).
 */
export const rejectMalformedWhere: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const where = (args as { where?: Where }).where
  if (where && typeof where === 'object') checkWhere(where, collection.flattenedFields, hasCustomId(collection.flattenedFields), req, 'where')
  return args
}

const GEO_OPERATORS = new Set(['intersects', 'near', 'within'])
const LIST_OPERATORS = new Set(['all', 'in', 'not_in'])
const OBJECT_ID = /^[0-9a-f]{24}$/i

const hasCustomId = (fields: FlattenedField[]) => fields.some((f) => f.name === 'id')

const fail = (path: string, expected: string): never => {
  throw new APIError(`Invalid query: ${path} must be ${expected}.`, 400, undefined, true)
}

function checkWhere(where: Where, fields: FlattenedField[], customId: boolean, req: PayloadRequest, path: string, depth = 0): void {
  if (depth > 20) fail(path, 'nested less deeply')
  for (const [key, condition] of Object.entries(where)) {
    // GraphQL spells them AND / OR.
    if (key.toLowerCase() === 'and' || key.toLowerCase() === 'or') {
      const list = Array.isArray(condition) ? condition : Object.values(condition ?? {})
      list.forEach((sub, i) => sub && typeof sub === 'object' && checkWhere(sub as Where, fields, customId, req, `${path}[${key.toLowerCase()}][${i}]`, depth + 1))
      continue
    }
    if (!condition || typeof condition !== 'object') continue
    for (const [operator, value] of Object.entries(condition as Record<string, unknown>)) {
      checkValue(key, operator, value, fields, customId, req, `${path}[${key}][${operator}]`)
    }
  }
}

function checkValue(
  fieldPath: string,
  operator: string,
  value: unknown,
  fields: FlattenedField[],
  customId: boolean,
  req: PayloadRequest,
  path: string,
): void {
  if (GEO_OPERATORS.has(operator) || value === null || value === undefined) return
  if (operator === 'exists') {
    if (!isBooleanLike(value)) fail(path, 'true or false')
    return
  }
  const values = LIST_OPERATORS.has(operator) ? (Array.isArray(value) ? value : String(value).split(',')) : [value]
  for (const v of values) if (v !== null && typeof v === 'object' && !(v instanceof Date)) fail(path, 'a plain value, not an object')

  const type = resolveType(fieldPath, fields, customId, req)
  if (!type || operator === 'like' || operator === 'contains') return
  for (const v of values) {
    if (v === null || v === '') continue
    if (type === 'checkbox' && !isBooleanLike(v)) fail(path, 'true or false')
    if (type === 'number' && !Number.isFinite(Number(v))) fail(path, 'a number')
    if (type === 'date' && Number.isNaN(new Date(v as string).getTime())) fail(path, 'a date')
    if (type === 'objectId' && !OBJECT_ID.test(String(v))) fail(path, 'a document id')
  }
}

const isBooleanLike = (v: unknown) => typeof v === 'boolean' || v === 'true' || v === 'false'

type CheckedType = 'checkbox' | 'date' | 'number' | 'objectId' | undefined

/** The type a path's value must have, following single-collection relationships; undefined = not checked here. */
function resolveType(fieldPath: string, fields: FlattenedField[], customId: boolean, req: PayloadRequest): CheckedType {
  const [head, ...rest] = fieldPath.split('.')
  if (head === 'id' || head === '_id') return rest.length === 0 && !customId && usesObjectIds(req) ? 'objectId' : undefined
  const field = fields.find((f) => f.name === head)
  if (!field) return undefined
  if (field.type === 'relationship' || field.type === 'upload') {
    if (Array.isArray(field.relationTo) || ('hasMany' in field && field.hasMany && rest.length === 0)) {
      return rest.length === 0 ? relatedIdType(field.relationTo as string, req) : undefined
    }
    const target = req.payload.collections[field.relationTo as string]?.config
    if (!target) return undefined
    if (rest.length === 0 || (rest.length === 1 && rest[0] === 'id')) return relatedIdType(field.relationTo as string, req)
    return resolveType(rest.join('.'), target.flattenedFields, hasCustomId(target.flattenedFields), req)
  }
  // Payload's own validation of paths through a join rejects asynchronously (an unhandled rejection): refuse first.
  if (field.type === 'join' && rest.length) fail(`where[${fieldPath}]`, 'a path that does not go through a join')
  if (field.type === 'group' && rest.length) return resolveType(rest.join('.'), field.flattenedFields, true, req)
  if (rest.length) return undefined
  if (field.type === 'checkbox') return 'checkbox'
  if (field.type === 'number') return 'number'
  if (field.type === 'date') return 'date'
  return undefined
}

function relatedIdType(slug: string | string[], req: PayloadRequest): CheckedType {
  if (Array.isArray(slug)) return undefined
  const target = req.payload.collections[slug]?.config
  return target && !hasCustomId(target.flattenedFields) && usesObjectIds(req) ? 'objectId' : undefined
}

const usesObjectIds = (req: PayloadRequest) => req.payload.db.name === 'mongoose'
