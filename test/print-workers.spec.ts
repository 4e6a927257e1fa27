/**
 * The PDF worker pool: PDFs rendered on worker threads (the worker loads from TypeScript sources here through
 * tsx, from dist/ in the built package: see workerEntry) are the same documents as on the request thread, many
 * at once, and a failing job fails alone.
 */
import { lexicalToPdfBlocks } from '../src/print/pdf/lexicalToPdfBlocks.js'
import {
  PDF_QUEUE_PER_WORKER,
  PdfQueueFullError,
  PdfRenderTimeoutError,
  PdfWorkerPool,
  renderPdfOffThread,
} from '../src/print/pdf/pdfWorkerPool.js'
import { renderArticlePdfWithReport } from '../src/print/pdf/renderArticlePdf.js'
import { resolvePrintFonts } from '../src/print/fonts/printFontStack.js'
import { flat, parsePdf } from './helpers/documents.js'
import fs from 'node:fs'
import sharp from 'sharp'

import { lexical, paragraph, text, upload } from './helpers/lexical.js'

const links = {
  articleHref: (slug: string) => `https://news.test/news/${slug}`,
  articlesSlug: 'articles',
  fallbackHref: 'https://news.test',
}
const article = (n: number) => ({
  author: 'Ann Writer',
  body: lexical(paragraph(text(`Story ${n}: Москва и Пхеньян, مرحبا, Łódź \u{1D11E}.`))),
  canonicalUrl: `https://news.test/news/s${n}`,
  excerpt: null,
  heroImage: null,
  id: String(n),
  locked: false,
  publishedAt: null,
  slug: `s${n}`,
  teaser: null,
  title: `Story ${n}`,
})
const settings = {
  fonts: resolvePrintFonts(undefined),
  locale: 'en',
  publisherName: 'The Daily Test',
  subscribeUrl: '',
}

describe('renderPdfOffThread without workers (pdfWorkers: 0)', () => {
  it('draws on this thread with the same bound as one worker: one drawing and 32 waiting, the rest refused at once', async () => {
    const asked = 1 + PDF_QUEUE_PER_WORKER + 7
    const outcomes = await Promise.allSettled(
      Array.from({ length: asked }, (_, n) =>
        renderPdfOffThread(
          0,
          article(n) as never,
          settings,
          new Map(),
          lexicalToPdfBlocks(article(n).body as never, links),
        ),
      ),
    )
    const refused = outcomes.filter((o) => o.status === 'rejected')
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1 + PDF_QUEUE_PER_WORKER)
    expect(refused).toHaveLength(7)
    for (const o of refused) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(PdfQueueFullError)
    // Drained: taken again.
    const again = await renderPdfOffThread(
      0,
      article(0) as never,
      settings,
      new Map(),
      lexicalToPdfBlocks(article(0).body as never, links),
    )
    expect(again.pdf.subarray(0, 5).toString()).toBe('%PDF-')
  }, 300_000)
})

