import type { Endpoint } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { answeringClientErrors } from '../../../src/print/clientError.js'
import { loadPrintableArticle } from '../../../src/print/loadPrintableArticle.js'
import { loadPdfImages } from '../../../src/print/pdf/loadPdfImages.js'
import { type CachedPdf, cachedPdf } from '../../../src/print/pdf/pdfCache.js'
import { lexicalToPdfBlocks } from '../../../src/print/pdf/lexicalToPdfBlocks.js'
import { PdfQueueFullError, PdfRenderTimeoutError, renderPdfOffThread } from '../../../src/print/pdf/pdfWorkerPool.js'
import { pdfImagesOf } from '../../../src/print/pdf/renderArticlePdf.js'
import {
  documentLocale,
  pdfFilename,
  printLinkContext,
  PRIVATE_DOCUMENT_HEADERS,
} from '../../../src/print/printContext.js'

/**
 * `GET /api/{articles}/:id/pdf` (id or slug): the article as a PDF download, drawn by pdfkit on the worker pool
 * and kept in the PDF cache (src/print/pdf/pdfCache.ts). Gated like every read: a locked article exports its
 * teaser and a subscribe notice only, and the cache is keyed by that already-gated content.
 */
export const printArticlePdfEndpoint = (options: ResolvedNewsroomOptions): Endpoint => ({
  handler: answeringClientErrors(async (req) => {
    const article = await loadPrintableArticle(req, options)
    const links = printLinkContext(options)
    const blocks = lexicalToPdfBlocks(article.body, links)
    const images = await loadPdfImages(req.payload, pdfImagesOf(article, blocks))
    const locale = documentLocale(req, options)
    const settings = {
      fonts: options.print.fonts,
      hyphenate: options.print.hyphenate,
      locale,
      publisherName: options.print.publisherName,
      subscribeUrl: options.premium.subscribeUrl,
    }
    let rendered: CachedPdf
    try {
      rendered = await cachedPdf(req.payload, options, { article, blocks, images, settings }, locale, () =>
        renderPdfOffThread(options.print.pdfWorkers, article, settings, images, blocks),
      )
    } catch (error) {
      if (error instanceof PdfQueueFullError) {
        // Every worker busy and the queue full: said at once, not after minutes in a queue (a flood of cold PDFs).
        req.payload.logger.warn({ article: article.id, msg: `PDF: ${error.message} Answered 503.` })
        return Response.json(
          { errors: [{ message: 'Too many PDFs are being made right now. Please try again in a moment.' }] },
          { headers: { 'Cache-Control': 'no-store', 'Retry-After': '10' }, status: 503 },
        )
      }
      if (!(error instanceof PdfRenderTimeoutError)) throw error
      // The worker was stopped and replaced; the reader may try again, the operator learns which article.
      req.payload.logger.error({ article: article.id, msg: `PDF: ${error.message}` })
      return Response.json(
        { errors: [{ message: 'The PDF could not be made in time. Please try again later.' }] },
        { headers: { 'Cache-Control': 'no-store', 'Retry-After': '60' }, status: 503 },
      )
    }
    const { missing, pdf } = rendered
    // Characters no font of the stack has print as a placeholder: said once per PDF drawn, so the stack can be extended.
    if (missing.length && rendered.cache !== 'hit')
      req.payload.logger.warn({
        article: article.id,
        codePoints: missing.map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`),
        msg: 'PDF: characters no print font has (printed as a placeholder; see README: Print fonts)',
      })
    const filename = pdfFilename(article.slug)
    return new Response(new Uint8Array(pdf), {
      headers: {
        ...PRIVATE_DOCUMENT_HEADERS,
        'Content-Disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        'Content-Length': String(pdf.byteLength),
        'Content-Type': 'application/pdf',
        // hit: drawn before (by any instance) from exactly this input; miss: drawn now; off: `print.pdfCache: false`.
        'X-Newsroom-Pdf-Cache': rendered.cache,
      },
      status: 200,
    })
  }),
  method: 'get',
  path: '/:id/pdf',
})
