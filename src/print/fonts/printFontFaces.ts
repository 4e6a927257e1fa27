import type { PrintFontStacks } from './printFontStack.js'

import { faceChain, faceFor, type FontFace, type FontFamilyName, type FontVariant } from './fontFaces.js'
import { fontBytesRaw } from './fontFaces.js'

const VARIANTS: [FontVariant, number, string][] = [
  ['regular', 400, 'normal'],
  ['bold', 700, 'normal'],
  ['italic', 400, 'italic'],
  ['boldItalic', 700, 'italic'],
]

const range = (face: FontFace) =>
  face.ranges?.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',')

/**
 * CSS `@font-face` rules for the same stacks the PDF uses, for the characters this text needs only (each font
 * file inlined as a data: URL, so the print view stays one self-contained page). Families are `newsroom-serif`
 * and `newsroom-sans`.
 */
export const printFontFaceCSS = (fonts: PrintFontStacks, text: string): string => {
  if (fonts.kind === 'standard') return ''
  const codePoints = new Set([...text].map((char) => char.codePointAt(0)!))
  const rules: string[] = []
  for (const family of ['serif', 'sans'] as FontFamilyName[]) {
    for (const [variant, weight, style] of VARIANTS) {
      const chain = faceChain(fonts, family, variant)
      const used = new Set<FontFace>()
      for (const cp of codePoints) {
        const face = faceFor(chain, cp)
        if (face) used.add(face)
      }
      for (const face of used) {
        const bytes = fontBytesRaw(face.file)
        if (!bytes) continue
        const ranges = range(face)
        rules.push(
          `@font-face { font-family: "newsroom-${family}"; font-style: ${style}; font-weight: ${weight}; font-display: swap; src: url(data:font/woff;base64,${bytes.toString('base64')}) format("woff");${ranges ? ` unicode-range: ${ranges};` : ''} }`,
        )
      }
    }
  }
  return rules.join('\n')
}
