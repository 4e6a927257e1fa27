import { create, type Font } from 'fontkit'
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import { nodeCreateRequire } from '../../utilities/nodeCreateRequire.js'
import { woffToSfnt } from './woffToSfnt.js'
import type { PrintFontFiles, PrintFontSource, PrintFontStacks } from './printFontStack.js'

export type FontVariant = 'bold' | 'boldItalic' | 'italic' | 'regular'
export type FontFamilyName = 'mono' | 'sans' | 'serif'

/** One font file and the code points it claims (from the package's unicode-range; `null`: ask the font). */
export type FontFace = { file: string; ranges: [number, number][] | null }

const STANDARD: Record<FontFamilyName, Record<FontVariant, string>> = {
  mono: { bold: 'Courier-Bold', boldItalic: 'Courier-BoldOblique', italic: 'Courier-Oblique', regular: 'Courier' },
  sans: {
    bold: 'Helvetica-Bold',
    boldItalic: 'Helvetica-BoldOblique',
    italic: 'Helvetica-Oblique',
    regular: 'Helvetica',
  },
  serif: { bold: 'Times-Bold', boldItalic: 'Times-BoldItalic', italic: 'Times-Italic', regular: 'Times-Roman' },
}

/** The PDF standard font for a family and variant (the `'standard'` font setting). */
export const standardFont = (family: FontFamilyName, variant: FontVariant): string => STANDARD[family][variant]

// Packages are looked up from the plugin (its own dependencies) and from the host app (opt-in packages such as CJK).
// Node's own createRequire, also inside a host's bundle (utilities/nodeCreateRequire.ts).
const requirers = [nodeCreateRequire(import.meta.url), nodeCreateRequire(path.join(process.cwd(), 'package.json'))]

const packageDir = (name: string): null | string => {
  for (const require of requirers) {
    try {
      return path.dirname(require.resolve(name))
    } catch {
      // next place
    }
  }
  return null
}

const fingerprints = new Map<string, string>()

/**
 * What identifies the installed fonts of a stack: each package's version and metadata file, each font file's size
 * and modification time (read once per process per stack: an upgrade restarts the process). Lets a cache of
 * drawn PDFs tell PDFs drawn with other fonts apart although the stack's names did not change.
 */
export const fontStackFingerprint = (stacks: PrintFontStacks): string => {
  const id = JSON.stringify(stacks)
  const known = fingerprints.get(id)
  if (known !== undefined) return known
  const stat = (file: string) => {
    try {
      const { mtimeMs, size } = statSync(file)
      return `${size}:${Math.round(mtimeMs)}`
    } catch {
      return 'missing'
    }
  }
  const sources = [...stacks.serif, ...stacks.sans, ...stacks.mono, ...stacks.fallback]
  const parts = sources.map((source) => {
    if (typeof source !== 'string') return Object.values(source).map((file) => `${file}=${stat(path.resolve(file))}`)
    const dir = packageDir(source)
    if (!dir) return `${source}=missing`
    let version = ''
    try {
      version = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? ''
    } catch {
      // no package.json beside the entry: the metadata file's stat still tells versions apart
    }
    return `${source}@${version}=${stat(path.join(dir, 'metadata.json'))}`
  })
  const fingerprint = JSON.stringify([stacks.kind, parts])
  fingerprints.set(id, fingerprint)
  return fingerprint
}

const parseRanges = (value: string): [number, number][] =>
  value.split(',').flatMap((part) => {
    const match = /^\s*U\+([0-9a-f?]+)(?:-([0-9a-f]+))?\s*$/i.exec(part)
    if (!match) return []
    if (match[1]!.includes('?'))
      return [[parseInt(match[1]!.replace(/\?/g, '0'), 16), parseInt(match[1]!.replace(/\?/g, 'f'), 16)]]
    const start = parseInt(match[1]!, 16)
    return [[start, match[2] ? parseInt(match[2], 16) : start]]
  })

type FontsourceMeta = { id: string; styles: string[]; weights: number[] }

const warned = new Set<string>()
const warnOnce = (message: string) => {
  if (warned.has(message)) return
  warned.add(message)
  console.warn(`[newsroom print] ${message}`)
}

