import type { PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'
import type { PrintLinkContext } from './printHTMLConverters.js'

import { articleUrl } from '../utilities/articleUrl.js'

/** How links inside an article resolve on paper: other articles to their public URL, the rest to the site. */
export const printLinkContext = (options: ResolvedNewsroomOptions): PrintLinkContext => ({
  articleHref: (slug) => articleUrl(options, slug),
  articlesSlug: options.slugs.articles,
  fallbackHref: options.siteUrl || '/',
})

/** Language for dates and `lang`: the request's (Payload i18n from Accept-Language), English otherwise. */
/**
 * The edition a print, PDF or email is made of, with the host's localization: `?locale=` when it names a
 * locale, else the default (`all` is no edition). Undefined without localization (reads as today).
 */
export const contentLocale = (req: PayloadRequest): string | undefined => {
  const localization = req.payload.config.localization
  if (!localization) return undefined
  return req.locale && req.locale !== 'all' && localization.localeCodes.includes(req.locale)
    ? req.locale
    : localization.defaultLocale
}

/** The document's language: the edition's locale, else the admin language the request asked for. */
export const printLocale = (req: PayloadRequest): string => contentLocale(req) ?? (req.i18n?.language || 'en')

/**
 * The document language of a printed article: the content locale it was read in (one of the host's locales,
 * with Payload localization), else `print.locale`, else the request's language (one Payload supports). Never the
 * raw `?locale=` of a host without localization: any string there would be a new document (and PDF cache entry).
 */
export const documentLocale = (req: PayloadRequest, options: ResolvedNewsroomOptions): string => {
  const localization = req.payload.config.localization
  const requested =
    localization && typeof req.locale === 'string' && localization.localeCodes.includes(req.locale) ? req.locale : null
  return requested || options.print.locale || printLocale(req)
}

/** Printed and exported copies depend on who asks (entitlement): never stored by shared caches, never indexed. */
export const PRIVATE_DOCUMENT_HEADERS = {
  'Cache-Control': 'private, no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex',
} as const

/** The print view runs no script and submits nothing; images, styles and fonts may come from anywhere. */
export const PRINT_CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src * data: blob:; style-src 'unsafe-inline' *; font-src * data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

/** `<slug>.pdf`, reduced to characters every browser and file system accepts. */
export const pdfFilename = (slug: string): string =>
  `${
    slug
      .replace(/[^\w.-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 100) || 'article'
  }.pdf`
