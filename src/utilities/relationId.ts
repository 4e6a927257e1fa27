/**
 * The id of a relationship value, whether it arrives as an id or as a populated document. An empty or
 * blank string is no id (a cleared relationship field arrives as `''`), so it reads as `null`, never as a
 * lookup of the id `''`.
 */
export const relationId = (value: unknown): null | number | string => {
  if (typeof value === 'string') return value.trim() ? value : null
  if (typeof value === 'number') return value
  if (value && typeof value === 'object' && 'id' in value) return relationId((value as { id: unknown }).id)
  return null
}
