import type { PrintableArticle, PrintableImage } from '../printableArticle.js'
import type { PrintLinkContext } from '../printHTMLConverters.js'

import { formatDate } from '../../utilities/formatDate.js'
import { safeHref } from '../../utilities/safeUrl.js'
import { lexicalToPdfBlocks, type PdfBlock, type PdfListItem, type PdfRun } from './lexicalToPdfBlocks.js'
import { toWinAnsi } from './winAnsi.js'

export type PdfSettings = {
  /** BCP 47 language of dates and the document. */
  locale: string
  publisherName: string
  subscribeUrl: string
}

type Doc = PDFKit.PDFDocument
type OpenedImage = { height: number; orientation?: number; width: number }
type Align = 'center' | 'justify' | 'left' | 'right'
type Family = { bold: string; boldItalic: string; italic: string; regular: string }

// PDF standard fonts: always available, nothing to embed (WinAnsi text, see toWinAnsi).
const SERIF: Family = {
  bold: 'Times-Bold',
  boldItalic: 'Times-BoldItalic',
  italic: 'Times-Italic',
  regular: 'Times-Roman',
}
const SANS: Family = {
  bold: 'Helvetica-Bold',
  boldItalic: 'Helvetica-BoldOblique',
  italic: 'Helvetica-Oblique',
  regular: 'Helvetica',
}
const MONO: Family = {
  bold: 'Courier-Bold',
  boldItalic: 'Courier-BoldOblique',
  italic: 'Courier-Oblique',
  regular: 'Courier',
}

const MARGIN = { bottom: 64, left: 64, right: 64, top: 60 }
const BODY_SIZE = 11.5
const LINE_GAP = 3
const TEXT = '#111111'
const MUTED = '#555555'
const LINK = '#1a4f8b'
const HEADING_SIZES = [0, 19, 16, 14, 12.5, 12, 11.5]
const LIST_INDENT = 18
const MARKER_WIDTH = 22

const pick = (family: Family, bold: boolean, italic: boolean): string =>
  bold && italic ? family.boldItalic : bold ? family.bold : italic ? family.italic : family.regular

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

type Layout = {
  doc: Doc
  images: Map<string, Uint8Array>
  pageIndex: () => number
}

const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom
const left = (doc: Doc) => doc.page.margins.left
const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right

/** Starts a new page when fewer than `height` points are left on this one. */
const ensureSpace = (doc: Doc, height: number) => {
  if (doc.y + height > bottom(doc)) doc.addPage()
}

/** Draws styled runs as one flowing paragraph; pdfkit keeps earlier options, so every option is set on every run. */
const writeRuns = (
  doc: Doc,
  runs: PdfRun[],
  opts: {
    align?: Align
    bold?: boolean
    color?: string
    family?: Family
    italic?: boolean
    size: number
    width: number
    x: number
  },
) => {
  const visible = runs.map((run) => ({ ...run, text: toWinAnsi(run.text) })).filter((run) => run.text)
  if (!visible.length) return
  ensureSpace(doc, opts.size + LINE_GAP)
  visible.forEach((run, i) => {
    const family = run.code ? MONO : (opts.family ?? SERIF)
    doc
      .font(pick(family, run.bold || Boolean(opts.bold), run.italic || Boolean(opts.italic)))
      .fontSize(run.code ? opts.size * 0.92 : opts.size)
      .fillColor(run.link ? LINK : (opts.color ?? TEXT))
    const options: PDFKit.Mixins.TextOptions = {
      align: opts.align ?? 'left',
      continued: i < visible.length - 1,
      lineGap: LINE_GAP,
      link: run.link ?? (null as unknown as string),
      strike: run.strike,
      underline: run.underline || Boolean(run.link),
      width: opts.width,
    }
    if (i === 0) doc.text(run.text, opts.x, doc.y, options)
    else doc.text(run.text, options)
  })
  doc.fillColor(TEXT)
}

const drawImage = (layout: Layout, image: PrintableImage, maxHeightShare: number): boolean => {
  const { doc } = layout
  const bytes = layout.images.get(image.url)
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
    doc.image(opened as unknown as Buffer, left(doc) + (maxWidth - width) / 2, y, { height, width })
    doc.y = y + height + 8
    doc.x = left(doc)
    return true
  } catch {
    return false // a damaged or exotic image: the PDF goes without it
  }
}

