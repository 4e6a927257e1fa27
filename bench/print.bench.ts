/**
 * Print view and PDF of a 5,000-word article (headings, emphasis, links, lists, quotes), against the plain
 * Lexical → HTML conversion of the same body with Payload's default converters, all in this process on the
 * same input. The PDF is also measured with a hero and two inline photos (1200×800 JPEG, already loaded:
 * image loading is I/O and not part of the layout cost).
 *
 *   npx tsx bench/print.bench.ts
 */
import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import { availableParallelism } from 'node:os'
import sharp from 'sharp'

import type { PrintableArticle, PrintableImage } from '../src/print/printableArticle.js'

import { resolveOptions } from '../src/defaults.js'
import { lexicalToPdfBlocks } from '../src/print/pdf/lexicalToPdfBlocks.js'
import { resolvePrintFonts } from '../src/print/fonts/printFontStack.js'
import { PdfWorkerPool } from '../src/print/pdf/pdfWorkerPool.js'
import { renderArticlePdf, renderArticlePdfWithReport } from '../src/print/pdf/renderArticlePdf.js'
import { printLinkContext } from '../src/print/printContext.js'
import { renderPrintDocument } from '../src/print/renderPrintDocument.js'
import { latencyWhile, seededRandom } from './harness.js'

const WORDS = 5_000
const MIN_BATCH_MS = 300
const BATCHES = 7

// Deterministic pseudo-random numbers so every run measures the same article.
let random = seededRandom(11)
const VOCABULARY = [
  'the',
  'kremlin',
  'announced',
  'visit',
  'partnership',
  'between',
  'nations',
  'leader',
  'invitation',
  'september',
  'diplomatic',
  'engagement',
  'regional',
  'dynamics',
  'global',
  'support',
  'conflict',
  'relations',
  'official',
  'statement',
  'would',
  'which',
  'since',
  'while',
]
// Mixed-script run: a quarter of the words come from other scripts (as in an article quoting names and places).
const SCRIPTS = [
  'Москва',
  'Пхеньян',
  'Ελλάδα',
  'Łódź',
  'Erdős',
  'مرحبا',
  'العالم',
  'שלום',
  'नमस्ते',
  '北京',
  '東京',
  '서울',
  '😀',
]
let mixed = false
const word = () =>
  mixed && random() < 0.25
    ? SCRIPTS[Math.floor(random() * SCRIPTS.length)]!
    : VOCABULARY[Math.floor(random() * VOCABULARY.length)]!

type Node = Record<string, unknown>
const text = (value: string, format = 0): Node => ({
  type: 'text',
  detail: 0,
  format,
  mode: 'normal',
  style: '',
  text: value,
  version: 1,
})
const element = (type: string, children: Node[], extra: Node = {}): Node => ({
  type,
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
  ...extra,
})

/** A paragraph of `count` words with some bold, italic and a link, like an edited news text. */
const paragraph = (count: number): Node => {
  const children: Node[] = []
  let plain: string[] = []
  const flush = () => {
    if (plain.length) children.push(text(`${plain.join(' ')} `))
    plain = []
  }
  for (let i = 0; i < count; i++) {
    const roll = random()
    if (roll < 0.03) {
      flush()
      children.push(text(`${word()} `, 1))
    } else if (roll < 0.05) {
      flush()
      children.push(text(`${word()} `, 2))
    } else if (roll < 0.06) {
      flush()
      children.push(
        element('link', [text(word())], {
          fields: { linkType: 'custom', newTab: false, url: `https://example.com/${word()}` },
          version: 3,
        }),
        text(' '),
      )
    } else plain.push(word())
  }
  flush()
  return element('paragraph', children, { textFormat: 0 })
}

const buildBody = () => {
  const nodes: Node[] = []
  let words = 0
  let block = 0
  while (words < WORDS) {
    block++
    if (block % 9 === 1) {
      nodes.push(element('heading', [text(`${word()} ${word()} ${word()}`)], { tag: 'h2' }))
      words += 3
    } else if (block % 13 === 0) {
      const items = Array.from({ length: 4 }, (_, i) =>
        element('listitem', [text(Array.from({ length: 10 }, word).join(' '))], { value: i + 1 }),
      )
      nodes.push(element('list', items, { listType: 'bullet', start: 1, tag: 'ul' }))
      words += 40
    } else if (block % 17 === 0) {
      nodes.push(element('quote', [text(Array.from({ length: 25 }, word).join(' '))]))
      words += 25
    } else {
      nodes.push(paragraph(70))
      words += 70
    }
  }
  return { root: element('root', nodes) } as unknown as NonNullable<PrintableArticle['body']>
}

