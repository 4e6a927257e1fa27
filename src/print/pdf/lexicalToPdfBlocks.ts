import type { LexicalState } from '../../utilities/extractTeaser.js'

import { VIDEO_EMBED_BLOCK } from '../../lexical/videoEmbedBlock.js'
import { type PrintableImage, toPrintableImage } from '../printableArticle.js'
import { safeHref } from '../../utilities/safeUrl.js'
import { internalLinkHref, type PrintLinkContext } from '../printHTMLConverters.js'

/** An embedded video as the PDF shows it: its poster and a link (nothing plays on paper). */
export type PrintableVideo = {
  caption: null | string
  locked: boolean
  poster: null | string
  title: string
  url: null | string
}

export const toPrintableVideo = (fields: Record<string, unknown> | undefined): null | PrintableVideo => {
  const video = fields?.video
  // An id left unpopulated means the requester may not read the video (unpublished, access): show nothing.
  if (!video || typeof video !== 'object') return null
  const doc = video as Record<string, unknown>
  const poster = doc.poster && typeof doc.poster === 'object' ? (doc.poster as { url?: unknown }).url : undefined
  return {
    caption: typeof fields?.caption === 'string' && fields.caption.trim() ? fields.caption.trim() : null,
    locked: doc.locked === true,
    poster: safeHref(doc.thumbnailUrl) ?? safeHref(poster),
    title: typeof doc.title === 'string' && doc.title.trim() ? doc.title.trim() : 'Video',
    url: safeHref(doc.url) ?? safeHref(doc.embedUrl),
  }
}

/** A stretch of text with one look. */
export type PdfRun = {
  bold: boolean
  code: boolean
  italic: boolean
  link: null | string
  strike: boolean
  text: string
  underline: boolean
}

export type PdfListItem = { checked: boolean | null; children: PdfBlock[]; runs: PdfRun[]; value: number }

/** The article body as the PDF lays it out, block by block. */
export type PdfBlock =
  | { align: 'center' | 'justify' | 'left' | 'right'; indent: number; kind: 'paragraph'; runs: PdfRun[] }
  | { image: PrintableImage; kind: 'image' }
  | { items: PdfListItem[]; kind: 'list'; listType: 'bullet' | 'check' | 'number' }
  | { kind: 'heading'; level: number; runs: PdfRun[] }
  | { kind: 'quote'; runs: PdfRun[] }
  | { kind: 'rule' }
  | { kind: 'table'; rows: PdfRun[][][] }
  | { kind: 'video'; poster: null | PrintableImage; video: PrintableVideo }

type Node = {
  [key: string]: unknown
  children?: Node[]
  fields?: Record<string, unknown>
  format?: unknown
  type?: string
}

// Lexical's text format bitmask.
const IS_BOLD = 1
const IS_ITALIC = 2
const IS_STRIKETHROUGH = 4
const IS_UNDERLINE = 8
const IS_CODE = 16

const PLAIN: Omit<PdfRun, 'text'> = {
  bold: false,
  code: false,
  italic: false,
  link: null,
  strike: false,
  underline: false,
}

const sameLook = (a: PdfRun, b: PdfRun): boolean =>
  a.bold === b.bold &&
  a.code === b.code &&
  a.italic === b.italic &&
  a.link === b.link &&
  a.strike === b.strike &&
  a.underline === b.underline

/** Joins neighbouring runs that look the same (fewer font switches when drawing). */
export const mergeRuns = (runs: PdfRun[]): PdfRun[] => {
  const out: PdfRun[] = []
  for (const run of runs) {
    if (!run.text) continue
    const last = out[out.length - 1]
    if (last && sameLook(last, run)) last.text += run.text
    else out.push({ ...run })
  }
  return out
}

const linkTarget = (node: Node, links: PrintLinkContext): null | string => {
  const fields = node.fields as { linkType?: unknown; url?: unknown } | undefined
  if (node.type === 'link' && fields?.linkType === 'internal') return safeHref(internalLinkHref(fields, links))
  return safeHref(fields?.url)
}

/** The inline content of a node as styled runs. */
export const inlineRuns = (nodes: Node[] | undefined, links: PrintLinkContext, inherited = PLAIN): PdfRun[] => {
  const runs: PdfRun[] = []
  for (const node of nodes ?? []) {
    switch (node.type) {
      case 'autolink':
      case 'link':
        runs.push(...inlineRuns(node.children, links, { ...inherited, link: linkTarget(node, links) }))
        break
      case 'linebreak':
        runs.push({ ...inherited, text: '\n' })
        break
      case 'tab':
        runs.push({ ...inherited, text: ' ' })
        break
      case 'text': {
        const format = typeof node.format === 'number' ? node.format : 0
        runs.push({
          bold: inherited.bold || Boolean(format & IS_BOLD),
          code: inherited.code || Boolean(format & IS_CODE),
          italic: inherited.italic || Boolean(format & IS_ITALIC),
          link: inherited.link,
          strike: inherited.strike || Boolean(format & IS_STRIKETHROUGH),
          text: typeof node.text === 'string' ? node.text : '',
          underline: inherited.underline || Boolean(format & IS_UNDERLINE),
        })
        break
      }
      default:
        // Paragraphs nested in quotes or cells become lines; other inline elements keep their text.
        if (Array.isArray(node.children)) {
          if (runs.length && (node.type === 'paragraph' || node.type === 'heading'))
            runs.push({ ...inherited, text: '\n' })
          runs.push(...inlineRuns(node.children, links, inherited))
        }
    }
  }
  return mergeRuns(runs)
}

