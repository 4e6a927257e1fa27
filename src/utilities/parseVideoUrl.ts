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

export type ParseVideoUrlResult = { message: string; ok: false } | { ok: true; source: VideoSource }

/** File extensions played directly by `<video>` (mp4, webm) or an HLS player (m3u8). */
export const DIRECT_VIDEO_EXTENSIONS = ['mp4', 'webm', 'm3u8'] as const

export const MAX_VIDEO_URL_LENGTH = 2000

export const VIDEO_URL_MESSAGES = {
  credentials: 'A video URL must not contain a user name or password.',
  notHttp: 'Enter the full video address, starting with https:// (or http://).',
  tooLong: `A video URL may be at most ${MAX_VIDEO_URL_LENGTH} characters long.`,
  unsupported: 'Unsupported video URL: use a YouTube or Vimeo link, or a direct link to an .mp4, .webm or .m3u8 file.',
  vimeoNotAVideo: 'This Vimeo link does not point to a single video (use a link like https://vimeo.com/76979871).',
  youtubeBadId: 'This YouTube link does not contain a valid video id.',
  youtubeNotAVideo:
    'This YouTube link does not point to a single video (use a watch, youtu.be, shorts, embed or live link).',
} as const

const YOUTUBE_HOSTS = new Set([
  'm.youtube.com',
  'music.youtube.com',
  'www.youtube-nocookie.com',
  'www.youtube.com',
  'youtube-nocookie.com',
  'youtube.com',
])
const YOUTU_BE_HOSTS = new Set(['www.youtu.be', 'youtu.be'])
const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com'])
const VIMEO_PLAYER_HOST = 'player.vimeo.com'

const YOUTUBE_ID = /^[\w-]{11}$/
const VIMEO_ID = /^\d{1,12}$/
// Unlisted ("private link") Vimeo videos carry a hex hash after the id.
const VIMEO_HASH = /^[\da-f]{6,40}$/i
// Path segments of YouTube links that carry the video id as the next segment.
const YOUTUBE_ID_PATHS = new Set(['e', 'embed', 'live', 'shorts', 'v'])

const fail = (message: string): ParseVideoUrlResult => ({ message, ok: false })
const ok = (source: VideoSource): ParseVideoUrlResult => ({ ok: true, source })

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

const parseYouTube = (url: URL, segments: string[]): ParseVideoUrlResult => {
  const startSeconds =
    parseTimestamp(url.searchParams.get('t')) ??
    parseTimestamp(url.searchParams.get('start')) ??
    fragmentTimestamp(url.hash)
  let id: null | string | undefined
  if (YOUTU_BE_HOSTS.has(url.hostname)) {
    if (segments.length !== 1) return fail(VIDEO_URL_MESSAGES.youtubeNotAVideo)
    id = segments[0]
  } else if (segments[0] === 'watch' && segments.length === 1) {
    id = url.searchParams.get('v')
  } else if (segments[0] && YOUTUBE_ID_PATHS.has(segments[0]) && segments.length === 2) {
    id = segments[1]
    // `/embed/videoseries?list=…` is a playlist player, not a video.
    if (id === 'videoseries') return fail(VIDEO_URL_MESSAGES.youtubeNotAVideo)
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
  }
  if (!id || !VIMEO_ID.test(id)) return null
  if (hash !== undefined && !VIMEO_HASH.test(hash)) return null
  return { hash: hash ?? null, id }
}

const parseVimeo = (url: URL, segments: string[]): ParseVideoUrlResult => {
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

/**
 * Reads a video link an editor pasted: YouTube (watch, youtu.be, shorts, embed, live),
 * Vimeo (plain, channels, groups, showcases, player, private hash links) or a direct
 * .mp4/.webm/.m3u8 file. Returns the source to store, or a message saying what is wrong.
 */
export const parseVideoUrl = (input: unknown): ParseVideoUrlResult => {
  if (typeof input !== 'string' || !input.trim()) return fail(VIDEO_URL_MESSAGES.notHttp)
  const text = input.trim()
  if (text.length > MAX_VIDEO_URL_LENGTH) return fail(VIDEO_URL_MESSAGES.tooLong)
  // Whitespace or control characters inside a link mean a paste went wrong.
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
