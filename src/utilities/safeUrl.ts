import { sanitizeUrl } from 'payload/shared'

/**
 * The plugin's URL checks, one place for each question asked of a URL that reaches a page or a PDF:
 * - `isHttpUrl`: may a stored value be a clickable website (comment author)? Absolute http(s) only.
 * - `safeUrl`: may a resource (poster, video link) be loaded from it? Absolute http(s), or root-relative
 *   made absolute with `baseUrl`; the normalised href, or null.
 * - `safeHref`: may rich-text link to it? What Payload's own link sanitiser keeps (http(s), mailto, tel,
 *   relative…), minus empty and fragment-only targets.
 * None of them lets `javascript:` or `data:` through.
 */

/** The normalised href of an absolute http(s) URL, or null. */
const absoluteHttp = (value: unknown): null | string => {
  if (typeof value !== 'string') return null
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

/** A commenter's website: http(s) only, so no `javascript:` links reach a page. */
export const isHttpUrl = (value: unknown): boolean => absoluteHttp(value) !== null

/** An http(s) or root-relative URL (made absolute with `baseUrl`), or null for anything else. */
export const safeUrl = (value: null | string | undefined, baseUrl = ''): null | string => {
  if (!value) return null
  if (value.startsWith('/') && !value.startsWith('//')) return `${baseUrl.replace(/\/$/, '')}${value}`
  return absoluteHttp(value)
}

/** A link target safe for href/PDF annotations, or `null` for nothing worth linking (empty, `#`, `javascript:`…). */
export const safeHref = (url: unknown): null | string => {
  if (typeof url !== 'string') return null
  const clean = sanitizeUrl(url)
  return clean && !clean.startsWith('#') ? clean : null
}