/** Median milliseconds per call over several timed batches (after a warm-up that sizes the batch). */
const measure = async (run: () => Promise<unknown> | unknown): Promise<number> => {
  let iterations = 1
  for (;;) {
    const start = performance.now()
    for (let i = 0; i < iterations; i++) await run()
    if (performance.now() - start >= MIN_BATCH_MS) break
    iterations *= 2
  }
  const perCall: number[] = []
  for (let b = 0; b < BATCHES; b++) {
    const start = performance.now()
    for (let i = 0; i < iterations; i++) await run()
    perCall.push((performance.now() - start) / iterations)
  }
  perCall.sort((a, b) => a - b)
  return perCall[Math.floor(perCall.length / 2)]!
}

const photo = (seedValue: number) => {
  const width = 1200
  const height = 800
  const raw = Buffer.alloc(width * height * 3)
  let s = seedValue
  for (let i = 0; i < raw.length; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31
    raw[i] = (i % (width * 3)) / 14 + (s & 63)
  }
  return sharp(raw, { raw: { channels: 3, height, width } })
    .jpeg({ quality: 80 })
    .toBuffer()
}

const main = async () => {
  const options = resolveOptions({ siteUrl: 'https://news.example.com', print: { publisherName: 'The Daily Bench' } })
  const links = printLinkContext(options)
  const body = buildBody()
  const article: PrintableArticle = {
    author: 'Ann Writer',
    body,
    canonicalUrl: 'https://news.example.com/news/bench-story',
    excerpt: 'A 5,000-word article for the benchmark.',
    heroImage: null,
    id: 'bench',
    locked: false,
    publishedAt: '2024-06-18T09:30:00.000Z',
    slug: 'bench-story',
    teaser: null,
    title: 'Russian President’s rare visit: a long read',
  }
  const settings = {
    css: '',
    locale: 'en',
    publisherName: options.print.publisherName,
    subscribeUrl: options.premium.subscribeUrl,
  }
  const wordCount = JSON.stringify(body)
    .match(/"text":"([^"]*)"/g)!
    .join(' ')
    .split(/\s+/)
    .filter((w) => /[a-z]/.test(w)).length

  const image = (n: number): PrintableImage => ({
    alt: `Photo ${n}`,
    collection: null,
    filename: null,
    height: 800,
    mimeType: 'image/jpeg',
    sizes: [],
    url: `/photo-${n}.jpg`,
    width: 1200,
  })
  const withImages: PrintableArticle = {
    ...article,
    body: {
      ...body,
      root: {
        ...body.root,
        children: [
          ...body.root.children.slice(0, 20),
          { type: 'upload', relationTo: 'media', value: { ...image(1), mimeType: 'image/jpeg' } },
          ...body.root.children.slice(20, 60),
          { type: 'upload', relationTo: 'media', value: { ...image(2), mimeType: 'image/jpeg' } },
          ...body.root.children.slice(60),
        ],
      },
    } as never,
    heroImage: image(0),
  }
  const photos = new Map<string, Uint8Array>(
    await Promise.all([0, 1, 2].map(async (n) => [`/photo-${n}.jpg`, await photo(n + 1)] as [string, Uint8Array])),
  )

  const baselineMs = await measure(() => convertLexicalToHTML({ data: body as never }))
  const printMs = await measure(() => renderPrintDocument(article, settings, links))
  const pdfMs = await measure(() => renderArticlePdf(article, settings, links))
  const pdfImagesMs = await measure(() =>
    renderArticlePdf(withImages, settings, links, photos, lexicalToPdfBlocks(withImages.body, links)),
  )

  const html = renderPrintDocument(article, settings, links)
  const pdf = await renderArticlePdf(article, settings, links)
  const pdfWithImages = await renderArticlePdf(withImages, settings, links, photos)
  const pages = (bytes: Buffer) => (bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length

  console.log(
    `print / PDF of a ${wordCount}-word article (${body.root.children.length} blocks); median of ${BATCHES} batches`,
  )
  console.log('what                                        time        vs Lexical→HTML   output')
  const row = (what: string, ms: number, out: string) =>
    console.log(
      `${what.padEnd(44)}${`${ms.toFixed(2)} ms`.padEnd(12)}${`${(ms / baselineMs).toFixed(1)}×`.padEnd(18)}${out}`,
    )
  row(
    'Lexical → HTML (Payload default converters)',
    baselineMs,
    `${(convertLexicalToHTML({ data: body as never }).length / 1024).toFixed(0)} KB HTML`,
  )
  row('print view (full HTML document)', printMs, `${(html.length / 1024).toFixed(0)} KB HTML`)
  row('PDF (pdfkit, standard fonts)', pdfMs, `${(pdf.length / 1024).toFixed(0)} KB, ${pages(pdf)} pages`)
  row(
    'PDF with hero + 2 photos (1200×800 JPEG)',
    pdfImagesMs,
    `${(pdfWithImages.length / 1024).toFixed(0)} KB, ${pages(pdfWithImages)} pages`,
  )

  // Fonts: the PDF standard fonts (the old output: nothing embedded, Latin-1 only) against the embedded stacks.
  mixed = true
  random = seededRandom(11)
  const mixedArticle: PrintableArticle = { ...article, body: buildBody() }
  mixed = false
  const cjk = resolvePrintFonts({
    extraFallback: ['@fontsource/noto-sans-sc', '@fontsource/noto-sans-jp', '@fontsource/noto-sans-kr'],
  })
  const once = async (a: PrintableArticle, fonts: ReturnType<typeof resolvePrintFonts>) => {
    const times: number[] = []
    let bytes = 0
    for (let i = 0; i < 3; i++) {
      const start = performance.now()
      const out = await renderArticlePdfWithReport(
        a,
        { ...settings, fonts },
        new Map(),
        lexicalToPdfBlocks(a.body, links),
      )
      times.push(performance.now() - start)
      bytes = out.pdf.length
    }
    return { bytes, ms: times.sort((x, y) => x - y)[1]! }
  }
  const standard = await once(article, resolvePrintFonts('standard'))
  const latin = await once(article, resolvePrintFonts(undefined))
  const mixedRun = await once(mixedArticle, cjk)
  console.log('\nfonts (5,000 words, median of 3)            time        vs standard       size (vs standard)')
  const fontRow = (what: string, r: { bytes: number; ms: number }) =>
    console.log(
      `${what.padEnd(44)}${`${r.ms.toFixed(0)} ms`.padEnd(12)}${`${(r.ms / standard.ms).toFixed(1)}×`.padEnd(18)}${(r.bytes / 1024).toFixed(0)} KB (${(r.bytes / standard.bytes).toFixed(1)}×)`,
    )
  fontRow('standard fonts (Latin-1, nothing embedded)', standard)
  fontRow('embedded Noto, Latin-only text', latin)
  fontRow('embedded Noto + CJK, mixed scripts', mixedRun)

  // 20 PDFs requested at once: an "article read" (the print view of a short article, i.e. work on the event
  // loop) every 10 ms, its p95 latency idle vs while the PDFs render on the pool (2 workers) vs on this thread.
  const shortArticle: PrintableArticle = {
    ...article,
    body: { root: { ...body.root, children: body.root.children.slice(0, 6) } } as never,
  }
  // A sub-millisecond synthetic read (the print view of a short article) every 10 ms.
  const reads = (during: () => Promise<unknown>) =>
    latencyWhile(() => renderPrintDocument(shortArticle, settings, links), during)
  const twenty = () => Array.from({ length: 20 }, () => article)
  const idle = await reads(() => new Promise((resolve) => setTimeout(resolve, 1500)))
  const onPoolOf = async (size: number) => {
    const pool = new PdfWorkerPool(size)
    // Workers warm: one job per worker before the measured run.
    await Promise.all(
      Array.from({ length: size }, () =>
        pool.render(article, settings, new Map(), lexicalToPdfBlocks(article.body, links)),
      ),
    )
    const result = await reads(() =>
      Promise.all(twenty().map((a) => pool.render(a, settings, new Map(), lexicalToPdfBlocks(a.body, links)))),
    )
    await pool.close()
    return result
  }
  const defaultSize = options.print.pdfWorkers
  const onDefaultPool = await onPoolOf(defaultSize)
  const onPool = defaultSize === 2 ? onDefaultPool : await onPoolOf(2)
  const inline = await reads(() =>
    Promise.all(
      twenty().map((a) => renderArticlePdfWithReport(a, settings, new Map(), lexicalToPdfBlocks(a.body, links))),
    ),
  )
  console.log('\n20 PDFs at once (Latin, 5,000 words)        read p95    vs idle           all 20 done   peak RSS')
  const loadRow = (what: string, r: { p95: number; peak: number; total: number }) =>
    console.log(
      `${what.padEnd(44)}${`${r.p95.toFixed(1)} ms`.padEnd(12)}${`${(r.p95 / idle.p95).toFixed(2)}×`.padEnd(18)}${`${(r.total / 1000).toFixed(1)} s`.padEnd(14)}${(r.peak / 2 ** 20).toFixed(0)} MB`,
    )
  loadRow('idle', idle)
  loadRow(`on the default pool (${defaultSize} of ${availableParallelism()} CPUs)`, onDefaultPool)
  if (defaultSize !== 2) loadRow('on a pool of 2 threads', onPool)
  loadRow('on the request thread', inline)
}

await main()