const fontsourceFaces = (name: string, variant: FontVariant): FontFace[] => {
  const dir = packageDir(name)
  if (!dir) {
    warnOnce(`font package ${name} is not installed: left out of the print font stack (npm i ${name})`)
    return []
  }
  const meta = JSON.parse(readFileSync(path.join(dir, 'metadata.json'), 'utf8')) as FontsourceMeta
  const unicode = JSON.parse(readFileSync(path.join(dir, 'unicode.json'), 'utf8')) as Record<string, string>
  const bold = variant === 'bold' || variant === 'boldItalic'
  const italic = (variant === 'italic' || variant === 'boldItalic') && meta.styles.includes('italic')
  const weight = bold && meta.weights.includes(700) ? 700 : meta.weights.includes(400) ? 400 : meta.weights[0]!
  return Object.entries(unicode).map(([subset, ranges]) => ({
    file: path.join(
      dir,
      'files',
      `${meta.id}-${subset.replace(/^\[(.*)\]$/, '$1')}-${weight}-${italic ? 'italic' : 'normal'}.woff`,
    ),
    ranges: parseRanges(ranges),
  }))
}

const fileFaces = (files: PrintFontFiles, variant: FontVariant): FontFace[] => {
  const file =
    variant === 'boldItalic'
      ? (files.boldItalic ?? files.bold ?? files.italic ?? files.regular)
      : variant === 'bold'
        ? (files.bold ?? files.regular)
        : variant === 'italic'
          ? (files.italic ?? files.regular)
          : files.regular
  return [{ file: path.resolve(file), ranges: null }]
}

const sourceFaces = (source: PrintFontSource, variant: FontVariant): FontFace[] =>
  typeof source === 'string' ? fontsourceFaces(source, variant) : fileFaces(source, variant)

// Per process: file bytes and parsed fonts (for coverage), read once. Nothing here is state of the newsroom.
const bytesCache = new Map<string, Buffer | null>()
const fontCache = new Map<string, Font | null>()

export const fontBytes = (file: string): Buffer | null => {
  if (!bytesCache.has(file)) {
    try {
      bytesCache.set(file, woffToSfnt(readFileSync(file)))
    } catch {
      warnOnce(`font file ${file} cannot be read: left out`)
      bytesCache.set(file, null)
    }
  }
  return bytesCache.get(file)!
}

/** A font file as stored (WOFF stays WOFF: browsers read it), for the print view's @font-face. */
export const fontBytesRaw = (file: string): Buffer | null => {
  try {
    return readFileSync(file)
  } catch {
    return null
  }
}

/** The parsed font of a file, once per process (pdfkit takes it as is: each document keeps its own subset). */
export const fontOf = (file: string): Font | null => {
  if (!fontCache.has(file)) {
    const bytes = fontBytes(file)
    let font: Font | null = null
    try {
      font = bytes ? create(bytes) : null
    } catch {
      warnOnce(`font file ${file} is not a font fontkit reads: left out`)
    }
    fontCache.set(file, font)
  }
  return fontCache.get(file)!
}

const inRanges = (ranges: [number, number][], codePoint: number) => {
  for (const [start, end] of ranges) if (codePoint >= start && codePoint <= end) return true
  return false
}

/** A chain of faces for one family and variant, with a per-process memo of which face draws which code point. */
export type FaceChain = { faces: FontFace[]; memo: Map<number, FontFace | null> }

const chains = new Map<string, FaceChain>()

/** The faces tried, in order, for text of `family` in `variant`: the family's own stack, then the fallback stack. */
export const faceChain = (stacks: PrintFontStacks, family: FontFamilyName, variant: FontVariant): FaceChain => {
  const key = JSON.stringify([stacks[family], stacks.fallback, variant])
  let chain = chains.get(key)
  if (!chain) {
    const faces = [...stacks[family], ...stacks.fallback].flatMap((source) => sourceFaces(source, variant))
    chain = { faces, memo: new Map() }
    chains.set(key, chain)
  }
  return chain
}

/** The first face of the chain that has a glyph for the code point, or null when none has. */
export const faceFor = (chain: FaceChain, codePoint: number): FontFace | null => {
  const known = chain.memo.get(codePoint)
  if (known !== undefined) return known
  let found: FontFace | null = null
  for (const face of chain.faces) {
    if (face.ranges && !inRanges(face.ranges, codePoint)) continue
    if (fontOf(face.file)?.hasGlyphForCodePoint(codePoint)) {
      found = face
      break
    }
  }
  chain.memo.set(codePoint, found)
  return found
}
