import type { CollectionBeforeOperationHook, FlattenedField, PayloadRequest } from 'payload'

import { ValidationError } from 'payload'

import type { FieldError } from '../utilities/fieldError.js'

/**
 * Refuses, before any hook reads them, field values of the wrong shape: a relationship that is no id of the
 * related collection (`article: 123`, `{"id": 12}` where ids are ObjectIds) and a group, array or block row
 * that is not an object (`subscription: null`). Our hooks look related documents up by id, and Payload's
 * field traversal reads into groups: both threw (cast errors, `Cannot read properties of null`), i.e. 500s
 * on bad input (contract rule 7). Each is a 400 naming the field, like Payload's own validation errors.
 */
export const rejectMalformedFields: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const { data } = args as { data?: unknown }
  if (!isObject(data)) return args
  const errors: FieldError[] = []
  checkFields(data, collection.flattenedFields, '', req, errors)
  if (errors.length) throw new ValidationError({ collection: collection.slug, errors, req }, req.t)
  return args
}

const OBJECT_ID = /^[0-9a-f]{24}$/i

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function checkFields(
  data: Record<string, unknown>,
  fields: FlattenedField[],
  prefix: string,
  req: PayloadRequest,
  errors: FieldError[],
): void {
  for (const field of fields) {
    if (!('name' in field) || !(field.name in data)) continue
    const value = data[field.name]
    const path = `${prefix}${field.name}`
    // `locale=all` writes carry one value per locale: Payload's own validation judges those.
    if (value === undefined || ('localized' in field && field.localized && req.locale === 'all')) continue
    switch (field.type) {
      case 'group':
      case 'tab':
        if (isObject(value)) checkFields(value, field.flattenedFields, `${path}.`, req, errors)
        else errors.push({ message: 'Must be an object of its fields.', path })
        break
      case 'array':
        checkRows(value, path, errors, (row, rowPath) => checkFields(row, field.flattenedFields, rowPath, req, errors))
        break
      case 'blocks':
        checkRows(value, path, errors, (row, rowPath) => {
          const block =
            req.payload.blocks?.[String(row.blockType)] ?? field.blocks.find((b) => b.slug === row.blockType)
          if (block) checkFields(row, block.flattenedFields, rowPath, req, errors)
        })
        break
      case 'relationship':
      case 'upload':
        checkRelation(value, field.relationTo, Boolean('hasMany' in field && field.hasMany), path, req, errors)
        break
      default:
        break
    }
  }
}

/** Arrays and blocks: a list (or nothing) of objects. */
function checkRows(
  value: unknown,
  path: string,
  errors: FieldError[],
  checkRow: (row: Record<string, unknown>, rowPath: string) => void,
): void {
  // Payload reads 0 / '0' as "no rows".
  if (value === null || value === 0 || value === '0') return
  if (!Array.isArray(value)) {
    errors.push({ message: 'Must be a list of rows.', path })
    return
  }
  value.forEach((row, i) =>
    isObject(row)
      ? checkRow(row, `${path}.${i}.`)
      : errors.push({ message: 'Must be an object of its fields.', path: `${path}.${i}` }),
  )
}

function checkRelation(
  value: unknown,
  relationTo: string | string[],
  hasMany: boolean,
  path: string,
  req: PayloadRequest,
  errors: FieldError[],
): void {
  // Payload reads these as "no relation".
  if (value === null || value === '' || value === 'none' || value === 'null') return
  if (hasMany && Array.isArray(value)) {
    value.forEach((item, i) => checkRelation(item, relationTo, false, `${path}.${i}`, req, errors))
    return
  }
  if (Array.isArray(relationTo)) {
    // Polymorphic: { relationTo, value }.
    const item = isObject(value) ? value : {}
    const target = item.relationTo
    if (typeof target !== 'string' || !relationTo.includes(target)) {
      errors.push({ message: `Must be { relationTo: ${relationTo.join(' | ')}, value: <id> }.`, path })
    } else if (!isIdOf(target, unwrapId(item.value), req)) {
      errors.push({ message: notFound(target, req), path })
    }
    return
  }
  if (!isIdOf(relationTo, unwrapId(value), req)) errors.push({ message: notFound(relationTo, req), path })
}

/** What an id that cannot exist means to the client: "Article not found." (as our hooks say for unknown ids). */
const notFound = (slug: string, req: PayloadRequest) => {
  const label = req.payload.collections[slug]?.config.labels?.singular
  return `${typeof label === 'string' ? label : slug} not found.`
}

/** A populated document stands for its id (Payload stores its `id`). */
const unwrapId = (value: unknown): unknown => (isObject(value) && 'id' in value ? value.id : value)

/** Whether `value` can be an id of `slug`: what its id type is, on the database in use. */
export function isIdOf(slug: string, value: unknown, req: PayloadRequest): boolean {
  const collection = req.payload.collections[slug]
  // Unknown collections are Payload's to refuse.
  if (!collection) return true
  const idType = collection.customIDType ?? req.payload.db.defaultIDType
  if (idType === 'number')
    return (
      (typeof value === 'number' && Number.isFinite(value)) ||
      (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    )
  if (collection.customIDType) return typeof value === 'string' && value !== ''
  // Default ids on MongoDB are ObjectIds: 24 hex digits, or an ObjectId from server code.
  if (req.payload.db.name === 'mongoose')
    return typeof value === 'string' ? OBJECT_ID.test(value) : isObjectIdInstance(value)
  return typeof value === 'string' && value !== ''
}

const isObjectIdInstance = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { toHexString?: unknown }).toHexString === 'function' &&
  OBJECT_ID.test((value as { toHexString: () => string }).toHexString())
