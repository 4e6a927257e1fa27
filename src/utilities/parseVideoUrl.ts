import type { FieldError } from './fieldError.js'

/** Where a video plays from. `upload` is a file in the host's upload (media) collection. */
export type VideoProvider = 'file' | 'upload' | 'vimeo' | 'youtube'

/** What the videos collection stores about a video's source, computed from its `url` or `file`. */
export type VideoSource = {
  /** Privacy-friendly player (YouTube nocookie, Vimeo with `dnt=1`) or the file itself. */
  embedUrl: string
  provider: VideoProvider
  /** The provider's video id (YouTube, Vimeo) or the upload's document id; null for direct files. */
  providerId: null | string
  /** Start offset taken from a timestamp in the link (`t=1m30s`, `#t=90s`), already applied to `embedUrl`. */
  startSeconds: null | number
  /** A thumbnail derivable without a network call (YouTube only); editors can set a poster instead. */
  thumbnailUrl: null | string
}

/** `url` is the link the source was read from: the pasted link, an embed code's `src`, or the link inside a consent page. */
export type ParseVideoUrlResult = { message: string; ok: false } | { ok: true; source: VideoSource; url: string }

/** File extensions played directly by `<video>` (mp4, webm) or an HLS player (m3u8). */
export const DIRECT_VIDEO_EXTENSIONS = ['mp4', 'webm', 'm3u8'] as const

export const MAX_VIDEO_URL_LENGTH = 2000

export const VIDEO_URL_MESSAGES = {
  credentials: 'A video URL must not contain a user name or password.',
  embedCodeWithoutSource:
    'This embed code has no player address: paste the iframe code as the site gives it, or just the video link.',
  embedCodeWithSeveralPlayers: 'This embed code contains more than one player: paste the code of one video.',
  notHttp: 'Enter the full video address, starting with https:// (or http://).',
  tooLong: `A video URL may be at most ${MAX_VIDEO_URL_LENGTH} characters long.`,
  unsupported: 'Unsupported video URL: use a YouTube or Vimeo link, or a direct link to an .mp4, .webm or .m3u8 file.',
  vimeoNotAVideo: 'This Vimeo link does not point to a single video (use a link like https://vimeo.com/76979871).',
  youtubeBadId: 'This YouTube link does not contain a valid video id.',
  youtubeChannelLive:
    "This is a channel's live-stream player, which shows whatever the channel streams at the moment and has no video of its own: link the live video itself (youtube.com/live/… or its watch link).",
  youtubeNotAVideo:
    'This YouTube link does not point to a single video (use a watch, youtu.be, shorts, embed or live link).',
} as const

const YOUTUBE_HOSTS = new Set([
  'm.youtube.com',
  'music.youtube.com',
  'www.youtubekids.com',
  'www.youtube-nocookie.com',
  'www.youtube.com',
  'youtube-nocookie.com',
  'youtube.com',
  'youtubekids.com',
])
// YouTube's cookie-consent interstitial (EU): the link the reader wanted is its `continue` parameter.
const YOUTUBE_CONSENT_HOST = 'consent.youtube.com'
const YOUTU_BE_HOSTS = new Set(['www.youtu.be', 'youtu.be'])
const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com'])
const VIMEO_PLAYER_HOST = 'player.vimeo.com'

const YOUTUBE_ID = /^[\w-]{11}$/
const VIMEO_ID = /^\d{1,12}$/
// Unlisted ("private link") Vimeo videos carry a hex hash after the id.
const VIMEO_HASH = /^[\da-f]{6,40}$/i
// Path segments of YouTube links that carry the video id as the next segment.
const YOUTUBE_ID_PATHS = new Set(['e', 'embed', 'live', 'shorts', 'v', 'vi'])
// Flash-era paths (`/v/ID&hl=en&fs=1`, `/v/ID/…`, `/vi/ID`) carry options after the id.
const YOUTUBE_LEGACY_PATHS = new Set(['v', 'vi'])
// Pages whose `v` (or old `vi`) parameter names the video.
const YOUTUBE_WATCH_PAGES = new Set(['details', 'watch', 'watch_popup'])

