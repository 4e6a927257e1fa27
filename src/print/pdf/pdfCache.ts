import type { Payload } from 'payload'

import { createHash } from 'node:crypto'

import type { ResolvedNewsroomOptions } from '../../types.js'
import type { PrintableArticle } from '../printableArticle.js'
import type { PdfBlock } from './lexicalToPdfBlocks.js'
import type { PdfSettings, RenderedPdf } from './renderArticlePdf.js'

import { perInstance } from '../../utilities/perInstance.js'
import { fontStackFingerprint } from '../fonts/fontFaces.js'

/** Raised whenever the layout changes, so a PDF drawn by an older renderer is never served again. */
export const PDF_RENDERER_VERSION = 'pdf-3'

/** Everything a PDF is drawn from: the same input always draws the same document. */
export type PdfInput = {
  article: PrintableArticle
  blocks: PdfBlock[]
  images: Map<string, Uint8Array>
  settings: PdfSettings
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

/**
 * The cache key of a PDF: a hash of everything it is drawn from (the already-gated article and blocks, each
 * image's bytes, the settings and fonts — `fontsInstalled`: fontStackFingerprint —, the renderer's version). Content-addressed, so it cannot leak: a
 * requester only ever reaches the PDF of exactly what they were allowed to read, and any change of the
 * article, an image or the settings is a new key (nothing to invalidate for correctness).
 */
export const pdfCacheKey = ({ article, blocks, images, settings }: PdfInput, fontsInstalled = ''): string =>
  sha256(
    JSON.stringify([
      PDF_RENDERER_VERSION,
      fontsInstalled,
      article,
      blocks,
      settings,
      [...images].map(([ref, bytes]) => [ref, sha256(bytes)]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0)),
    ]),
  )

/**
 * Where an entry lives: one per article × audience (teaser or full) × document language, so a changed article
 * replaces its PDF instead of piling up old ones.
 */
export const pdfCacheSlot = (article: PrintableArticle, locale: string): string =>
  `${article.id}|${article.locked ? 'teaser' : 'full'}|${locale}`

type CacheDoc = { key?: unknown; missing?: unknown; pdf?: unknown }

/** Identical renders asked for at once in this instance share one (e.g. a hot article's PDF on a cold cache). */
const inFlightOf = perInstance(() => new Map<string, Promise<RenderedPdf>>())

/** Entries not drawn again for this long are dropped (bounds what a deleted article or a rare slot leaves). */
export const PDF_CACHE_MAX_AGE_MS = 30 * 24 * 3600 * 1000

export type CachedPdf = RenderedPdf & { cache: 'hit' | 'miss' | 'off' }

const isDuplicateKey = (error: unknown) =>
  Boolean(error && typeof error === 'object' && (error as { code?: unknown }).code === 11000)

/**
 * The PDF of `input`: from the database when an instance already drew it, otherwise drawn by `render` and
 * stored (base64 text, at most `print.pdfCache.maxBytes`). A failing lookup or store is logged and only costs
 * the render; two instances storing the same slot at once both store a valid PDF (last write wins).
 */
export const cachedPdf = async (
  payload: Payload,
  options: ResolvedNewsroomOptions,
  input: PdfInput,
  locale: string,
  render: () => Promise<RenderedPdf>,
): Promise<CachedPdf> => {
  const settings = options.print.pdfCache
  if (!settings) return { ...(await render()), cache: 'off' }
  const collection = options.slugs.pdfCache
  const key = pdfCacheKey(input, input.settings.fonts ? fontStackFingerprint(input.settings.fonts) : '')
  try {
    const found = (await payload.db.findOne({
      collection,
      req: undefined,
      where: { key: { equals: key } },
    })) as CacheDoc | null
    if (found && typeof found.pdf === 'string') {
      const missing = Array.isArray(found.missing) ? found.missing.filter((n): n is number => Number.isInteger(n)) : []
      return { cache: 'hit', missing, pdf: Buffer.from(found.pdf, 'base64') }
    }
  } catch (error) {
    payload.logger.warn({ err: error, msg: 'PDF cache: lookup failed; rendering' })
  }
  const inFlight = inFlightOf(payload)
  let rendering = inFlight.get(key)
  if (!rendering) {
    rendering = render().then(async (rendered) => {
      if (rendered.pdf.byteLength <= settings.maxBytes) await store(payload, options, key, input, locale, rendered)
      return rendered
    })
    inFlight.set(key, rendering)
    const forget = () => inFlight.delete(key)
    rendering.then(forget, forget)
  }
  return { ...(await rendering), cache: 'miss' }
}

