import type { Endpoint } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { printFontFaceCSS } from '../../../src/print/fonts/printFontFaces.js'
import { answeringClientErrors } from '../../../src/print/clientError.js'
import { loadPrintableArticle } from '../../../src/print/loadPrintableArticle.js'
import {
  documentLocale,
  PRINT_CONTENT_SECURITY_POLICY,
  printLinkContext,
  PRIVATE_DOCUMENT_HEADERS,
} from '../../../src/print/printContext.js'
import { renderPrintDocument } from '../../../src/print/renderPrintDocument.js'

/** `GET /api/{articles}/:id/print` (id or slug): the print-friendly HTML page, gated like every read. */
export const printArticleEndpoint = (options: ResolvedNewsroomOptions): Endpoint => ({
  handler: answeringClientErrors(async (req) => {
    const article = await loadPrintableArticle(req, options)
    const html = renderPrintDocument(
      article,
      {
        css: options.print.css,
        // Only when asked: the fonts of the PDF stack for the characters this article uses.
        fontFaceCSS: options.print.webFonts
          ? printFontFaceCSS(
              options.print.fonts,
              [article.title, article.excerpt, article.author, JSON.stringify(article.body)].join(' '),
            )
          : '',
        locale: documentLocale(req, options),
        publisherName: options.print.publisherName,
        subscribeUrl: options.premium.subscribeUrl,
      },
      printLinkContext(options),
    )
    return new Response(html, {
      headers: {
        ...PRIVATE_DOCUMENT_HEADERS,
        'Content-Security-Policy': PRINT_CONTENT_SECURITY_POLICY,
        'Content-Type': 'text/html; charset=utf-8',
      },
      status: 200,
    })
  }),
  method: 'get',
  path: '/:id/print',
})
