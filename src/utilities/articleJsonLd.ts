import type { NewsArticle, VideoObject, WebPageElement, WithContext } from 'schema-dts'

import { effectiveVisibility, type GatedFacts } from './accessDecision.js'
import { fillArticlePath } from './articleUrl.js'

/** The class the reader page puts on the gated section; `hasPart.cssSelector` names it. */
export const GATED_SECTION_CLASS = 'newsroom-gated'

export type JsonLdOptions = {
  /** Path of an article on the site; every `{slug}` is replaced (default `/news/{slug}`). */
  articlePath?: string
  /** CSS selector of the gated section on the page (default `.newsroom-gated`). */
  gatedSelector?: string
  publisherName?: string
  /** The site's origin, e.g. https://news.example.com. */
  siteUrl?: string
}

type MediaLike = { alt?: null | string; url?: null | string } | null | number | string | undefined

export type VideoForJsonLd = GatedFacts & {
  description?: null | string
  duration?: null | number
  embedUrl?: null | string
  publishedAt?: null | string
  thumbnailUrl?: null | string
  title?: null | string
}

export type ArticleForJsonLd = GatedFacts & {
  author?: null | string
  excerpt?: null | string
  heroImage?: MediaLike
  publishedAt?: null | string
  relatedVideos?: (number | string | VideoForJsonLd)[] | null
  slug?: null | string
  title?: null | string
  updatedAt?: null | string
}

const absolute = (siteUrl: string, url: string): string =>
  /^https?:\/\//i.test(url) ? url : `${siteUrl.replace(/\/$/, '')}${url.startsWith('/') ? '' : '/'}${url}`

/** Seconds as an ISO 8601 duration (`PT1H2M3S`), or undefined for nothing usable. */
export const isoDuration = (seconds: null | number | undefined): string | undefined => {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined
  const total = Math.round(seconds)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`
}

/**
 * schema.org `VideoObject` for a video: the playable `embedUrl` only when the video is public (a gated video's
 * player URL is the gated content itself).
 */
export const videoJsonLd = (video: VideoForJsonLd): VideoObject => {
  const isPublic = effectiveVisibility(video) === 'public'
  return {
    '@type': 'VideoObject',
    name: video.title ?? '',
    ...(video.description ? { description: video.description } : {}),
    ...(video.thumbnailUrl ? { thumbnailUrl: video.thumbnailUrl } : {}),
    ...(video.publishedAt ? { uploadDate: video.publishedAt } : {}),
    ...(isoDuration(video.duration) ? { duration: isoDuration(video.duration) } : {}),
    ...(isPublic && video.embedUrl ? { embedUrl: video.embedUrl } : {}),
    isAccessibleForFree: isPublic,
  }
}

/**
 * schema.org `NewsArticle` for an article page, as Google asks of paywalled content: `isAccessibleForFree`
 * and, when gated (any visibility but public), `hasPart` — a `WebPageElement` not accessible for free whose
 * `cssSelector` is the gated section the page marks. Pure: no request, no database.
 */
export const articleJsonLd = (article: ArticleForJsonLd, options: JsonLdOptions = {}): WithContext<NewsArticle> => {
  const siteUrl = options.siteUrl ?? ''
  const path = fillArticlePath(options.articlePath ?? '/news/{slug}', article.slug ?? '')
  const url = siteUrl ? absolute(siteUrl, path) : path
  // Unknown visibility is read as gated, as the gate itself does.
  const free = effectiveVisibility(article) === 'public'
  const hero = article.heroImage && typeof article.heroImage === 'object' ? article.heroImage.url : null
  const videos = (article.relatedVideos ?? []).filter((v): v is VideoForJsonLd => Boolean(v) && typeof v === 'object')
  const gatedPart: WebPageElement = {
    '@type': 'WebPageElement',
    cssSelector: options.gatedSelector ?? `.${GATED_SECTION_CLASS}`,
    isAccessibleForFree: false,
  }
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title ?? '',
    ...(article.excerpt ? { description: article.excerpt } : {}),
    ...(article.publishedAt ? { datePublished: article.publishedAt } : {}),
    ...(article.updatedAt ? { dateModified: article.updatedAt } : {}),
    ...(article.author ? { author: { '@type': 'Person', name: article.author } } : {}),
    ...(options.publisherName ? { publisher: { '@type': 'Organization', name: options.publisherName } } : {}),
    ...(hero ? { image: siteUrl ? absolute(siteUrl, hero) : hero } : {}),
    mainEntityOfPage: url,
    url,
    isAccessibleForFree: free,
    ...(free ? {} : { hasPart: gatedPart }),
    ...(videos.length ? { video: videos.map(videoJsonLd) } : {}),
  }
}
