import { parseKeyList } from './keyMatcher.js'

/** The key list (one per line) with `key` added at the end, or null when it is already there (any case). */
export const withKey = (list: null | string | undefined, key: string): null | string => {
  const keys = parseKeyList(list)
  if (keys.some((k) => k.toLowerCase() === key.toLowerCase())) return null
  return [...keys, key].join('\n')
}

/** The key list without `key` (the exact line, any case), or null when it was not there. */
export const withoutKey = (list: null | string | undefined, key: string): null | string => {
  const keys = parseKeyList(list)
  const kept = keys.filter((k) => k.toLowerCase() !== key.toLowerCase())
  return kept.length === keys.length ? null : kept.join('\n')
}