const drawList = (layout: Layout, items: PdfListItem[], listType: 'bullet' | 'check' | 'number', depth: number) => {
  const { doc } = layout
  const x = left(doc) + depth * LIST_INDENT
  const width = contentWidth(doc) - depth * LIST_INDENT - MARKER_WIDTH
  for (const item of items) {
    if (item.runs.length) {
      ensureSpace(doc, BODY_SIZE * 2 + LINE_GAP)
      const y = doc.y
      const marker =
        listType === 'number'
          ? `${item.value}.`
          : listType === 'check'
            ? item.checked
              ? '[x]'
              : '[ ]'
            : depth % 2
              ? '–'
              : '•'
      doc.font(SERIF.regular).fontSize(BODY_SIZE).fillColor(TEXT).text(marker, x, y, { lineBreak: false })
      doc.y = y
      writeRuns(doc, item.runs, { size: BODY_SIZE, width, x: x + MARKER_WIDTH })
      doc.y += 3
    }
    for (const child of item.children) {
      if (child.kind === 'list') drawList(layout, child.items, child.listType, depth + 1)
      else drawBlock(layout, child)
    }
  }
}

const drawBlock = (layout: Layout, block: PdfBlock) => {
  const { doc } = layout
  const x = left(doc)
  const width = contentWidth(doc)
  switch (block.kind) {
    case 'heading': {
      const size = HEADING_SIZES[block.level] ?? BODY_SIZE
      doc.y += 6
      // Keep a heading with the first lines under it.
      ensureSpace(doc, size + 3 * (BODY_SIZE + LINE_GAP))
      writeRuns(doc, block.runs, { bold: true, size, width, x })
      doc.y += 4
      break
    }
    case 'image':
      drawImage(layout, block.image, 0.6)
      break
    case 'list':
      drawList(layout, block.items, block.listType, 0)
      doc.y += 5
      break
    case 'paragraph': {
      const indent = block.indent * LIST_INDENT
      writeRuns(doc, block.runs, { align: block.align, size: BODY_SIZE, width: width - indent, x: x + indent })
      doc.y += 7
      break
    }
    case 'quote': {
      const startY = doc.y
      const startPage = layout.pageIndex()
      writeRuns(doc, block.runs, { color: '#333333', italic: true, size: BODY_SIZE, width: width - 16, x: x + 16 })
      if (layout.pageIndex() === startPage) {
        doc
          .save()
          .moveTo(x + 4, startY)
          .lineTo(x + 4, doc.y - LINE_GAP)
          .lineWidth(2)
          .strokeColor('#999999')
          .stroke()
          .restore()
      }
      doc.y += 8
      break
    }
    case 'rule': {
      ensureSpace(doc, 16)
      const y = doc.y + 6
      doc
        .save()
        .moveTo(x, y)
        .lineTo(x + width, y)
        .lineWidth(0.75)
        .strokeColor('#999999')
        .stroke()
        .restore()
      doc.y = y + 10
      break
    }
    case 'table':
      for (const row of block.rows) {
        const runs = row.flatMap((cell, i) => (i ? [plain(' | ', { bold: false }), ...cell] : cell))
        writeRuns(doc, runs, { size: BODY_SIZE - 1, width, x })
        doc.y += 3
      }
      doc.y += 5
      break
    case 'video': {
      if (block.poster) drawImage(layout, block.poster, 0.4)
      const { video } = block
      const runs = [
        plain('Video: ', { bold: true }),
        plain(video.title, { link: video.url }),
        ...(video.url ? [] : [plain(video.locked ? ' (for subscribers)' : '')]),
        ...(video.caption ? [plain(` — ${video.caption}`, { italic: true })] : []),
        ...(video.url ? [plain(`\n${video.url}`)] : []),
      ]
      writeRuns(doc, runs, { size: BODY_SIZE - 1, width, x })
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
 * The article as a PDF: publisher header, title, byline, canonical link, hero image, body (or the
 * teaser and a subscribe notice when locked), source line, and a footer with page numbers on every page.
 * Images are passed in already loaded (see loadPdfImages), so this is synchronous drawing only.
 */
export const renderArticlePdf = async (
  article: PrintableArticle,
  settings: PdfSettings,
  links: PrintLinkContext,
  images: Map<string, Uint8Array> = new Map(),
  blocks: PdfBlock[] = lexicalToPdfBlocks(article.body, links),
): Promise<Buffer> => {
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
    size: 'A4',
  })
  const chunks: Buffer[] = []
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  let pages = 0
  doc.on('pageAdded', () => (pages += 1))
  const layout: Layout = { doc, images, pageIndex: () => pages }
  const x = left(doc)
  const width = contentWidth(doc)

  // Publisher header.
  doc.font(SANS.bold).fontSize(10).fillColor(TEXT)
  doc.text(toWinAnsi(settings.publisherName.toUpperCase()), x, doc.y, { characterSpacing: 1, width })
  const ruleY = doc.y + 4
  doc
    .save()
    .moveTo(x, ruleY)
    .lineTo(x + width, ruleY)
    .lineWidth(1.5)
    .strokeColor(TEXT)
    .stroke()
    .restore()
  doc.y = ruleY + 16

  writeRuns(doc, [plain(article.title)], { bold: true, size: 22, width, x })
  doc.y += 4
  if (article.excerpt) {
    writeRuns(doc, [plain(article.excerpt)], { italic: true, size: 13, width, x })
    doc.y += 4
  }
  const date = formatDate(article.publishedAt, settings.locale)
  const byline = [article.author ? `By ${article.author}` : '', date ?? ''].filter(Boolean).join(' · ')
  if (byline) writeRuns(doc, [plain(byline)], { color: MUTED, family: SANS, size: 9.5, width, x })
  writeRuns(doc, [plain(article.canonicalUrl, { link: safeHref(article.canonicalUrl) })], {
    family: SANS,
    size: 9,
    width,
    x,
  })
  doc.y += 12
  if (article.heroImage) drawImage(layout, article.heroImage, 0.45)

  for (const block of blocks) drawBlock(layout, block)

  if (article.locked) {
    const subscribe = safeHref(settings.subscribeUrl)
    doc.y += 6
    ensureSpace(doc, 60)
    const top = doc.y
    const startPage = pages
    doc.y += 10
    writeRuns(
      doc,
      [
        plain('The rest of this article is for subscribers. ', { bold: true }),
        ...(subscribe
          ? [plain('Subscribe at '), plain(subscribe, { link: subscribe }), plain(' to read it in full.')]
          : [plain('Subscribe to read it in full.')]),
      ],
      { family: SANS, size: 10.5, width: width - 24, x: x + 12 },
    )
    doc.y += 10
    if (pages === startPage)
      doc
        .save()
        .rect(x, top, width, doc.y - top)
        .lineWidth(1)
        .strokeColor(TEXT)
        .stroke()
        .restore()
    doc.y += 8
  }

  doc.y += 10
  ensureSpace(doc, 30)
  const sourceY = doc.y
  doc
    .save()
    .moveTo(x, sourceY)
    .lineTo(x + width, sourceY)
    .lineWidth(0.5)
    .strokeColor('#999999')
    .stroke()
    .restore()
  doc.y = sourceY + 6
  writeRuns(
    doc,
    [
      plain(`Source: ${settings.publisherName} — `),
      plain(article.canonicalUrl, { link: safeHref(article.canonicalUrl) }),
    ],
    { color: MUTED, family: SANS, size: 9, width, x },
  )

  // Footer on every page (drawn into the bottom margin, so the margin is lifted while writing it).
  const range = doc.bufferedPageRange()
  const footer = toWinAnsi(truncate(`${settings.publisherName} · ${article.title}`, 90))
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const marginBottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    const y = doc.page.height - marginBottom + 24
    doc.font(SANS.regular).fontSize(8).fillColor(MUTED)
    doc.text(footer, x, y, { lineBreak: false, width: width - 60 })
    doc.text(`${i + 1} / ${range.count}`, x + width - 60, y, { align: 'right', lineBreak: false, width: 60 })
    doc.page.margins.bottom = marginBottom
  }
  doc.end()
  return finished
}
