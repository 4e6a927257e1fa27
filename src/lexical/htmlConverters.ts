import type { HTMLConverters } from '@payloadcms/richtext-lexical/html'

import { defaultHTMLConverters } from '@payloadcms/richtext-lexical/html'

import { PAYWALL_BREAK_BLOCK } from '../utilities/extractTeaser.js'
import { VIDEO_EMBED_BLOCK } from './videoEmbedBlock.js'
import { escapeHTML } from '../utilities/escapeHTML.js'
import { safeUrl } from '../utilities/safeUrl.js'

/** The fields of a (populated, already gated) video the HTML output uses. */
export type VideoForHTML = {
  embedUrl?: null | string
  locked?: boolean | null
  provider?: null | string
  thumbnailUrl?: null | string
  title?: null | string
  url?: null | string
}

export type VideoEmbedHTMLOptions = {
  /** Prefix for root-relative URLs (uploads are served from `/api/...`), e.g. the site's server URL. */
  baseUrl?: string
  /** Shown under the video (the block's caption). */
  caption?: null | string
  /** Where a locked video links to instead of its player, e.g. the article or video page. */
  lockedHref?: null | string
}

// One escaping function for every HTML the plugin writes.
export { escapeHTML }

const isVideo = (value: unknown): value is VideoForHTML =>
  Boolean(value && typeof value === 'object' && typeof (value as VideoForHTML).title === 'string')

/**
 * A video as a link with its poster. A locked video links to `lockedHref` (never to its player)
 * and is marked for subscribers; an id or null (not populated, or not readable by this requester)
 * renders nothing. Every text and URL is escaped.
 */
export const videoEmbedToHTML = (video: unknown, options: VideoEmbedHTMLOptions = {}): string => {
  if (!isVideo(video)) return ''
  const { baseUrl, caption, lockedHref } = options
  const locked = video.locked === true
  const href = locked ? safeUrl(lockedHref, baseUrl) : safeUrl(video.embedUrl ?? video.url, baseUrl)
  const poster = safeUrl(video.thumbnailUrl, baseUrl)
  const title = escapeHTML(video.title)
  const inner = [
    poster ? `<img src="${escapeHTML(poster)}" alt="${title}" loading="lazy">` : '',
    `<span class="newsroom-video__title">${title}</span>`,
    locked ? '<span class="newsroom-video__locked">Subscribers only</span>' : '',
  ].join('')
  const body = href ? `<a href="${escapeHTML(href)}" rel="noopener noreferrer">${inner}</a>` : inner
  const provider = video.provider ? ` data-provider="${escapeHTML(video.provider)}"` : ''
  const figcaption = caption ? `<figcaption>${escapeHTML(caption)}</figcaption>` : ''
  return `<figure class="newsroom-video${locked ? ' newsroom-video--locked' : ''}"${provider}>${body}${figcaption}</figure>`
}

/** Payload's default HTML converters plus ours: videos as links with posters, paywall breaks as nothing. */
export const createNewsroomHTMLConverters = (options: Omit<VideoEmbedHTMLOptions, 'caption'> = {}): HTMLConverters => ({
  ...defaultHTMLConverters,
  blocks: {
    ...(defaultHTMLConverters.blocks as Record<string, never> | undefined),
    // A function returning '' (a bare '' would count as "no converter" and print "unknown node").
    [PAYWALL_BREAK_BLOCK]: () => '',
    [VIDEO_EMBED_BLOCK]: ({ node }) => {
      const fields = node.fields as { caption?: null | string; video?: unknown }
      return videoEmbedToHTML(fields.video, { ...options, caption: fields.caption })
    },
  },
})

/** Ready to pass as `convertLexicalToHTML({ converters: newsroomHTMLConverters, data })`. */
export const newsroomHTMLConverters: HTMLConverters = createNewsroomHTMLConverters()
