import type { Bidi } from 'bidi-js'

import bidiFactory from 'bidi-js'

import type { PrintFontStacks } from '../fonts/printFontStack.js'
import type { PdfRun } from './lexicalToPdfBlocks.js'

import {
  faceChain,
  type FaceChain,
  faceFor,
  fontOf,
  type FontFamilyName,
  type FontVariant,
  standardFont,
} from '../fonts/fontFaces.js'
import { hyphenate, SOFT_HYPHEN } from './hyphenation.js'
import { toWinAnsi } from './winAnsi.js'

type Doc = PDFKit.PDFDocument

// bidi-js is CommonJS whose module.exports is the factory (its types describe an ES default export).
const bidi = (bidiFactory as unknown as () => Bidi)()
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** Shown for a character no font of the stack has (and reported, see TextEngine.missing). */
export const PLACEHOLDER = '\u25a1'

export type TextStyle = {
  bold?: boolean
  color: string
  family: FontFamilyName
  italic?: boolean
  size: number
}

/** A stretch of one font, style and direction, drawn with one text call. */
export type Piece = {
  actual: null | string
  color: string
  font: string
  level: number
  link: null | string
  size: number
  strike: boolean
  text: string
  underline: boolean
  width: number
}

type Box = { kind: 'box'; pieces: Piece[]; width: number }
type Break = {
  hyphen: null | Piece
  kind: 'break'
  level: number
  /** The space drawn in a word gap (a real glyph, so text extraction sees the space). */
  space?: null | Piece
  type: 'forced' | 'free' | 'soft' | 'space'
  width: number
}
type Item = Box | Break

export type LaidPiece = Piece & {
  /** A space whose neighbour's text already carries it (see drawLine). */
  carried: boolean
  gap: boolean
  gapsLeft: number
  spaceAfter: boolean
  spaceBefore: boolean
  x: number
}
/** One line: pieces in logical order with visual x offsets; `gaps` word spaces (widened when justified). */
export type Line = { gaps: number; last: boolean; pieces: LaidPiece[]; rtl: boolean; width: number }

export type Align = 'center' | 'justify' | 'left' | 'right'

// Scripts written without spaces: a line may break between any two of their characters.
const BREAK_ANYWHERE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u
const INVISIBLE = /^(?:\u200d|\ufe0e|\ufe0f|\u200b|\u2060)$/u
// Clusters a font reorders or reshapes across characters: extraction gets the logical text from ActualText.
const COMPLEX = /[\p{Script=Arabic}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Tamil}]/u

type Glyph = { advanceWidth: number; codePoints: number[]; id: number }
type EmbeddedFont = {
  __newsroomUnicode?: Map<string, number>
  layout: (text: string, features?: unknown) => { glyphs: Glyph[]; positions: unknown[] }
  scale: number
  subset: { glyphs: number[]; includeGlyph: (id: number) => number; mapping: Record<number, number> }
  unicode: number[][]
  widths: number[]
}

let wholeText: null | string = null
let rightToLeft = false
// What the other glyphs of such a word stand for: an empty mapping makes extractors fall back to junk.
const NOTHING = 0x200b

/** Draws with the text a shaped word stands for mapped to its first glyph (see patchUnicode). */
const withUnicode = (doc: Doc, actual: null | string, rtl: boolean, draw: () => void) => {
  const font = (doc as Doc & { _font: EmbeddedFont & { encode: unknown } })._font
  if (font.subset) patchUnicode(font)
  wholeText = actual
  rightToLeft = rtl
  try {
    draw()
  } finally {
    wholeText = null
  }
}

/**
 * pdfkit maps each glyph to the characters fontkit reports for it, once per glyph. Shaped scripts break that:
 * Noto Arabic draws ف and ق with the same dotless base plus dot marks, Devanagari moves a vowel sign before its
 * consonant, so extracted text came out with wrong letters or in visual order. For such words the first glyph
 * stands for the whole word and the others for nothing, each glyph copied in the subset once per distinct mapping.
 */
