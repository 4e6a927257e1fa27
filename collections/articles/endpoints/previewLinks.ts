import type { CollectionSlug, Endpoint, PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { isEditor } from '../../../src/access/roles.js'
import { articleIdShape } from '../../../src/print/articleLookup.js'
import { previewKey, previewUrl, signPreviewToken, verifyPreviewToken } from '../../../src/preview/previewToken.js'

/** A preview answers to its holder only: never cached, never indexed, never sent on as a Referer. */
const PREVIEW_HEADERS = {
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex',
} as const

const answer = (body: unknown, status: number) => Response.json(body, { headers: PREVIEW_HEADERS, status })
const refuse = (message: string, status: number) => answer({ errors: [{ message }] }, status)

/** What a preview shows: the reader page's fields, nothing editors-only (no comments, no versions). */
const PREVIEW_SELECT = {
  author: true,
  categories: true,
  content: true,
  excerpt: true,
  heroImage: true,
  locked: true,
  premium: true,
  publishedAt: true,
  slug: true,
  teaser: true,
  title: true,
  updatedAt: true,
  visibility: true,
} as const

const ID_SHAPES = { number: /^[1-9]\d{0,15}$/, objectId: /^[\da-f]{24}$/i } as const
const readId = (req: PayloadRequest, collection: string): null | string => {
  const id = req.routeParams?.id
  if (typeof id !== 'string') return null
  const shape = articleIdShape(req.payload, collection)
  const pattern = shape === 'number' || shape === 'objectId' ? ID_SHAPES[shape] : /^[A-Za-z0-9_-]{1,64}$/
  return pattern.test(id) ? id : null
}

/** The latest draft of one article, as trusted server code reads it (the token is the permission). */
const latestDraft = async (req: PayloadRequest, collection: string, id: string) => {
  const { docs } = await req.payload.find({
    collection: collection as CollectionSlug,
    depth: 0,
    draft: true,
    joins: false,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    select: PREVIEW_SELECT as never,
    where: { id: { equals: id } },
  })
  return (docs[0] as Record<string, unknown> | undefined) ?? null
}

/** A signed link to the reader site's preview of one article's draft, valid `preview.linkSeconds`. */
export const createPreviewToken = (
  secret: string,
  options: ResolvedNewsroomOptions,
  articleId: string,
  now = new Date(),
  { stableForSeconds = 0 }: { stableForSeconds?: number } = {},
) => {
  // `stableForSeconds`: the expiry is rounded up to that step, so links made meanwhile are the same link (the
  // admin's live preview frame keeps its URL, and the reader's chosen view, across saves).
  const step = Math.max(1, stableForSeconds) * 1000
  const expiresAt = new Date(Math.ceil((now.getTime() + options.preview.linkSeconds * 1000) / step) * step)
  const token = signPreviewToken(previewKey(secret), { articleId, expiresAt })
  return { expiresAt: expiresAt.toISOString(), token, url: previewUrl(options.siteUrl, options.preview.path, token) }
}

/** `POST /api/{articles}/:id/preview-link`: editors only (403 otherwise); 404 when there is no such article. */
export const createPreviewLinkEndpoint = (options: ResolvedNewsroomOptions): Endpoint => ({
  handler: async (req) => {
    if (!isEditor(req)) return refuse('Only editors can create preview links.', 403)
    const collection = options.slugs.articles
    const id = readId(req, collection)
    if (!id) return refuse('The article must be given by its id.', 400)
    if (!(await latestDraft(req, collection, id))) return refuse('Not Found', 404)
    return answer(createPreviewToken(req.payload.secret, options, id), 201)
  },
  method: 'post',
  path: '/:id/preview-link',
})

/**
 * `GET /api/{articles}/preview?token=…&view=subscriber|public`: the reader site's server fetches the draft
 * the token names. The token grants that one article's latest draft, until it expires, and nothing else:
 * another id, a changed expiry or signature is 403, as is an expired link; `view=public` answers what a
 * non-subscriber will see (a premium body withheld, `locked: true`).
 */
export const readPreviewEndpoint = (options: ResolvedNewsroomOptions): Endpoint => ({
  handler: async (req) => {
    const token = req.searchParams.get('token')
    const view = req.searchParams.get('view') ?? 'subscriber'
    if (!token) return refuse('A preview token is required.', 400)
    if (view !== 'subscriber' && view !== 'public') return refuse('view must be "subscriber" or "public".', 400)
    const check = verifyPreviewToken(previewKey(req.payload.secret), token, new Date())
    if (!check.ok) {
      if (check.reason === 'malformed') return refuse('The preview token is malformed.', 400)
      return refuse(
        check.reason === 'expired' ? 'This preview link has expired.' : 'This preview link is not valid.',
        403,
      )
    }
    const doc = await latestDraft(req, options.slugs.articles, check.grant.articleId)
    if (!doc) return refuse('Not Found', 404)
    const locked = view === 'public' && doc.premium === true
    const article = { ...doc, content: locked ? null : doc.content, locked }
    return answer({ article, expiresAt: check.grant.expiresAt.toISOString(), view }, 200)
  },
  method: 'get',
  path: '/preview',
})

export const previewEndpoints = (options: ResolvedNewsroomOptions): Endpoint[] => [
  readPreviewEndpoint(options),
  createPreviewLinkEndpoint(options),
]
