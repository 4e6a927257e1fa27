/**
 * The PDF worker pool: PDFs rendered on worker threads (the worker loads from TypeScript sources here through
 * tsx, from dist/ in the built package: see workerEntry) are the same documents as on the request thread, many
 * at once, and a failing job fails alone.
 */
import { lexicalToPdfBlocks } from '../src/print/pdf/lexicalToPdfBlocks.js'
import { PdfWorkerPool } from '../src/print/pdf/pdfWorkerPool.js'
import { renderArticlePdfWithReport } from '../src/print/pdf/renderArticlePdf.js'
import { resolvePrintFonts } from '../src/print/fonts/printFontStack.js'
import { flat, parsePdf } from './helpers/documents.js'
import { lexical, paragraph, text } from './helpers/lexical.js'

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

  it('a job that fails rejects alone; the pool keeps working', async () => {
    const bad = pool.render({ ...article(9), title: undefined } as never, settings, new Map(), [
      { kind: 'heading', level: 2, runs: null } as never,
    ])
    await expect(bad).rejects.toThrow()
    const good = await pool.render(article(10) as never, settings, new Map(), [])
    expect(good.pdf.subarray(0, 5).toString()).toBe('%PDF-')
  }, 120_000)
})