const fail = (message: string): { message: string; ok: false } => ({ message, ok: false })
type Parsed = { message: string; ok: false } | { ok: true; source: VideoSource }
const ok = (source: VideoSource): Parsed => ({ ok: true, source })

/**
 * A timestamp as YouTube and Vimeo write it: `90`, `90s`, `1m30s`, `1h2m3s` or `1:30`.
 * Returns whole seconds, or null when absent, zero or not a timestamp.
 */
export const parseTimestamp = (value: null | string | undefined): null | number => {
  if (!value) return null
  const text = value.trim().toLowerCase()
  let seconds: number
  const clock = /^(?:(\d{1,3}):)?(\d{1,3}):(\d{1,2})$/.exec(text)
  const units = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?$/.exec(text)
  if (clock) {
    seconds = Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3])
  } else if (units && text !== '') {
    seconds = Number(units[1] ?? 0) * 3600 + Number(units[2] ?? 0) * 60 + Number(units[3] ?? 0)
  } else {
    return null
  }
  return Number.isSafeInteger(seconds) && seconds > 0 ? seconds : null
}

/** The `t=` value of a URL fragment such as `#t=90` or `#t=1m30s`. */
const fragmentTimestamp = (hash: string): null | number =>
  parseTimestamp(new URLSearchParams(hash.replace(/^#/, '')).get('t'))

const youtubeSource = (id: string, startSeconds: null | number): VideoSource => ({
  embedUrl: `https://www.youtube-nocookie.com/embed/${id}${startSeconds ? `?start=${startSeconds}` : ''}`,
  provider: 'youtube',
  providerId: id,
  startSeconds,
  thumbnailUrl: `https://i.ytimg.com/vi/${id}/hqdefault.jpg`,
})

const vimeoSource = (id: string, hash: null | string, startSeconds: null | number): VideoSource => ({
  embedUrl: `https://player.vimeo.com/video/${id}?${hash ? `h=${hash}&` : ''}dnt=1${startSeconds ? `#t=${startSeconds}s` : ''}`,
  provider: 'vimeo',
  providerId: id,
  startSeconds,
  // Vimeo thumbnails need an API call (oEmbed): leave it to an editor-set poster.
  thumbnailUrl: null,
})

const parseYouTube = (url: URL, segments: string[]): Parsed => {
  const startSeconds =
    parseTimestamp(url.searchParams.get('t')) ??
    parseTimestamp(url.searchParams.get('start')) ??
    fragmentTimestamp(url.hash)
  let id: null | string | undefined
  if (YOUTU_BE_HOSTS.has(url.hostname)) {
    if (segments.length !== 1) return fail(VIDEO_URL_MESSAGES.youtubeNotAVideo)
    id = segments[0]
  } else if (segments[0] && YOUTUBE_WATCH_PAGES.has(segments[0]) && segments.length === 1) {
    id = url.searchParams.get('v') ?? url.searchParams.get('vi')
  } else if (segments[0] && YOUTUBE_LEGACY_PATHS.has(segments[0]) && segments.length >= 2) {
    id = segments[1]?.split('&')[0]
  } else if (segments[0] && YOUTUBE_ID_PATHS.has(segments[0]) && segments.length === 2) {
    id = segments[1]
    // `/embed/videoseries?list=…` is a playlist player, not a video.
    if (id === 'videoseries') return fail(VIDEO_URL_MESSAGES.youtubeNotAVideo)
    // `/embed/live_stream?channel=…` plays the channel's current stream: no video id, no thumbnail.
    if (id === 'live_stream') return fail(VIDEO_URL_MESSAGES.youtubeChannelLive)
  } else {
    return fail(VIDEO_URL_MESSAGES.youtubeNotAVideo)
  }
  if (!id) return fail(VIDEO_URL_MESSAGES.youtubeNotAVideo)
  if (!YOUTUBE_ID.test(id)) return fail(VIDEO_URL_MESSAGES.youtubeBadId)
  return ok(youtubeSource(id, startSeconds))
}

/** The video id and private-link hash in a vimeo.com page path, or null when the page is not one video. */
const vimeoPagePath = (segments: string[]): { hash: null | string; id: string } | null => {
  const [first, second, third, fourth, ...rest] = segments
  let id: string | undefined
  let hash: string | undefined
  if (first && VIMEO_ID.test(first)) {
    // vimeo.com/123 and vimeo.com/123/abcdef0123 (private link)
    ;[id, hash] = [first, second]
    if (segments.length > 2) return null
  } else if (first === 'channels' && segments.length === 3) {
    id = third
  } else if (first === 'groups' && third === 'videos' && segments.length === 4) {
    id = fourth
  } else if ((first === 'album' || first === 'showcase') && third === 'video' && segments.length === 4) {
    id = fourth
  } else if (first === 'video' && segments.length <= 3) {
    ;[id, hash] = [second, third]
  } else if (first === 'manage' && second === 'videos' && rest.length === 0) {
    ;[id, hash] = [third, fourth]
  } else if (second === 'review' && segments.length <= 4) {
    // Review links (vimeo.com/<user>/review/<id>/<review hash>): the review hash opens the review page
    // only, it is not the private-link hash the player needs, so only the id is kept.
    id = third
    if (fourth !== undefined && !VIMEO_HASH.test(fourth)) return null
  }
  if (!id || !VIMEO_ID.test(id)) return null
  if (hash !== undefined && !VIMEO_HASH.test(hash)) return null
  return { hash: hash ?? null, id }
}

const parseVimeo = (url: URL, segments: string[]): Parsed => {
  let found: { hash: null | string; id: string } | null
  if (url.hostname === VIMEO_PLAYER_HOST) {
    const id = segments[0] === 'video' && segments.length === 2 ? segments[1] : undefined
    found = id && VIMEO_ID.test(id) ? { hash: null, id } : null
  } else {
    found = vimeoPagePath(segments)
  }
  if (!found) return fail(VIDEO_URL_MESSAGES.vimeoNotAVideo)
  // Share links and the player carry the private hash as `?h=`.
  const queryHash = url.searchParams.get('h')
  if (queryHash !== null && !VIMEO_HASH.test(queryHash)) return fail(VIDEO_URL_MESSAGES.vimeoNotAVideo)
  const hash = found.hash ?? queryHash
  return ok(vimeoSource(found.id, hash ? hash.toLowerCase() : null, fragmentTimestamp(url.hash)))
}

const directFileExtension = (url: URL): null | string => {
  const match = /\.([a-z\d]+)$/i.exec(url.pathname)
  const ext = match?.[1]?.toLowerCase()
  return ext && (DIRECT_VIDEO_EXTENSIONS as readonly string[]).includes(ext) ? ext : null
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', apos: "'", gt: '>', lt: '<', quot: '"' }

/** The few entities an embed code's attribute carries (`&amp;` between query parameters, mostly). */
const decodeAttribute = (value: string): string =>
  value.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return HTML_ENTITIES[name.toLowerCase()] ?? entity
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
    return code > 0x1f && code < 0x110000 ? String.fromCodePoint(code) : entity
  })

// Quoted attribute values may contain `>`; the alternatives are disjoint, so matching stays linear.
const IFRAME_TAG = /<iframe\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi
const SRC_ATTRIBUTE = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i

/**
 * The player address in a pasted embed code (`<iframe src="…">`, possibly wrapped in Vimeo's `<div>`
 * and `<script>`): the link is read from the `src` attribute, nothing of the code is kept.
 */
const embedCodeSource = (text: string): { message: string } | { src: string } => {
  const sources = new Set<string>()
  for (const [tag] of text.matchAll(IFRAME_TAG)) {
    const match = SRC_ATTRIBUTE.exec(tag)
    const raw = match?.[1] ?? match?.[2] ?? match?.[3]
    if (raw?.trim()) sources.add(decodeAttribute(raw.trim()))
  }
  if (sources.size > 1) return { message: VIDEO_URL_MESSAGES.embedCodeWithSeveralPlayers }
  const [src] = sources
  if (!src) return { message: VIDEO_URL_MESSAGES.embedCodeWithoutSource }
  // Older embed codes use protocol-relative sources (`//www.youtube.com/embed/…`).
  return { src: src.startsWith('//') ? `https:${src}` : src }
}

/**
 * Reads a video link an editor pasted: YouTube (watch, youtu.be, shorts, embed, live, the old
 * `/v/` and `vi=` forms, YouTube Kids, the consent page wrapping any of them), Vimeo (plain,
 * channels, groups, showcases, review links, player, private hash links) or a direct
 * .mp4/.webm/.m3u8 file — or the `<iframe>` embed code of any of those.
 * Returns the source to store, or a message saying what is wrong.
 */
export const parseVideoUrl = (input: unknown): ParseVideoUrlResult => {
  if (typeof input !== 'string' || !input.trim()) return fail(VIDEO_URL_MESSAGES.notHttp)
  let text = input.trim()
  if (text.length > MAX_VIDEO_URL_LENGTH) return fail(VIDEO_URL_MESSAGES.tooLong)
  if (/^<(?:iframe|div|figure|p)\b/i.test(text)) {
    const embed = embedCodeSource(text)
    if ('message' in embed) return fail(embed.message)
    text = embed.src
  }
  return parseLink(text, true)
}

const parseLink = (text: string, mayUnwrap: boolean): ParseVideoUrlResult => {
  // Whitespace or control characters inside a link mean a paste went wrong.
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return fail(VIDEO_URL_MESSAGES.unsupported)
  if (!/^https?:\/\//i.test(text)) return fail(VIDEO_URL_MESSAGES.notHttp)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return fail(VIDEO_URL_MESSAGES.notHttp)
  }
  if (url.username || url.password) return fail(VIDEO_URL_MESSAGES.credentials)
  const host = url.hostname.toLowerCase()
  const segments = url.pathname.split('/').filter(Boolean)
  if (host === YOUTUBE_CONSENT_HOST) {
    // Only one level, and only to YouTube itself: the wrapper is never a way to reach another host.
    const inner = mayUnwrap ? url.searchParams.get('continue') : null
    if (!inner) return fail(VIDEO_URL_MESSAGES.youtubeNotAVideo)
    const unwrapped = parseLink(inner.trim(), false)
    if (unwrapped.ok && unwrapped.source.provider !== 'youtube') return fail(VIDEO_URL_MESSAGES.unsupported)
    return unwrapped
  }
  const parsed = parseByHost(url, host, segments)
  return parsed.ok ? { ...parsed, url: text } : parsed
}

const parseByHost = (url: URL, host: string, segments: string[]): Parsed => {
  if (YOUTUBE_HOSTS.has(host) || YOUTU_BE_HOSTS.has(host)) return parseYouTube(url, segments)
  if (VIMEO_HOSTS.has(host) || host === VIMEO_PLAYER_HOST) return parseVimeo(url, segments)
  if (!host.includes('.') && host !== 'localhost') return fail(VIDEO_URL_MESSAGES.unsupported)
  if (directFileExtension(url)) {
    return ok({ embedUrl: url.href, provider: 'file', providerId: null, startSeconds: null, thumbnailUrl: null })
  }
  return fail(VIDEO_URL_MESSAGES.unsupported)
}

export const VIDEO_SOURCE_MESSAGES = {
  both: 'Give either a video URL or an uploaded file, not both: clear one of them.',
  missing: 'Give a video URL or upload a video file.',
  notAVideoFile: 'The uploaded file must be a video (for example .mp4 or .webm).',
  posterNotAnImage: 'The poster must be an image.',
  uploadMissing: 'The selected video file does not exist.',
} as const

/**
 * The "exactly one of url and file" rule. A draft may still lack both (work in progress);
 * having both is contradictory even in a draft.
 */
export const videoSourceErrors = ({
  hasFile,
  publishing,
  url,
}: {
  hasFile: boolean
  publishing: boolean
  url: null | string | undefined
}): FieldError[] => {
  const hasUrl = typeof url === 'string' && url.trim() !== ''
  if (hasUrl && hasFile) return [{ message: VIDEO_SOURCE_MESSAGES.both, path: 'url' }]
  if (!hasUrl && !hasFile && publishing) return [{ message: VIDEO_SOURCE_MESSAGES.missing, path: 'url' }]
  return []
}

/** The source of a video uploaded to the media collection: it plays from the upload's own URL. */
export const uploadedVideoSource = ({ id, url }: { id: number | string; url: string }): VideoSource => ({
  embedUrl: url,
  provider: 'upload',
  providerId: String(id),
  startSeconds: null,
  thumbnailUrl: null,
})
