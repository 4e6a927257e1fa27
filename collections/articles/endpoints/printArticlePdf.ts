import type { Endpoint } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { answeringClientErrors } from '../../../src/print/clientError.js'
import { loadPrintableArticle } from '../../../src/print/loadPrintableArticle.js'
import { loadPdfImages } from '../../../src/print/pdf/loadPdfImages.js'
import { lexicalToPdfBlocks } from '../../../src/print/pdf/lexicalToPdfBlocks.js'
import { pdfImagesOf, renderArticlePdf } from '../../../src/print/pdf/renderArticlePdf.js'
import {
  pdfFilename,
  printLinkContext,
  printLocale,
  PRIVATE_DOCUMENT_HEADERS,
} from '../../../src/print/printContext.js'

/**
 * `GET /api/{articles}/:id/pdf` (id or slug): the article as a PDF download, made in-process with pdfkit.
 * Gated like every read: a locked article exports its teaser and a subscribe notice only.
 */
export const printArticlePdfEndpoint = (options: ResolvedNewsroomOptions): Endpoint => ({
  handler: answeringClientErrors(async (req) => {
    const article = await loadPrintableArticle(req, options)
    const links = printLinkContext(options)
    const blocks = lexicalToPdfBlocks(article.body, links)
    const images = await loadPdfImages(req.payload, pdfImagesOf(article, blocks))
    const pdf = await renderArticlePdf(
      article,
      {
        locale: printLocale(req),
        publisherName: options.print.publisherName,
        subscribeUrl: options.premium.subscribeUrl,
      },
      links,
      images,
      blocks,
    )
    const filename = pdfFilename(article.slug)
    return new Response(new Uint8Array(pdf), {
      headers: {
        ...PRIVATE_DOCUMENT_HEADERS,
        'Content-Disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        'Content-Length': String(pdf.byteLength),
        'Content-Type': 'application/pdf',
      },
      status: 200,
    })
  }),
  method: 'get',
  path: '/:id/pdf',
})