const patchUnicode = (font: EmbeddedFont & { encode: unknown }) => {
  if (font.__newsroomUnicode) return
  const copies = new Map<string, number>()
  font.__newsroomUnicode = copies
  font.encode = function encode(this: EmbeddedFont, text: string, features?: unknown) {
    const { glyphs, positions } = this.layout(text, features)
    // fontkit remembers one set of characters per glyph (the first it met, e.g. none for the y inside a
    // decomposed ý), so the characters come from the text: one per glyph when the counts match, else the whole
    // text on the first glyph. Glyphs of a right-to-left word come in visual order; extractors reverse them back.
    const chars = [...text].map((char) => char.codePointAt(0)!)
    const oneToOne = !wholeText && chars.length === glyphs.length
    const whole = oneToOne ? null : [...(wholeText ?? text)].map((char) => char.codePointAt(0)!)
    if (rightToLeft) (whole ?? chars).reverse()
    const encoded = glyphs.map((glyph, i) => {
      const mapped = whole ? (i === 0 ? whole : [NOTHING]) : [chars[i]!]
      const key = `${glyph.id}:${mapped.join(',')}`
      let gid = copies.get(key)
      if (gid === undefined) {
        const existing = this.subset.mapping[glyph.id]
        if (existing === undefined) gid = this.subset.includeGlyph(glyph.id)
        else if (this.unicode[existing]?.join(',') === mapped.join(',')) gid = existing
        else {
          this.subset.glyphs.push(glyph.id)
          gid = this.subset.glyphs.length - 1
        }
        copies.set(key, gid)
      }
      this.widths[gid] ??= glyph.advanceWidth * this.scale
      this.unicode[gid] ??= mapped
      return `0000${gid.toString(16)}`.slice(-4)
    })
    return [encoded, positions]
  }
}

/**
 * Lays out and draws styled text with embedded fonts: per-character font fallback over the stack, shaping by
 * fontkit (inside pdfkit), Unicode bidi order per line (bidi-js), hyphenation, greedy line filling.
 * Pieces are drawn in logical order at their visual positions, so text extraction and reading order follow the
 * text as written while the page shows it right to left where it is.
 */
export class TextEngine {
  /** Code points no font of the stack could draw in this document. */
  readonly missing = new Set<number>()
  private readonly chains = new Map<string, FaceChain>()
  private readonly registered = new Set<string>()
  private readonly widths = new Map<string, number>()

  constructor(
    readonly doc: Doc,
    readonly fonts: PrintFontStacks,
    readonly locale: string,
    readonly hyphenation: boolean,
  ) {}

  private variant(bold: boolean, italic: boolean): FontVariant {
    return bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular'
  }

  private chain(family: FontFamilyName, variant: FontVariant): FaceChain {
    const key = `${family}/${variant}`
    let chain = this.chains.get(key)
    if (!chain) {
      chain = faceChain(this.fonts, family === 'mono' && !this.fonts.mono.length ? 'sans' : family, variant)
      this.chains.set(key, chain)
    }
    return chain
  }

  /** Registers a face with this document on first use (pdfkit then subsets and embeds it). */
  private use(file: string): string {
    if (!this.registered.has(file)) {
      // The process's parsed font: parsing it again for every document cost more than the layout.
      this.doc.registerFont(file, fontOf(file) as unknown as Buffer)
      this.registered.add(file)
    }
    return file
  }

