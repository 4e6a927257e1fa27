import type { ResolvedNewsroomOptions } from '../types.js'

import { articleUrl } from '../utilities/articleUrl.js'
import { type LexicalState, stripPaywallBreaks } from '../utilities/extractTeaser.js'

/** An image as print and PDF need it (from a populated upload document). */
export type PrintableImage = {
  alt: string
  /** Upload collection the file belongs to (lets the PDF read it from disk). */
  collection: null | string
  filename: null | string
  height: null | number
  mimeType: null | string
  /** Smaller renditions (Payload image sizes), when the collection defines them. */
  sizes: { filename: string; url: null | string; width: number }[]
  url: string
  width: null | number
}

/** Everything the print view, the PDF and the email show of one article, already gated. */
export type PrintableArticle = {
  author: null | string
  /** What this requester may read: the teaser when locked, the full body otherwise (paywall breaks removed). */
  body: LexicalState | null
  canonicalUrl: string
  excerpt: null | string
  heroImage: null | PrintableImage
  id: string
  locked: boolean
  publishedAt: null | string
  slug: string
  /** The free part (first blocks or up to the paywall break), never more. */
  teaser: LexicalState | null
  title: string
}

type ArticleDoc = {
  [key: string]: unknown
  author?: null | string
  content?: unknown
  excerpt?: null | string
  heroImage?: unknown
  id: number | string
  locked?: boolean | null
  premium?: boolean | null
  publishedAt?: null | string
  slug?: null | string
  teaser?: unknown
  title?: null | string
}

const asLexical = (value: unknown): LexicalState | null =>
  value && typeof value === 'object' && Array.isArray((value as LexicalState).root?.children)
    ? (value as LexicalState)
    : null

const asText = (value: unknown): null | string => (typeof value === 'string' && value.trim() ? value : null)

const asNumber = (value: unknown): null | number => (typeof value === 'number' && Number.isFinite(value) ? value : null)

/** A populated upload document as a printable image; `null` for anything that is not a readable image. */
export const toPrintableImage = (
  value: unknown,
  collection: null | string,
  alt?: null | string,
): null | PrintableImage => {
  if (!value || typeof value !== 'object') return null
  const doc = value as Record<string, unknown>
  const url = asText(doc.url)
  const mimeType = asText(doc.mimeType)
  if (!url || (mimeType && !mimeType.startsWith('image/'))) return null
  const sizes = Object.values((doc.sizes as Record<string, Record<string, unknown>> | undefined) ?? {})
    .map((size) => ({ filename: asText(size?.filename), url: asText(size?.url), width: asNumber(size?.width) }))
    .filter((size): size is PrintableImage['sizes'][number] => Boolean(size.filename && size.width))
  return {
    alt: asText(alt) ?? asText(doc.alt) ?? '',
    collection,
    filename: asText(doc.filename),
    height: asNumber(doc.height),
    mimeType,
    sizes,
    url,
    width: asNumber(doc.width),
  }
}

/**
 * Builds the printable view of an article read through the premium gate.
 * A locked article (or a premium one whose content was withheld) yields only its teaser.
 */
export const toPrintableArticle = (doc: ArticleDoc, options: ResolvedNewsroomOptions): PrintableArticle => {
  const content = asLexical(doc.content)
  const teaser = asLexical(doc.teaser)
  // Defence in depth: never fall back to content when the gate says locked or withheld it.
  const locked = doc.locked === true || (doc.premium === true && !content)
  const slug = asText(doc.slug) ?? String(doc.id)
  return {
    author: asText(doc.author),
    body: locked ? teaser : stripPaywallBreaks(content),
    canonicalUrl: articleUrl(options, slug),
    excerpt: asText(doc.excerpt),
    heroImage: toPrintableImage(doc.heroImage, options.slugs.media || null),
    id: String(doc.id),
    locked,
    publishedAt: asText(doc.publishedAt),
    slug,
    teaser,
    title: asText(doc.title) ?? 'Untitled',
  }
}
