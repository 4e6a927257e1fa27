import type { Endpoint } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { emailArticleEndpoint } from './emailArticle.js'
import { printArticleEndpoint } from './printArticle.js'
import { printArticlePdfEndpoint } from './printArticlePdf.js'

/** The articles collection's print, PDF and email endpoints, each only when its option is on. */
export const printEndpoints = (options: ResolvedNewsroomOptions): Endpoint[] => [
  ...(options.print.print ? [printArticleEndpoint(options)] : []),
  ...(options.print.pdf ? [printArticlePdfEndpoint(options)] : []),
  ...(options.print.email ? [emailArticleEndpoint(options)] : []),
]
