import type { CollectionBeforeOperationHook, FlattenedField, PayloadRequest, Where } from 'payload'
import { NewsroomClientError } from '../utilities/clientError.js'

/**
 * Refuses `where` values the database cannot cast (`where[premium][equals]=maybe`, a non-ObjectId id,
 * an operator object where a value belongs, a geo operator on a field that is not a point) with a 400
 * naming the path — in the query's own `where` and in each join's `where`. Without it MongoDB's cast
 * errors surface as 500s (contract rule 7).
 */
export const rejectMalformedWhere: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const { joins, where } = args as { joins?: unknown; where?: unknown }
  if (where !== undefined && where !== null)
    checkWhere(where, collection.flattenedFields, hasCustomId(collection.flattenedFields), req, 'where')
  if (joins && typeof joins === 'object')
    checkJoinWheres(joins as Record<string, unknown>, collection.flattenedFields, req)
  return args
}

const GEO_OPERATORS = new Set(['intersects', 'near', 'within'])
const LIST_OPERATORS = new Set(['all', 'in', 'not_in'])
const OBJECT_ID = /^[0-9a-f]{24}$/i

const hasCustomId = (fields: FlattenedField[]) => fields.some((f) => f.name === 'id')
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const fail = (path: string, expected: string): never => {
  throw new NewsroomClientError(`Invalid query: ${path} must be ${expected}.`, 400)
}

function checkWhere(
  where: unknown,
  fields: FlattenedField[],
  customId: boolean,
  req: PayloadRequest,
  path: string,
  depth = 0,
): void {
  if (depth > 20) fail(path, 'nested less deeply')
  if (!isPlainObject(where)) fail(path, 'an object of conditions')
  for (const [key, condition] of Object.entries(where as Where)) {
    // GraphQL spells them AND / OR.
    if (key.toLowerCase() === 'and' || key.toLowerCase() === 'or') {
      const list = Array.isArray(condition) ? condition : Object.values(condition ?? {})
      list.forEach(
        (sub, i) =>
          sub &&
          typeof sub === 'object' &&
          checkWhere(sub, fields, customId, req, `${path}[${key.toLowerCase()}][${i}]`, depth + 1),
      )
      continue
    }
    if (!condition || typeof condition !== 'object') continue
    for (const [operator, value] of Object.entries(condition as Record<string, unknown>)) {
      checkValue(key, operator, value, fields, customId, req, `${path}[${key}][${operator}]`)
    }
  }
}

/** Each join's `where` is checked against the joined collection, as the query's own `where` is. */
function checkJoinWheres(joins: Record<string, unknown>, fields: FlattenedField[], req: PayloadRequest): void {
  for (const [name, join] of Object.entries(joins)) {
    if (!isPlainObject(join) || join.where === undefined || join.where === null) continue
    const field = fieldAtPath(name, fields)
    if (!field || field.type !== 'join') continue
    for (const slug of [field.collection].flat()) {
      const target = req.payload.collections[slug]?.config
      if (target)
        checkWhere(
          join.where,
          target.flattenedFields,
          hasCustomId(target.flattenedFields),
          req,
          `joins[${name}][where]`,
        )
    }
  }
}

/** The field a dotted schema path (a join's name, `group.join`) names, through groups and named tabs. */
function fieldAtPath(path: string, fields: FlattenedField[]): FlattenedField | undefined {
  const [head, ...rest] = path.split('.')
  const field = fields.find((f) => f.name === head)
  if (!field || rest.length === 0) return field
  return 'flattenedFields' in field ? fieldAtPath(rest.join('.'), field.flattenedFields) : undefined
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
  if (GEO_OPERATORS.has(operator)) {
    // MongoDB throws on $near/$geoWithin/$geoIntersects over anything but a point (unknown paths: Payload's 400).
    const type = resolveType(fieldPath, fields, customId, req)
    if (type !== undefined && type !== 'point') fail(path, 'used on a point field (near, within and intersects)')
    return
  }
  if (value === null || value === undefined) return
  if (operator === 'exists') {
    if (!isBooleanLike(value)) fail(path, 'true or false')
    return
  }
  if (LIST_OPERATORS.has(operator) && isPlainObject(value)) fail(path, 'a list of values')
  const values = LIST_OPERATORS.has(operator) ? (Array.isArray(value) ? value : String(value).split(',')) : [value]
  for (const v of values)
    if (v !== null && typeof v === 'object' && !(v instanceof Date)) fail(path, 'a plain value, not an object')

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

/** What a path's value is checked as; 'other' = a known field this hook does not check, undefined = unknown path. */
type ResolvedType = 'checkbox' | 'date' | 'number' | 'objectId' | 'other' | 'point' | undefined

/** The type a path's value must have, following single-collection relationships. */
function resolveType(
  fieldPath: string,
  fields: FlattenedField[],
  customId: boolean,
  req: PayloadRequest,
): ResolvedType {
  // GraphQL spells nested paths `a__b`.
  const [head, ...rest] = fieldPath.replace(/__/g, '.').split('.')
  if (head === 'id' || head === '_id')
    return rest.length === 0 ? (!customId && usesObjectIds(req) ? 'objectId' : 'other') : undefined
  const field = fields.find((f) => f.name === head)
  if (!field) return undefined
  if (field.type === 'relationship' || field.type === 'upload') {
    if (Array.isArray(field.relationTo) || ('hasMany' in field && field.hasMany && rest.length === 0)) {
      return rest.length === 0 ? relatedIdType(field.relationTo as string, req) : undefined
    }
    const target = req.payload.collections[field.relationTo as string]?.config
    if (!target) return undefined
    if (rest.length === 0 || (rest.length === 1 && rest[0] === 'id'))
      return relatedIdType(field.relationTo as string, req)
    return resolveType(rest.join('.'), target.flattenedFields, hasCustomId(target.flattenedFields), req)
  }
  // Payload's own validation of paths through a join rejects asynchronously (an unhandled rejection): refuse first.
  if (field.type === 'join' && rest.length) fail(`where[${fieldPath}]`, 'a path that does not go through a join')
  if ((field.type === 'group' || field.type === 'tab') && 'flattenedFields' in field && rest.length) {
    return resolveType(rest.join('.'), field.flattenedFields, true, req)
  }
  if (rest.length) return undefined
  if (field.type === 'checkbox' || field.type === 'date' || field.type === 'number' || field.type === 'point')
    return field.type
  return 'other'
}

function relatedIdType(slug: string | string[], req: PayloadRequest): ResolvedType {
  if (Array.isArray(slug)) return 'other'
  const target = req.payload.collections[slug]?.config
  if (!target) return undefined
  return !hasCustomId(target.flattenedFields) && usesObjectIds(req) ? 'objectId' : 'other'
}

const usesObjectIds = (req: PayloadRequest) => req.payload.db.name === 'mongoose'
