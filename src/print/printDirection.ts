import type { PrintableArticle } from './printableArticle.js'

// Languages written right to left (BCP 47 primary subtags).
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi'])
const STRONG =
  /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Devanagari}]|([\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}])/u

/**
 * The writing direction of a printed article: that of its first strongly directional letter (title first),
 * else that of the document language.
 */
export const articleDirection = (
  article: Pick<PrintableArticle, 'excerpt' | 'title'>,
  locale: string,
): 'ltr' | 'rtl' => {
  const match = STRONG.exec(`${article.title} ${article.excerpt ?? ''}`)
  if (match) return match[1] ? 'rtl' : 'ltr'
  return RTL_LANGUAGES.has(locale.toLowerCase().split(/[-_]/)[0]!) ? 'rtl' : 'ltr'
}
