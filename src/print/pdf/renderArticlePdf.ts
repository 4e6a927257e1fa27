import type { PrintFontStacks } from '../fonts/printFontStack.js'
import type { PrintableArticle, PrintableImage } from '../printableArticle.js'
import type { PrintLinkContext } from '../printHTMLConverters.js'

import { formatDate } from '../../utilities/formatDate.js'
import { safeHref } from '../../utilities/safeUrl.js'
import { defaultPrintFonts } from '../fonts/printFontStack.js'
import { lexicalToPdfBlocks, type PdfBlock, type PdfListItem, type PdfRun } from './lexicalToPdfBlocks.js'
import { type Align, type Line, TextEngine, type TextStyle } from './textLayout.js'

export type PdfSettings = {
  /** The stacks the text is set in (default: the Noto stacks; `kind: 'standard'` for the PDF standard fonts). */
  fonts?: PrintFontStacks
  /** Break long words at the language's hyphenation points (default true). */
  hyphenate?: boolean
  /** BCP 47 language of the document (its `Lang`, hyphenation and dates). */
  locale: string
  publisherName: string
  subscribeUrl: string
}

/** The PDF and what it could not print: code points no font of the stack has (drawn as the placeholder). */
export type RenderedPdf = { missing: number[]; pdf: Buffer }

type Doc = PDFKit.PDFDocument
type Struct = PDFKit.PDFStructureElement
type OpenedImage = { height: number; orientation?: number; width: number }

// A4 with a single column set to a newspaper measure (about 65 characters of 11pt serif per line).
const PAGE = { height: 841.89, width: 595.28 }
const COLUMN = 372
const MARGIN = { bottom: 72, left: (PAGE.width - COLUMN) / 2, right: (PAGE.width - COLUMN) / 2, top: 64 }
const BODY_SIZE = 11
const LEADING = 1.42
const TEXT = '#111111'
const MUTED = '#555555'
const HEADING_SIZES = [0, 24, 16, 13.5, 12, 11.5, 11]
const LIST_INDENT = 16
const MARKER_WIDTH = 18

const plain = (text: string, look: Partial<PdfRun> = {}): PdfRun => ({
  bold: false,
  code: false,
  italic: false,
  link: null,
  strike: false,
  underline: false,
  ...look,
  text,
})

type Ctx = {
  doc: Doc
  engine: TextEngine
  images: Map<string, Uint8Array>
  outline: { item: PDFKit.PDFOutline; level: number }[]
}

const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom
const left = (doc: Doc) => doc.page.margins.left
const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right

/** Marks drawn content as belonging to a structure element, switching elements (e.g. into a link) mid-text. */
class Marker {
  private open: { content: PDFKit.PDFStructureContent; el: Struct } | null = null
  constructor(private readonly doc: Doc) {}
  to(el: Struct, tag: string) {
    if (this.open?.el === el) return
    this.close()
    this.open = { content: this.doc.markStructureContent(tag), el }
  }
  close() {
    if (!this.open) return
    this.doc.endMarkedContent()
    this.open.el.add(this.open.content)
    this.open = null
  }
}

/** Draws content that is not part of the article (rules, page furniture) as an artifact. */
const artifact = (doc: Doc, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout') => {
  doc.markContent('Artifact', { type })
  draw()
  doc.endMarkedContent()
}

type TextOptions = {
  align?: Align
  /** Lines that must fit on this page with the text (a heading keeps the next lines with it). */
  keepWithNext?: number
  lineHeight?: number
  tag: string
  width?: number
  x?: number
}

/**
 * Sets runs as a tagged text block: lines laid out by the engine, page breaks between lines (never leaving a
 * single first or last line of a paragraph alone on a page), links tagged and annotated.
 */
