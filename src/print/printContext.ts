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
export const printLocale = (req: PayloadRequest): string => req.i18n?.language || 'en'

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
