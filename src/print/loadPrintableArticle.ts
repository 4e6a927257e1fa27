import type { CollectionSlug, PayloadRequest } from 'payload'

import { NotFound } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { articleIdShape, articleLookupWhere } from './articleLookup.js'
import { PrintClientError } from './clientError.js'
import { populateBodyRelations } from './populateBodyRelations.js'
import { contentLocale } from './printContext.js'
import { type PrintableArticle, toPrintableArticle } from './printableArticle.js'

/**
 * Reads the article named by the route's `:id` (an id or a slug) as this requester may see it:
 * through the Local API with the requester's access (published only for the public, gated premium body).
 * 400 when the parameter is neither an id nor a slug, 404 when nothing readable matches.
 * `withBody: false` skips rendering work for callers that only need the title, teaser and link.
 */
export const loadPrintableArticle = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  { withBody = true }: { withBody?: boolean } = {},
): Promise<PrintableArticle> => {
  const collection = options.slugs.articles as CollectionSlug
  const param = req.routeParams?.id
  const where = typeof param === 'string' ? articleLookupWhere(param, articleIdShape(req.payload, collection)) : null
  if (!where) throw new PrintClientError('The article must be given by its id or its slug.', 400)

  const { docs } = await req.payload.find({
    collection,
    depth: 1,
    draft: false,
    joins: false,
    limit: 1,
    // One edition (the requested locale, or the default for `all`): a print is never of every locale at once.
    ...(contentLocale(req) ? { locale: contentLocale(req) as never } : {}),
    overrideAccess: false,
    pagination: false,
    req,
    select: {
      author: true,
      content: true,
      excerpt: true,
      heroImage: true,
      locked: true,
      premium: true,
      publishedAt: true,
      slug: true,
      teaser: true,
      title: true,
    } as never,
    where,
  })
  const doc = docs[0]
  if (!doc) throw new NotFound(req.t)

  const article = toPrintableArticle(doc as Parameters<typeof toPrintableArticle>[0], options)
  if (!withBody) return { ...article, body: null }
  return { ...article, body: await populateBodyRelations(article.body, { req, videosSlug: options.slugs.videos }) }
}