const writeText = (ctx: Ctx, parent: Struct, runs: PdfRun[], style: TextStyle, options: TextOptions): null | Struct => {
  const { doc, engine } = ctx
  if (!runs.some((run) => run.text.trim())) return null
  const x = options.x ?? left(doc)
  const width = options.width ?? contentWidth(doc)
  const { lines, rtl } = engine.layout(runs, style, width)
  if (!lines.length) return null
  const lineHeight = options.lineHeight ?? style.size * LEADING
  const align: Align = options.align === 'left' && rtl ? 'right' : (options.align ?? (rtl ? 'right' : 'left'))
  const el = doc.struct(options.tag)
  parent.add(el)
  const marker = new Marker(doc)
  const links = new Map<string, Struct>()
  const keep = options.keepWithNext ?? 0
  // Lines that fit before the page ends, with the orphan/widow rule applied.
  const fitting = (from: number) => {
    // Never negative: what came before (an image, a heading's space) may end below the last line's baseline, and
    // a negative count would walk `i` backwards forever.
    const room = Math.max(0, Math.floor((bottom(doc) - doc.y) / lineHeight + 1e-6))
    const left = lines.length - from
    if (room >= left + keep) return left
    let n = Math.min(room, left)
    if (keep && n === left) n = 0 // a heading goes with what follows it
    if (left > 1 && n === 1 && from === 0) n = 0
    if (left - n === 1 && n > 1) n -= 1
    return n
  }
  let i = 0
  while (i < lines.length) {
    let n = fitting(i)
    if (n <= 0) {
      marker.close()
      doc.addPage()
      n = Math.max(1, fitting(i))
    }
    for (const line of lines.slice(i, i + n)) {
      const baseline = doc.y + style.size * 1.05
      drawTaggedLine(ctx, marker, el, links, line, x, baseline, width, align)
      doc.y += lineHeight
    }
    i += n
  }
  marker.close()
  for (const link of links.values()) link.end()
  el.end()
  doc.x = x
  return el
}

const drawTaggedLine = (
  ctx: Ctx,
  marker: Marker,
  el: Struct,
  links: Map<string, Struct>,
  line: Line,
  x: number,
  baseline: number,
  width: number,
  align: Align,
) => {
  const { doc, engine } = ctx
  const tag = (el as unknown as { dictionary: { data: { S: string } } }).dictionary.data.S
  engine.drawLine(line, x, baseline, width, align, {
    after: (piece, rect) => {
      if (!piece.link) return
      doc.link(rect.x, rect.y, rect.width, rect.height, piece.link, { structParent: links.get(piece.link)! } as object)
    },
    before: (piece) => {
      if (!piece.link) return marker.to(el, tag)
      let link = links.get(piece.link)
      if (!link) {
        link = doc.struct('Link', { alt: piece.link } as object)
        el.add(link)
        links.set(piece.link, link)
      }
      marker.to(link, 'Link')
    },
  })
}

const ensureSpace = (doc: Doc, height: number) => {
  if (doc.y + height > bottom(doc)) doc.addPage()
}

const drawImage = (ctx: Ctx, parent: Struct, image: PrintableImage, maxHeightShare: number): boolean => {
  const { doc } = ctx
  const bytes = ctx.images.get(image.url)
  if (!bytes) return false
  try {
    // pdfkit has openImage (measure before placing); its type definitions do not list it.
    const opened = (doc as Doc & { openImage: (src: Buffer) => OpenedImage }).openImage(bytes as Buffer)
    // EXIF orientations 5–8 turn the picture a quarter: pdfkit swaps the sides when drawing.
    const [naturalWidth, naturalHeight] =
      (opened.orientation ?? 1) > 4 ? [opened.height, opened.width] : [opened.width, opened.height]
    const maxWidth = contentWidth(doc)
    const maxHeight = (bottom(doc) - doc.page.margins.top) * maxHeightShare
    const scale = Math.min(maxWidth / naturalWidth, maxHeight / naturalHeight, 1)
    const width = naturalWidth * scale
    const height = naturalHeight * scale
    ensureSpace(doc, height)
    const y = doc.y
    const draw = () => doc.image(opened as unknown as Buffer, left(doc) + (maxWidth - width) / 2, y, { height, width })
    if (image.alt.trim()) {
      const figure = doc.struct('Figure', { alt: image.alt.trim() })
      parent.add(figure)
      const content = doc.markStructureContent('Figure')
      draw()
      doc.endMarkedContent()
      figure.add(content)
      figure.end()
    } else artifact(doc, draw) // no alternative text: decorative
    doc.y = y + height + 8
    doc.x = left(doc)
    return true
  } catch {
    return false // a damaged or exotic image: the PDF goes without it
  }
}

const rule = (doc: Doc, y: number, width: number, color = '#999999', x = left(doc)) =>
  artifact(doc, () =>
    doc
      .save()
      .moveTo(x, y)
      .lineTo(x + width, y)
      .lineWidth(0.75)
      .strokeColor(color)
      .stroke()
      .restore(),
  )