  /** The font name for one grapheme, and the text to draw for it (the placeholder when nothing covers it). */
  private fontFor(chain: FaceChain, cluster: string): { font: null | string; text: string } {
    const base = cluster.codePointAt(0)!
    const face = faceFor(chain, base)
    if (!face) {
      if (INVISIBLE.test(cluster)) return { font: null, text: '' }
      for (const char of cluster) if (!INVISIBLE.test(char)) this.missing.add(char.codePointAt(0)!)
      const placeholder = faceFor(chain, PLACEHOLDER.codePointAt(0)!)
      if (placeholder) return { font: this.use(placeholder.file), text: PLACEHOLDER }
      // Not even '?' is covered: the standard font draws it (never a recursion without end).
      return cluster === '?' ? { font: 'Helvetica', text: '?' } : this.fontFor(chain, '?')
    }
    // Joiners and variation selectors the face lacks are dropped (they draw nothing anyway).
    let text = ''
    for (const char of cluster) {
      if (char === cluster[0] || !INVISIBLE.test(char) || faceFor(chain, char.codePointAt(0)!) === face) text += char
    }
    return { font: this.use(face.file), text }
  }

  measure(font: string, size: number, text: string): number {
    const key = `${font}\u0000${text}`
    let width = this.widths.get(key)
    if (width === undefined) {
      width = this.doc.font(font).fontSize(1000).widthOfString(text) / 1000
      this.widths.set(key, width)
    }
    return width * size
  }

  private ascender(font: string): number {
    this.doc.font(font)
    return (this.doc as Doc & { _font: { ascender: number } })._font.ascender / 1000
  }

  /** Runs → boxes and breaks, in logical order, each grapheme in the first font that has it. */
  private items(runs: PdfRun[], style: TextStyle, direction: 'auto' | 'ltr' | 'rtl'): { items: Item[]; rtl: boolean } {
    const standard = this.fonts.kind === 'standard'
    const texts = runs.map((run) => {
      let text = run.text.replace(/\t/g, ' ').normalize('NFC')
      if (this.hyphenation && !run.code && !run.link) text = hyphenate(text, this.locale)
      return text
    })
    const full = texts.join('')
    const levels = bidi.getEmbeddingLevels(full, direction === 'auto' ? undefined : direction)
    const rtl = (levels.paragraphs[0]?.level ?? 0) % 2 === 1
    const items: Item[] = []
    let box: Box | null = null
    let offset = 0
    const pushPiece = (piece: Omit<Piece, 'width'>) => {
      const width = this.measure(piece.font, piece.size, piece.text)
      box ??= { kind: 'box', pieces: [], width: 0 }
      const last = box.pieces[box.pieces.length - 1]
      if (
        last &&
        last.font === piece.font &&
        last.level === piece.level &&
        last.link === piece.link &&
        last.color === piece.color &&
        last.size === piece.size &&
        last.underline === piece.underline &&
        last.strike === piece.strike &&
        Boolean(last.actual) === Boolean(piece.actual)
      ) {
        last.text += piece.text
        if (last.actual !== null) last.actual += piece.actual ?? ''
        const merged = this.measure(last.font, last.size, last.text)
        box.width += merged - last.width
        last.width = merged
      } else {
        box.pieces.push({ ...piece, width })
        box.width += width
      }
    }
    const endBox = () => {
      if (box) items.push(box)
      box = null
    }
    runs.forEach((run, r) => {
      const size = run.code ? style.size * 0.92 : style.size
      const family: FontFamilyName = run.code ? 'mono' : style.family
      const bold = run.bold || Boolean(style.bold)
      const italic = run.italic || Boolean(style.italic)
      const variant = this.variant(bold, italic)
      // No embeddable face found (font packages missing): the standard fonts, as with `print.fonts: 'standard'`.
      const found = standard ? null : this.chain(family, variant)
      const chain = found && found.faces.length ? found : null
      const look = {
        color: run.link ? '#1a4f8b' : style.color,
        link: run.link,
        size,
        strike: run.strike,
        underline: run.underline || Boolean(run.link),
      }
      for (const { segment } of graphemes.segment(texts[r]!)) {
        const level = levels.levels[offset] ?? 0
        offset += segment.length
        if (segment === '\n' || segment === '\r\n' || segment === '\u2028' || segment === '\u2029') {
          endBox()
          items.push({ hyphen: null, kind: 'break', level, type: 'forced', width: 0 })
          continue
        }
        if (segment === SOFT_HYPHEN) {
          endBox()
          const hyphen = this.piece(chain, family, variant, '-', look, level)
          items.push({ hyphen, kind: 'break', level, type: 'soft', width: 0 })
          continue
        }
        if (segment === ' ' || segment === '\u3000') {
          endBox()
          const space = this.piece(chain, family, variant, segment, look, level)
          const previous = items[items.length - 1]
          if (previous?.kind === 'break' && previous.type === 'space') continue // collapse runs of spaces
          items.push({ hyphen: null, kind: 'break', level, space, type: 'space', width: space?.width ?? size * 0.25 })
          continue
        }
        const breakAround = BREAK_ANYWHERE.test(segment)
        if (breakAround && box) {
          endBox()
          items.push({ hyphen: null, kind: 'break', level, type: 'free', width: 0 })
        }
        let piece: null | Omit<Piece, 'width'> = null
        if (standard) {
          const text = toWinAnsi(segment)
          if (text.includes('?') && !segment.includes('?'))
            for (const char of segment) this.missing.add(char.codePointAt(0)!)
          if (text) piece = { ...look, actual: null, font: standardFont(family, variant), level, text }
        } else {
          const { font, text } = this.fontFor(chain!, segment)
          if (font && text) {
            const mirrored = level % 2 ? bidi.getMirroredCharacter(text) : null
            piece = { ...look, actual: COMPLEX.test(text) ? text : null, font, level, text: mirrored ?? text }
          }
        }
        if (piece) pushPiece(piece)
        if (breakAround || /[-\u2010\u2013\u2014]$/.test(segment)) {
          endBox()
          items.push({ hyphen: null, kind: 'break', level, type: 'free', width: 0 })
        }
      }
    })
    endBox()
    return { items, rtl }
  }