const ALIGNS = new Set(['center', 'justify', 'left', 'right'])
const alignOf = (format: unknown): 'center' | 'justify' | 'left' | 'right' =>
  typeof format === 'string' && ALIGNS.has(format)
    ? (format as 'center' | 'justify' | 'left' | 'right')
    : format === 'end'
      ? 'right'
      : 'left'

const indentOf = (indent: unknown): number =>
  typeof indent === 'number' && Number.isFinite(indent) ? Math.max(0, Math.min(6, Math.floor(indent))) : 0

const listItems = (list: Node, links: PrintLinkContext): PdfListItem[] => {
  const items: PdfListItem[] = []
  let counter = typeof list.start === 'number' && Number.isFinite(list.start) ? list.start : 1
  for (const item of list.children ?? []) {
    if (item.type !== 'listitem') continue
    const nested = (item.children ?? []).filter((child) => child.type === 'list')
    const inline = (item.children ?? []).filter((child) => child.type !== 'list')
    const runs = inlineRuns(inline, links)
    const children = nested.flatMap((child) => toPdfBlocks([child], links))
    const hasText = runs.some((run) => run.text.trim())
    if (!hasText && !children.length) continue
    const value = typeof item.value === 'number' && Number.isFinite(item.value) ? item.value : counter
    items.push({ checked: list.listType === 'check' ? item.checked === true : null, children, runs, value })
    if (hasText) counter = value + 1
  }
  return items
}

const HEADING_LEVELS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 }

const blocksOf = (node: Node, links: PrintLinkContext): PdfBlock[] => {
  switch (node.type) {
    case 'block': {
      if (node.fields?.blockType !== VIDEO_EMBED_BLOCK) return [] // paywall breaks and unknown blocks print nothing
      const video = toPrintableVideo(node.fields)
      if (!video) return []
      const poster = video.poster
        ? ({
            alt: video.title,
            collection: null,
            filename: null,
            height: null,
            mimeType: null,
            sizes: [],
            url: video.poster,
            width: null,
          } satisfies PrintableImage)
        : null
      return [{ kind: 'video', poster, video }]
    }
    case 'heading':
      return [{ kind: 'heading', level: HEADING_LEVELS[String(node.tag)] ?? 2, runs: inlineRuns(node.children, links) }]
    case 'horizontalrule':
      return [{ kind: 'rule' }]
    case 'list': {
      const listType = node.listType === 'number' || node.listType === 'check' ? node.listType : 'bullet'
      return [{ items: listItems(node, links), kind: 'list', listType }]
    }
    case 'paragraph':
      return [
        {
          align: alignOf(node.format),
          indent: indentOf(node.indent),
          kind: 'paragraph',
          runs: inlineRuns(node.children, links),
        },
      ]
    case 'quote':
      return [{ kind: 'quote', runs: inlineRuns(node.children, links) }]
    case 'table':
      return [
        {
          kind: 'table',
          rows: (node.children ?? []).map((row) =>
            (row.children ?? []).map((cell) => inlineRuns(cell.children, links)),
          ),
        },
      ]
    case 'upload': {
      const relationTo = typeof node.relationTo === 'string' ? node.relationTo : null
      const image = toPrintableImage(node.value, relationTo, (node.fields as { alt?: string } | null)?.alt)
      if (image) return [{ image, kind: 'image' }]
      // A readable non-image file prints as a link to it.
      const file = node.value as { filename?: unknown; url?: unknown } | undefined
      const href = file && typeof file === 'object' ? safeHref(file.url) : null
      if (!href) return []
      const text = typeof file?.filename === 'string' ? file.filename : href
      return [{ align: 'left', indent: 0, kind: 'paragraph', runs: [{ ...PLAIN, link: href, text, underline: true }] }]
    }
    default: {
      if (!Array.isArray(node.children)) return []
      // An element we do not know: keep what it says.
      const runs = inlineRuns(node.children, links)
      return runs.length ? [{ align: 'left', indent: 0, kind: 'paragraph', runs }] : []
    }
  }
}

/** Lexical nodes → PDF blocks. Empty paragraphs and headings are dropped (spacing comes from the layout). */
export const toPdfBlocks = (nodes: Node[] | undefined, links: PrintLinkContext): PdfBlock[] =>
  (nodes ?? [])
    .flatMap((node) => blocksOf(node, links))
    .filter((block) => !('runs' in block) || block.runs.some((run) => run.text.trim()))

export const lexicalToPdfBlocks = (state: LexicalState | null, links: PrintLinkContext): PdfBlock[] =>
  state ? toPdfBlocks(state.root.children as Node[], links) : []