const body = (size = BODY_SIZE): TextStyle => ({ color: TEXT, family: 'serif', size })

const drawList = (
  ctx: Ctx,
  parent: Struct,
  items: PdfListItem[],
  listType: 'bullet' | 'check' | 'number',
  depth: number,
) => {
  const { doc } = ctx
  const list = doc.struct('L')
  parent.add(list)
  const x = left(doc) + depth * LIST_INDENT
  const width = contentWidth(doc) - depth * LIST_INDENT - MARKER_WIDTH
  for (const item of items) {
    const li = doc.struct('LI')
    list.add(li)
    if (item.runs.length) {
      ensureSpace(doc, BODY_SIZE * LEADING * 2)
      const y = doc.y
      const marker =
        listType === 'number'
          ? `${item.value}.`
          : listType === 'check'
            ? item.checked
              ? '☑'
              : '☐'
            : depth % 2
              ? '–'
              : '•'
      writeText(ctx, li, [plain(marker)], body(), { tag: 'Lbl', width: MARKER_WIDTH, x })
      doc.y = y
      writeText(ctx, li, item.runs, body(), { align: 'left', tag: 'LBody', width, x: x + MARKER_WIDTH })
      doc.y += 2
    }
    for (const child of item.children) {
      if (child.kind === 'list') drawList(ctx, li, child.items, child.listType, depth + 1)
      else drawBlock(ctx, li, child)
    }
    li.end()
  }
  list.end()
}

const headingItem = (ctx: Ctx, level: number, title: string) => {
  while (ctx.outline.length && ctx.outline[ctx.outline.length - 1]!.level >= level) ctx.outline.pop()
  const parent = ctx.outline[ctx.outline.length - 1]?.item ?? ctx.doc.outline
  ctx.outline.push({ item: parent.addItem(title.replace(/\u00ad/g, '').trim()), level })
}

const drawBlock = (ctx: Ctx, parent: Struct, block: PdfBlock) => {
  const { doc } = ctx
  const x = left(doc)
  const width = contentWidth(doc)
  switch (block.kind) {
    case 'heading': {
      // Body headings rank below the title (H1): an article's h2 stays H2, an h1 in the body becomes H2.
      const level = Math.min(6, Math.max(2, block.level))
      const size = HEADING_SIZES[level] ?? BODY_SIZE
      doc.y += size * 0.8
      headingItem(ctx, level, block.runs.map((run) => run.text).join(''))
      writeText(
        ctx,
        parent,
        block.runs,
        { ...body(size), bold: true, family: level >= 4 ? 'sans' : 'serif' },
        {
          keepWithNext: 3,
          lineHeight: size * 1.25,
          tag: `H${level}`,
        },
      )
      doc.y += 3
      break
    }
    case 'image':
      drawImage(ctx, parent, block.image, 0.6)
      break
    case 'list':
      drawList(ctx, parent, block.items, block.listType, 0)
      doc.y += 6
      break
    case 'paragraph': {
      const indent = block.indent * LIST_INDENT
      // Body copy is justified, as in print, unless the editor aligned it otherwise.
      const align = block.align === 'left' ? 'justify' : block.align
      writeText(ctx, parent, block.runs, body(), { align, tag: 'P', width: width - indent, x: x + indent })
      doc.y += BODY_SIZE * 0.45
      break
    }
    case 'quote': {
      const startY = doc.y
      const startPage = doc.bufferedPageRange().count
      writeText(
        ctx,
        parent,
        block.runs,
        { ...body(BODY_SIZE + 1), color: '#333333', italic: true },
        {
          tag: 'BlockQuote',
          width: width - 18,
          x: x + 18,
        },
      )
      if (doc.bufferedPageRange().count === startPage) {
        const endY = doc.y
        artifact(doc, () =>
          doc
            .save()
            .moveTo(x + 4, startY + 2)
            .lineTo(x + 4, endY - 4)
            .lineWidth(2)
            .strokeColor('#999999')
            .stroke()
            .restore(),
        )
      }
      doc.y += 8
      break
    }
    case 'rule': {
      ensureSpace(doc, 16)
      rule(doc, doc.y + 6, width)
      doc.y += 16
      break
    }
    case 'table': {
      const table = doc.struct('Table')
      parent.add(table)
      const columns = Math.max(1, ...block.rows.map((row) => row.length))
      const cellWidth = width / columns
      block.rows.forEach((row, r) => {
        const tr = doc.struct('TR')
        table.add(tr)
        ensureSpace(doc, BODY_SIZE * LEADING + 6)
        const top = doc.y
        let rowBottom = top
        row.forEach((cell, c) => {
          doc.y = top + 3
          const runs = cell.length ? cell : [plain(' ')]
          const style = { ...body(BODY_SIZE - 1), bold: r === 0 }
          const tagged = writeText(ctx, tr, runs, style, {
            tag: r === 0 ? 'TH' : 'TD',
            width: cellWidth - 8,
            x: x + c * cellWidth + 4,
          })
          if (!tagged) tr.add(doc.struct(r === 0 ? 'TH' : 'TD', {}, [])) // an empty cell is still a cell
          rowBottom = Math.max(rowBottom, doc.y)
        })
        doc.y = rowBottom + 3
        tr.end()
        rule(doc, doc.y, width, '#cccccc')
      })
      table.end()
      doc.y += 8
      break
    }
    case 'video': {
      if (block.poster) drawImage(ctx, parent, block.poster, 0.4)
      const { video } = block
      const runs = [
        plain('Video: ', { bold: true }),
        plain(video.title, { link: video.url }),
        ...(video.url ? [] : [plain(video.locked ? ' (for subscribers)' : '')]),
        ...(video.caption ? [plain(` — ${video.caption}`, { italic: true })] : []),
        ...(video.url ? [plain('\n'), plain(video.url, { link: video.url })] : []),
      ]
      writeText(ctx, parent, runs, { ...body(BODY_SIZE - 1), family: 'sans' }, { tag: 'P' })
      doc.y += 8
      break
    }
  }
}

