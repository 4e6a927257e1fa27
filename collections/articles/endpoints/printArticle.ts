import type { Endpoint } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { answeringClientErrors } from '../../../src/print/clientError.js'
import { loadPrintableArticle } from '../../../src/print/loadPrintableArticle.js'
import {
  PRINT_CONTENT_SECURITY_POLICY,
  printLinkContext,
  printLocale,
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
        locale: printLocale(req),
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
