/** The id of a relationship value, whether it arrived as an id or populated. */
export const relationId = (value: unknown): null | number | string => {
  if (typeof value === 'string' || typeof value === 'number') return value === '' ? null : value
  if (value && typeof value === 'object' && 'id' in value) return relationId((value as { id: unknown }).id)
  return null
}
