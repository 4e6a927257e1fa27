/** Longest language tag accepted (RFC 5646 §4.4.1 asks implementations to support at least 35 characters). */
export const MAX_LANGUAGE_TAG_LENGTH = 35

/**
 * The canonical form of a BCP 47 language tag (`en-us` → `en-US`, `iw` → `he`), or null when `value` is not
 * one. Well-formedness as JavaScript's `Intl` defines it (Unicode BCP 47 locale identifiers): what the
 * browser's `<track srclang>` and `Intl` APIs accept, so a stored tag always works there. The primary subtag
 * must have 2 or 3 letters (ISO 639): the grammar's 5–8 letter slot has no registered language, so `english`
 * is a typo, not a tag.
 */
export const canonicalLanguageTag = (value: unknown): null | string => {
  if (typeof value !== 'string') return null
  const tag = value.trim()
  if (!tag || tag.length > MAX_LANGUAGE_TAG_LENGTH) return null
  if (!/^[a-z]{2,3}(?:-|$)/i.test(tag)) return null
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null
  } catch {
    return null
  }
}

export const LANGUAGE_TAG_MESSAGE = 'Not a BCP 47 language tag (e.g. “en”, “de-CH”, “pt-BR”).'