  private piece(
    chain: FaceChain | null,
    family: FontFamilyName,
    variant: FontVariant,
    text: string,
    look: Pick<Piece, 'color' | 'link' | 'size' | 'strike' | 'underline'>,
    level: number,
  ): null | Piece {
    const font = chain ? this.fontFor(chain, text).font : standardFont(family, variant)
    if (!font) return null
    return { ...look, actual: null, font, level, text, width: this.measure(font, look.size, text) }
  }

  /** Breaks the text into lines of at most `width` points (greedy, hyphenating where needed). */
  layout(runs: PdfRun[], style: TextStyle, width: number, direction: 'auto' | 'ltr' | 'rtl' = 'auto') {
    const { items, rtl } = this.items(runs, style, direction)
    const lines: { breakAfter: Break | null; items: Item[] }[] = []
    let current: Item[] = []
    let used = 0
    const finish = (breakAfter: Break | null) => {
      while (current.length && current[current.length - 1]!.kind === 'break') current.pop()
      lines.push({ breakAfter, items: current })
      current = []
      used = 0
    }
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!
      if (item.kind === 'break') {
        if (item.type === 'forced') finish(item)
        else if (current.length) {
          current.push(item)
          used += item.width
        }
        continue
      }
      if (used + item.width <= width || !current.length) {
        if (!current.length && item.width > width) {
          // One word wider than the line: split it between graphemes.
          for (const part of this.splitBox(item, width)) {
            if (current.length) finish(null)
            current.push(part)
            used = part.width
          }
          continue
        }
        current.push(item)
        used += item.width
        continue
      }
      // Does not fit: break at the last opportunity where the line (plus its hyphen) still fits.
      let cut = current.length - 1
      let widthAt = used
      while (cut > 0) {
        const candidate = current[cut]!
        if (candidate.kind === 'break') {
          const before = widthAt - candidate.width
          if (candidate.type !== 'soft' || before + (candidate.hyphen?.width ?? 0) <= width) break
        }
        widthAt -= candidate.kind === 'break' ? candidate.width : candidate.width
        cut--
      }
      if (cut <= 0) {
        finish(null)
        i--
        continue
      }
      const rest = current.slice(cut + 1)
      const breakItem = current[cut] as Break
      current = current.slice(0, cut)
      if (breakItem.type === 'soft' && breakItem.hyphen) {
        const last = current[current.length - 1]
        if (last?.kind === 'box')
          current[current.length - 1] = {
            ...last,
            pieces: [...last.pieces, { ...breakItem.hyphen, level: last.pieces[last.pieces.length - 1]!.level }],
            width: last.width + breakItem.hyphen.width,
          }
      }
      finish(breakItem)
      current = rest
      used = rest.reduce((sum, part) => sum + part.width, 0)
      i--
    }
    if (current.length) finish(null)
    return {
      lines: lines.map((line, n) =>
        this.order(line.items, rtl, n === lines.length - 1 || line.breakAfter?.type === 'forced'),
      ),
      rtl,
    }
  }

  private splitBox(box: Box, width: number): Box[] {
    const parts: Box[] = []
    let current: Box = { kind: 'box', pieces: [], width: 0 }
    for (const piece of box.pieces) {
      for (const { segment } of graphemes.segment(piece.text)) {
        const w = this.measure(piece.font, piece.size, segment)
        if (current.width + w > width && current.pieces.length) {
          parts.push(current)
          current = { kind: 'box', pieces: [], width: 0 }
        }
        const last = current.pieces[current.pieces.length - 1]
        if (last && last.font === piece.font && last.level === piece.level && last.link === piece.link) {
          last.text += segment
          last.width += w
        } else current.pieces.push({ ...piece, text: segment, width: w })
        current.width += w
      }
    }
    if (current.pieces.length) parts.push(current)
    return parts
  }

  /** Visual positions for one line (Unicode bidi rule L2 over pieces), pieces kept in logical order. */
  private order(items: Item[], rtl: boolean, last: boolean): Line {
    type Slot = { gap: boolean; level: number; piece: null | Piece; width: number }
    const slots: Slot[] = []
    for (const item of items) {
      if (item.kind === 'break') {
        if (item.type !== 'space') continue
        slots.push({
          gap: item.type === 'space',
          level: item.level,
          piece: item.type === 'space' && item.space ? { ...item.space, width: item.width } : null,
          width: item.width,
        })
      } else
        for (const piece of item.pieces) {
          // Parts of one word split only by a break opportunity draw as one piece (one extracted word).
          const last = slots[slots.length - 1]?.piece
          if (
            last &&
            !slots[slots.length - 1]!.gap &&
            last.font === piece.font &&
            last.level === piece.level &&
            last.link === piece.link &&
            last.size === piece.size &&
            last.color === piece.color &&
            last.underline === piece.underline &&
            last.strike === piece.strike &&
            Boolean(last.actual) === Boolean(piece.actual)
          ) {
            const merged = {
              ...last,
              actual: last.actual === null ? null : last.actual + piece.actual,
              text: last.text + piece.text,
              width: last.width + piece.width,
            }
            slots[slots.length - 1] = { ...slots[slots.length - 1]!, piece: merged, width: merged.width }
          } else slots.push({ gap: false, level: piece.level, piece, width: piece.width })
        }
    }
    const visual = [...slots]
    const maxLevel = Math.max(0, ...visual.map((slot) => slot.level))
    const lowestOdd = Math.min(...visual.map((slot) => slot.level).filter((level) => level % 2), maxLevel + 1)
    for (let level = maxLevel; level >= lowestOdd && level > 0; level--) {
      let start = -1
      for (let i = 0; i <= visual.length; i++) {
        if (i < visual.length && visual[i]!.level >= level) {
          if (start < 0) start = i
        } else if (start >= 0) {
          visual.splice(start, i - start, ...visual.slice(start, i).reverse())
          start = -1
        }
      }
    }
    const placed = new Map<Slot, { gapsLeft: number; x: number }>()
    let x = 0
    let gaps = 0
    for (const slot of visual) {
      placed.set(slot, { gapsLeft: gaps, x })
      x += slot.width
      if (slot.gap) gaps++
    }
    // A space drawn in a widened gap sits in its middle.
    const pieces = slots.flatMap((slot, i) =>
      slot.piece
        ? [
            {
              ...slot.piece,
              ...placed.get(slot)!,
              carried: slot.gap && ((slots[i - 1]?.level ?? 0) % 2 === 0 || (slots[i + 1]?.level ?? 0) % 2 === 1),
              gap: slot.gap,
              spaceAfter: Boolean(slots[i + 1]?.gap),
              spaceBefore: Boolean(slots[i - 1]?.gap),
            },
          ]
        : [],
    )
    return { gaps, last, pieces, rtl, width: x }
  }

  /** Draws one laid-out line at (x, baseline) aligned in `width`; `onPiece` gets each drawn piece's box. */
  drawLine(
    line: Line,
    x: number,
    baseline: number,
    width: number,
    align: Align,
    hooks: {
      after?: (piece: LaidPiece, rect: { height: number; width: number; x: number; y: number }) => void
      before?: (piece: LaidPiece) => void
    } = {},
  ) {
    const { doc } = this
    const slack = width - line.width
    const justify = align === 'justify' && !line.last && line.gaps > 0 && slack > 0
    const per = justify ? slack / line.gaps : 0
    // A justified paragraph's last line sits at its start side.
    const side = align === 'justify' ? (line.rtl ? 'right' : 'left') : align
    const shift = side === 'right' ? slack : side === 'center' ? slack / 2 : 0
    // In a line with right-to-left text the pieces are drawn in logical order but not left to right, so
    // extractors cannot infer spaces from gaps: each piece then carries its text (and following space) itself.
    const mixed = line.pieces.some((piece) => piece.level % 2 === 1)
    for (const piece of line.pieces) {
      const gap = piece.gap
      if (gap && mixed && piece.carried) continue
      hooks.before?.(piece)
      const px = x + shift + piece.x + piece.gapsLeft * per + (gap ? per / 2 : 0)
      const top = baseline - this.ascender(piece.font) * piece.size
      doc.font(piece.font).fontSize(piece.size).fillColor(piece.color)
      if (piece.actual) doc.markContent('Span', { actual: piece.actual })
      const original =
        piece.level % 2 ? [...piece.text].map((c) => bidi.getMirroredCharacter(c) ?? c).join('') : piece.text
      // Extractors drop a glyph whose text starts with a space and reverse right-to-left text: a right-to-left
      // word carries the space before it, a left-to-right word the space after it.
      const rtlPiece = piece.level % 2 === 1
      const mapped = mixed
        ? `${rtlPiece && piece.spaceBefore ? ' ' : ''}${piece.actual ?? original}${!rtlPiece && piece.spaceAfter ? ' ' : ''}`
        : piece.actual
      withUnicode(doc, mapped, piece.level % 2 === 1, () => doc.text(piece.text, px, top, { lineBreak: false }))
      if (piece.actual) doc.endMarkedContent()
      if ((piece.underline || piece.strike) && !gap) {
        const y = piece.underline ? baseline + piece.size * 0.12 : baseline - piece.size * 0.3
        doc
          .save()
          .moveTo(px, y)
          .lineTo(px + piece.width, y)
          .lineWidth(Math.max(0.5, piece.size / 20))
          .strokeColor(piece.color)
          .stroke()
          .restore()
      }
      hooks.after?.(piece, { height: piece.size * 1.2, width: piece.width, x: px, y: baseline - piece.size * 0.95 })
    }
    doc.x = x
  }
}
