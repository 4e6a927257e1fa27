/** Characters outside Latin-1 that the PDF standard fonts still have (WinAnsiEncoding 0x80–0x9F). */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')

const REPLACEMENTS: Record<string, string> = {
  '\t': ' ',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '—',
  '\u2028': '\n',
  '\u2029': '\n',
  '\u2032': "'",
  '\u2033': '"',
  '\u2190': '<-',
  '\u2192': '->',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2610': '[ ]',
  '\u2611': '[x]',
  '\u2612': '[x]',
  '\u2713': 'v',
  '\u25b6': '>',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  Ł: 'L',
  ł: 'l',
}

const LATIN1_ONLY = /^[\n\x20-\x7e\xa0-\xff]*$/

const isEncodable = (char: string): boolean => {
  const code = char.codePointAt(0)!
  return char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(char)
}

/**
 * Text the PDF standard fonts can show (WinAnsiEncoding): accents are kept where Latin-1 has them,
 * folded to the base letter otherwise (ő → o), a few symbols spelled out, anything else becomes `?`
 * instead of the wrong glyphs the fonts would print.
 */
export const toWinAnsi = (text: string): string => {
  // Most text is plain Latin-1 already: nothing to do.
  if (LATIN1_ONLY.test(text)) return text
  let out = ''
  for (const char of text) {
    if (isEncodable(char)) {
      out += char
      continue
    }
    const replacement = REPLACEMENTS[char]
    if (replacement !== undefined) {
      out += replacement
      continue
    }
    const folded = char.normalize('NFKD').replace(/\p{M}/gu, '')
    if (folded && [...folded].every(isEncodable)) out += folded
    // Marks, format and control characters and emoji have no printable fallback: leave them out.
    else if (/[\p{M}\p{Cf}\p{Cc}\p{Extended_Pictographic}]/u.test(char)) continue
    else out += '?'
  }
  return out
}
