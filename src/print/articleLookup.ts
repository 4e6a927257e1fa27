import type { Payload, Where } from 'payload'

/** The shape of ids in the articles collection, decided once from the database adapter. */
export type IdShape = 'any' | 'number' | 'objectId' | 'uuid'

const ID_PATTERNS: Record<Exclude<IdShape, 'any'>, RegExp> = {
  number: /^[1-9]\d{0,15}$/,
  objectId: /^[\da-f]{24}$/i,
  uuid: /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i,
}

/** Slugs the plugin produces are lower-case ASCII words joined by hyphens; accept a little more, nothing odd. */
const SLUG_PATTERN = /^[A-Za-z\d][\w-]{0,199}$/

export const articleIdShape = (payload: Payload, collection: string): IdShape => {
  const customIDType = payload.collections[collection]?.customIDType
  if (customIDType === 'number') return 'number'
  if (customIDType === 'text') return 'any'
  if (payload.db.defaultIDType === 'number') return 'number'
  return payload.db.name === 'mongoose' ? 'objectId' : 'uuid'
}

/**
 * The `where` that finds an article by id or slug, or `null` when the parameter is neither.
 * Decided by shape, so a slug never reaches an id query (a malformed ObjectId would be a 500).
 */
export const articleLookupWhere = (param: string, idShape: IdShape): null | Where => {
  const value = param.trim()
  if (!value || value.length > 200) return null
  const isID = idShape === 'any' || ID_PATTERNS[idShape].test(value)
  const isSlug = SLUG_PATTERN.test(value)
  const byID: Where = { id: { equals: idShape === 'number' ? Number(value) : value } }
  const bySlug: Where = { slug: { equals: value } }
  if (isID && isSlug) return { or: [byID, bySlug] }
  if (isID) return byID
  if (isSlug) return bySlug
  return null
}