describe('PdfWorkerPool', () => {
  const pool = new PdfWorkerPool(2)
  afterAll(() => pool.close())

  it('renders on worker threads what the request thread renders, several at once', async () => {
    const jobs = Array.from({ length: 5 }, (_, n) => article(n))
    const results = await Promise.all(
      jobs.map((a) => pool.render(a as never, settings, new Map(), lexicalToPdfBlocks(a.body as never, links))),
    )
    for (const [n, result] of results.entries()) {
      const parsed = await parsePdf(result.pdf)
      expect(flat(parsed.text.replace(/\u200b/g, ''))).toContain(`Story ${n}: Москва и Пхеньян`)
      expect(result.missing).toEqual([0x1d11e])
    }
    const local = await renderArticlePdfWithReport(
      jobs[0] as never,
      settings,
      new Map(),
      lexicalToPdfBlocks(jobs[0]!.body as never, links),
    )
    expect(results[0]!.pdf.byteLength).toBe(local.pdf.byteLength)
  }, 120_000)

  // Linux keeps a nice value per thread: the worker lowers its own priority, never the server's threads.
  const niceOfThreads = () =>
    fs
      .readdirSync('/proc/self/task')
      .map((task) => Number(fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]))
  ;(process.platform === 'linux' ? it : it.skip)(
    'workers run at the lowest CPU priority, the server thread does not',
    async () => {
      await pool.render(article(20) as never, settings, new Map(), [])
      const nice = niceOfThreads()
      expect(nice.filter((n) => n === 19).length).toBeGreaterThanOrEqual(1)
      expect(Number(fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ')[16])).toBeLessThan(19)
    },
    120_000,
  )

  it('a full queue refuses at once (PdfQueueFullError) and takes jobs again once it drains', async () => {
    const small = new PdfWorkerPool(1, 120_000, 2)
    try {
      const accepted = [0, 1, 2].map((n) => small.render(article(30 + n) as never, settings, new Map(), []))
      await expect(small.render(article(33) as never, settings, new Map(), [])).rejects.toBeInstanceOf(
        PdfQueueFullError,
      )
      for (const job of await Promise.all(accepted)) expect(job.pdf.subarray(0, 5).toString()).toBe('%PDF-')
      const after = await small.render(article(34) as never, settings, new Map(), [])
      expect(after.pdf.subarray(0, 5).toString()).toBe('%PDF-')
    } finally {
      await small.close()
    }
  }, 120_000)

  it('a job that fails rejects alone; the pool keeps working', async () => {
    const bad = pool.render({ ...article(9), title: undefined } as never, settings, new Map(), [
      { kind: 'heading', level: 2, runs: null } as never,
    ])
    await expect(bad).rejects.toThrow()
    const good = await pool.render(article(10) as never, settings, new Map(), [])
    expect(good.pdf.subarray(0, 5).toString()).toBe('%PDF-')
  }, 120_000)

  it('a job past the time limit is stopped and fails alone; the pool then renders again', async () => {
    const strict = new PdfWorkerPool(1, 1)
    try {
      const late = strict.render(article(11) as never, settings, new Map(), [])
      await expect(late).rejects.toBeInstanceOf(PdfRenderTimeoutError)
      strict.timeLimitMs = 120_000
      const next = await strict.render(article(12) as never, settings, new Map(), [])
      expect(next.pdf.subarray(0, 5).toString()).toBe('%PDF-')
    } finally {
      await strict.close()
    }
  }, 120_000)

  // Regression: a photo early in the article left the page cursor below the last line; the next paragraph's
  // page break then counted a negative number of lines and looped forever (on a worker: it was never freed).
  it('an image at any position of the body renders (the layout always ends)', async () => {
    const jpeg = await sharp({ create: { background: '#888888', channels: 3, height: 800, width: 1200 } })
      .jpeg()
      .toBuffer()
    const words = (n: number) =>
      Array.from({ length: n }, (_, i) => ['news', 'city', 'council', 'tram'][i % 4]).join(' ')
    const image = {
      alt: 'Photo',
      collection: null,
      filename: null,
      height: 800,
      mimeType: 'image/jpeg',
      sizes: [],
      url: '/photo.jpg',
      width: 1200,
    }
    const guarded = new PdfWorkerPool(2, 60_000)
    try {
      const renders = Array.from({ length: 13 }, (_, at) => {
        const nodes = Array.from({ length: 12 }, (_, i) => paragraph(text(words(20 + ((i * 7) % 40)))))
        nodes.splice(at, 0, upload('media', image))
        const a = { ...article(20 + at), body: lexical(...nodes) }
        return guarded
          .render(a as never, settings, new Map([['/photo.jpg', jpeg]]), lexicalToPdfBlocks(a.body as never, links))
          .then((r) => r.pdf.subarray(0, 5).toString())
      })
      expect(await Promise.all(renders)).toEqual(Array.from({ length: 13 }, () => '%PDF-'))
    } finally {
      await guarded.close()
    }
  }, 300_000)
})