/** Every image the PDF of this article would show (hero, body images, video posters). */
export const pdfImagesOf = (article: PrintableArticle, blocks: PdfBlock[]): PrintableImage[] => {
  const images: PrintableImage[] = article.heroImage ? [article.heroImage] : []
  const visit = (list: PdfBlock[]) => {
    for (const block of list) {
      if (block.kind === 'image') images.push(block.image)
      if (block.kind === 'video' && block.poster) images.push(block.poster)
      if (block.kind === 'list') block.items.forEach((item) => visit(item.children))
    }
  }
  visit(blocks)
  return images
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text)

/**
 * The article as a tagged PDF: publisher header, title, byline, canonical link, hero image, body (or the teaser
 * and a subscribe notice when locked), source line, and a footer with page numbers on every page. Text is set in
 * the embedded font stack (every script the stack covers), in reading order, with bookmarks from the headings.
 * Images are passed in already loaded (see loadPdfImages): this is drawing only, safe to run in a worker.
 */
export const renderArticlePdfWithReport = async (
  article: PrintableArticle,
  settings: PdfSettings,
  images: Map<string, Uint8Array>,
  blocks: PdfBlock[],
): Promise<RenderedPdf> => {
  // Loaded on first use: importing the utilities entry (e.g. in a browser bundle) must not pull in pdfkit.
  const { default: PDFDocument } = await import('pdfkit')
  const doc = new PDFDocument({
    autoFirstPage: true,
    bufferPages: true,
    displayTitle: true,
    // pdfkit hashes every info entry: an undefined one would throw.
    info: {
      Author: article.author ?? settings.publisherName,
      Creator: settings.publisherName,
      ...(article.excerpt ? { Subject: article.excerpt } : {}),
      Title: article.title,
    },
    lang: settings.locale,
    margins: MARGIN,
    pdfVersion: '1.7',
    size: 'A4',
    tagged: true,
  })
  const chunks: Buffer[] = []
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const engine = new TextEngine(doc, settings.fonts ?? defaultPrintFonts(), settings.locale, settings.hyphenate ?? true)
  const ctx: Ctx = { doc, engine, images, outline: [] }
  const root = doc.struct('Document')
  doc.addStructure(root)
  const x = left(doc)
  const width = contentWidth(doc)
  const sans = (size: number, color = TEXT): TextStyle => ({ color, family: 'sans', size })

  // Publisher header.
  writeText(ctx, root, [plain(settings.publisherName.toUpperCase(), { bold: true })], sans(10), { tag: 'P' })
  rule(doc, doc.y + 2, width, TEXT)
  doc.y += 14

  const article_ = doc.struct('Art')
  root.add(article_)
  headingItem(ctx, 1, article.title)
  writeText(
    ctx,
    article_,
    [plain(article.title)],
    { ...body(HEADING_SIZES[1]!), bold: true },
    {
      keepWithNext: 2,
      lineHeight: HEADING_SIZES[1]! * 1.18,
      tag: 'H1',
    },
  )
  doc.y += 6
  if (article.excerpt) {
    writeText(
      ctx,
      article_,
      [plain(article.excerpt)],
      { ...body(13.5), color: '#333333', italic: true },
      {
        lineHeight: 13.5 * 1.35,
        tag: 'P',
      },
    )
    doc.y += 6
  }
  const date = formatDate(article.publishedAt, settings.locale)
  const byline = [article.author ? `By ${article.author}` : '', date ?? ''].filter(Boolean).join(' · ')
  if (byline) writeText(ctx, article_, [plain(byline)], sans(9.5, MUTED), { tag: 'P' })
  writeText(ctx, article_, [plain(article.canonicalUrl, { link: safeHref(article.canonicalUrl) })], sans(9), {
    tag: 'P',
  })
  doc.y += 12
  if (article.heroImage) drawImage(ctx, article_, article.heroImage, 0.45)

  for (const block of blocks) drawBlock(ctx, article_, block)

  if (article.locked) {
    const subscribe = safeHref(settings.subscribeUrl)
    doc.y += 6
    ensureSpace(doc, 60)
    const top = doc.y
    const startPage = doc.bufferedPageRange().count
    doc.y += 10
    writeText(
      ctx,
      article_,
      [
        plain('The rest of this article is for subscribers. ', { bold: true }),
        ...(subscribe
          ? [plain('Subscribe at '), plain(subscribe, { link: subscribe }), plain(' to read it in full.')]
          : [plain('Subscribe to read it in full.')]),
      ],
      sans(10.5),
      { tag: 'P', width: width - 24, x: x + 12 },
    )
    doc.y += 8
    if (doc.bufferedPageRange().count === startPage)
      artifact(doc, () =>
        doc
          .save()
          .rect(x, top, width, doc.y - top)
          .lineWidth(1)
          .strokeColor(TEXT)
          .stroke()
          .restore(),
      )
    doc.y += 8
  }
  article_.end()

  doc.y += 10
  ensureSpace(doc, 30)
  rule(doc, doc.y, width)
  doc.y += 6
  writeText(
    ctx,
    root,
    [
      plain(`Source: ${settings.publisherName} — `),
      plain(article.canonicalUrl, { link: safeHref(article.canonicalUrl) }),
    ],
    sans(9, MUTED),
    { tag: 'P' },
  )
  root.end()

  // Footer on every page (drawn into the bottom margin, so the margin is lifted while writing it): page furniture.
  const range = doc.bufferedPageRange()
  const footer = truncate(`${settings.publisherName} · ${article.title}`, 80)
  const footerLines = engine.layout([plain(footer)], sans(8, MUTED), width - 60).lines.slice(0, 1)
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const marginBottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    const y = doc.page.height - marginBottom + 30
    artifact(
      doc,
      () => {
        for (const line of footerLines) engine.drawLine(line, x, y, width - 60, line.rtl ? 'right' : 'left')
        const number = engine.layout([plain(`${i + 1} / ${range.count}`)], sans(8, MUTED), 60).lines
        for (const line of number) engine.drawLine(line, x + width - 60, y, 60, 'right')
      },
      'Pagination',
    )
    doc.page.margins.bottom = marginBottom
  }
  doc.end()
  const pdf = await finished
  return { missing: [...engine.missing].sort((a, b) => a - b), pdf }
}

/** The article as a PDF (see renderArticlePdfWithReport, which also says which characters it could not print). */
export const renderArticlePdf = async (
  article: PrintableArticle,
  settings: PdfSettings,
  links: PrintLinkContext,
  images: Map<string, Uint8Array> = new Map(),
  blocks: PdfBlock[] = lexicalToPdfBlocks(article.body, links),
): Promise<Buffer> => (await renderArticlePdfWithReport(article, settings, images, blocks)).pdf