const isPublished = (status: unknown): boolean =>
  // No `_status` at all: a host that turned drafts off, where every stored article is the published one.
  status === undefined ||
  status === null ||
  status === 'published' ||
  // Payload's per-locale publication keeps one status per locale.
  Boolean(status && typeof status === 'object' && Object.values(status).includes('published'))

/** The article's stored state now (published or not), or null when it is gone. */
const currentArticle = async (payload: Payload, options: ResolvedNewsroomOptions, id: string) =>
  (await payload.db.findOne({
    collection: options.slugs.articles,
    req: undefined,
    select: { _status: true, updatedAt: true },
    where: { id: { equals: id } },
  })) as { _status?: unknown; updatedAt?: unknown } | null

const store = async (
  payload: Payload,
  options: ResolvedNewsroomOptions,
  key: string,
  input: PdfInput,
  locale: string,
  rendered: RenderedPdf,
) => {
  const collection = options.slugs.pdfCache
  const article = String(input.article.id)
  const slot = pdfCacheSlot(input.article, locale)
  const now = new Date()
  try {
    await payload.db.upsert({
      collection,
      data: {
        article,
        bytes: rendered.pdf.byteLength,
        key,
        missing: rendered.missing,
        pdf: rendered.pdf.toString('base64'),
        slot,
        storedAt: now.toISOString(),
      },
      req: undefined,
      where: { slot: { equals: slot } },
    })
    // Unpublished or deleted while it was being drawn (its hook already ran): no copy of it may stay.
    const current = await currentArticle(payload, options, article)
    if (!current || !isPublished(current._status)) {
      await payload.db.deleteMany({ collection, req: undefined, where: { key: { equals: key } } })
    }
  } catch (error) {
    // Another instance stored this slot at the same moment: its PDF is as good as ours.
    if (isDuplicateKey(error)) return
    payload.logger.warn({ err: error, msg: 'PDF cache: store failed (the PDF was served, not kept)' })
  }
}

/**
 * Entries not drawn again within PDF_CACHE_MAX_AGE_MS, deleted (the reconcile job runs this): what a slot no
 * longer asked for leaves, or an orphan an instance with a fast clock stored. Returns how many went.
 */
export const expireOldPdfs = async (payload: Payload, options: ResolvedNewsroomOptions, now: Date): Promise<number> => {
  if (!options.print.pdfCache) return 0
  const where = { storedAt: { less_than: new Date(now.getTime() - PDF_CACHE_MAX_AGE_MS).toISOString() } }
  const { totalDocs } = await payload.db.count({ collection: options.slugs.pdfCache, req: undefined, where })
  if (totalDocs > 0) await payload.db.deleteMany({ collection: options.slugs.pdfCache, req: undefined, where })
  return totalDocs
}

/**
 * After an article was saved or deleted: drops its PDFs stored before the published document last changed, or
 * all of them when it is no longer published or gone, so an unpublished or retracted text leaves no copy. A
 * draft saved over the published article leaves the published document, and so its PDFs, as they are.
 */
export const forgetArticlePdfs = async (payload: Payload, options: ResolvedNewsroomOptions, articleId: unknown) => {
  if (!options.print.pdfCache || articleId === null || articleId === undefined) return
  const article = String(articleId)
  try {
    const current = await currentArticle(payload, options, article)
    const changedAt = typeof current?.updatedAt === 'string' ? current.updatedAt : null
    const all = !current || !isPublished(current._status) || !changedAt
    await payload.db.deleteMany({
      collection: options.slugs.pdfCache,
      req: undefined,
      where: all
        ? { article: { equals: article } }
        : { and: [{ article: { equals: article } }, { storedAt: { less_than: changedAt } }] },
    })
  } catch (error) {
    payload.logger.error({ article, err: error, msg: 'PDF cache: could not drop the PDFs' })
  }
}
