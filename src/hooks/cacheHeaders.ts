import type { CollectionConfig, GlobalConfig, PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

/** The request headers that say who is asking: a cache must keep one copy per value (or none). */
export const VARY_ON_CREDENTIALS = 'Authorization, Cookie'
/** For a body meant for one requester: no shared cache may store it, and the browser need not either. */
export const PRIVATE_NO_STORE = 'private, no-store'

// Operations whose response is about the requester's own session, whoever asks (a login answers with the account).
const SESSION_OPERATIONS = new Set(['forgotPassword', 'login', 'logout', 'me', 'refresh', 'resetPassword', 'unlock'])

/**
 * The cache headers of a response whose body may depend on who asks: always `Vary` on the credentials;
 * `private, no-store` for a logged-in requester or a session route; `public, s-maxage` only for an anonymous
 * read the publisher opted into (`publicMaxAge` > 0); otherwise no `Cache-Control` of ours.
 */
export const cacheHeadersFor = ({
  authenticated,
  publicMaxAge,
  publicRead,
  session,
}: {
  authenticated: boolean
  publicMaxAge: number
  publicRead: boolean
  session: boolean
}): { cacheControl: null | string; vary: string } => ({
  cacheControl:
    authenticated || session
      ? PRIVATE_NO_STORE
      : publicRead && publicMaxAge > 0
        ? `public, max-age=0, s-maxage=${publicMaxAge}`
        : null,
  vary: VARY_ON_CREDENTIALS,
})

/** Headers Payload merges into the response of this request (REST, GraphQL, custom endpoints, errors). */
const responseHeadersOf = (req: PayloadRequest): Headers => {
  req.responseHeaders ??= new Headers()
  return req.responseHeaders
}

/**
 * Our print and PDF endpoints answer `private, no-store` for everyone themselves (src/print/printContext.ts);
 * Payload appends these headers to theirs, so a second `Cache-Control` would only repeat it.
 */
const answersOwnCacheControl = (req: PayloadRequest, articlesSlug: string): boolean => {
  const base = `${req.payload.config.routes.api}/${articlesSlug}/`
  return Boolean(req.pathname?.startsWith(base) && /^[^/]+\/(pdf|print)\/?$/.test(req.pathname.slice(base.length)))
}

const apply = (req: PayloadRequest, headers: ReturnType<typeof cacheHeadersFor>, articlesSlug: string) => {
  const out = responseHeadersOf(req)
  out.set('Vary', headers.vary)
  if (answersOwnCacheControl(req, articlesSlug)) return
  // Private is final for the request: a later public read inside it (population) never loosens it.
  if (headers.cacheControl && out.get('Cache-Control') !== PRIVATE_NO_STORE)
    out.set('Cache-Control', headers.cacheControl)
}

/**
 * Whether `req` is the plain REST read of `slug` (`GET /api/<slug>` or `/api/<slug>/<id>`, no drafts): the only
 * responses that may be public. Custom endpoints under the collection (print, PDF) and GraphQL are not.
 */
const isPlainPublishedRead = (req: PayloadRequest, slug: string): boolean => {
  if (req.payloadAPI !== 'REST' || req.method !== 'GET' || !req.pathname) return false
  const base = `${req.payload.config.routes.api}/${slug}`
  const rest = req.pathname.startsWith(base) ? req.pathname.slice(base.length) : null
  if (rest === null || !/^(\/[^/]+)?\/?$/.test(rest) || /^\/(count|versions)\/?$/.test(rest)) return false
  // `?data=` makes Payload answer with the client's own document instead of the stored one: never cache that.
  if (req.query?.data !== undefined) return false
  const draft = req.query?.draft
  return draft === undefined || draft === false || draft === 'false'
}

/**
 * Cache headers for every response of a collection whose body depends on who asks (issue #11 finding 6):
 * without them a CDN caching `/api` could hand a subscriber's article to anonymous readers.
 * `publicSlugs` are the collections whose anonymous published reads may opt into public caching.
 */
export const withCacheHeaders = (
  collection: CollectionConfig,
  options: ResolvedNewsroomOptions,
  publicSlugs: ReadonlySet<string>,
): CollectionConfig => {
  const decide = (req: PayloadRequest, operation: string, succeeded: boolean) =>
    apply(
      req,
      cacheHeadersFor({
        authenticated: Boolean(req.user),
        // A host's `premium.hasAccess` may entitle an anonymous requester (an IP range, a header) that a cache keyed
        // on credentials cannot see: with one, nothing is public.
        publicMaxAge: options.premium.hasAccess ? 0 : options.cache.publicMaxAge,
        // Only once the read succeeded: a refused or missing document is never a public answer.
        publicRead: succeeded && publicSlugs.has(collection.slug) && isPlainPublishedRead(req, collection.slug),
        session: SESSION_OPERATIONS.has(operation),
      }),
      options.slugs.articles,
    )
  const hooks = collection.hooks ?? {}
  return {
    ...collection,
    hooks: {
      ...hooks,
      afterLogout: [...(hooks.afterLogout ?? []), ({ req }) => decide(req, 'logout', false)],
      afterMe: [...(hooks.afterMe ?? []), ({ req, response }) => (decide(req, 'me', false), response)],
      afterOperation: [
        ...(hooks.afterOperation ?? []),
        ({ operation, req, result }) => {
          if (operation === 'find' || operation === 'findByID') decide(req, operation, true)
          return result
        },
      ],
      beforeOperation: [
        ...(hooks.beforeOperation ?? []),
        ({ args, operation, req }) => (decide(req, operation, false), args),
      ],
    },
  }
}

/**
 * The same for a global of ours: the Discussion settings (key lists, editors' addresses) answer editors only,
 * so every response varies on the credentials and an editor's copy is private. Never public.
 */
export const withGlobalCacheHeaders = (global: GlobalConfig, options: ResolvedNewsroomOptions): GlobalConfig => {
  const hooks = global.hooks ?? {}
  return {
    ...global,
    hooks: {
      ...hooks,
      beforeOperation: [
        ...(hooks.beforeOperation ?? []),
        ({ args, req }) => {
          apply(
            req,
            cacheHeadersFor({ authenticated: Boolean(req.user), publicMaxAge: 0, publicRead: false, session: false }),
            options.slugs.articles,
          )
          return args
        },
      ],
    },
  }
}
