import { nodeCreateRequire } from '../../utilities/nodeCreateRequire.js'
type Hyphenate = (text: string, options?: { hyphenChar?: string; minWordLength?: number }) => string

// Loaded by Node at run time, never by the host's bundler: Next would try to bundle every language's patterns (and
// fails to parse some). Held in an array so bundlers do not treat it as their own `require`.
const [loadPatterns] = [nodeCreateRequire(import.meta.url)]
const cache = new Map<string, Hyphenate | null>()

// Languages whose `hyphen` patterns live under another name.
const ALIASES: Record<string, string> = { de: 'de-1996', el: 'el-monoton', en: 'en-us', mn: 'mn-cyrl', sr: 'sr-cyrl' }

/** The `hyphen` patterns for a BCP 47 language (region first, then the language), or null when there are none. */
export const hyphenatorFor = (locale: string): Hyphenate | null => {
  const lower = locale.toLowerCase()
  if (cache.has(lower)) return cache.get(lower)!
  const primary = lower.split(/[-_]/)[0]!
  let found: Hyphenate | null = null
  for (const name of [lower, ALIASES[primary], primary]) {
    if (!name || !/^[a-z-]+$/.test(name)) continue
    try {
      found = (loadPatterns(['hyphen', name].join('/')) as { hyphenateSync: Hyphenate }).hyphenateSync
      break
    } catch {
      // no patterns under this name
    }
  }
  cache.set(lower, found)
  return found
}

export const SOFT_HYPHEN = '\u00ad'

/** Text with soft hyphens where the language allows a break (words of 6 letters or more). */
export const hyphenate = (text: string, locale: string): string => {
  const hyphenator = hyphenatorFor(locale)
  return hyphenator ? hyphenator(text, { hyphenChar: SOFT_HYPHEN, minWordLength: 6 }) : text
}
