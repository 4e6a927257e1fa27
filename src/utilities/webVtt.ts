/** Longest caption track the plugin stores (characters): a feature film's subtitles fit with room to spare. */
export const MAX_WEBVTT_LENGTH = 200_000

export const WEBVTT_MESSAGES = {
  empty: 'A caption track needs its WebVTT text.',
  header: 'Not a WebVTT file: it must start with the line “WEBVTT”.',
  nul: 'Not a WebVTT file: it contains a NUL character.',
  tooLong: `A caption track is at most ${MAX_WEBVTT_LENGTH.toLocaleString('en')} characters.`,
} as const

/**
 * Why `text` is not a WebVTT file, or null when it is one. The WebVTT signature (W3C WebVTT §4.1): an optional
 * byte order mark, the string "WEBVTT", then a space, a tab, a line break or the end of the file. A browser
 * drops a track without it, so the editor hears about it at save time instead of the reader never seeing
 * captions. Cue syntax is left to the browser's parser, which skips cues it cannot read.
 */
export const webVttError = (text: unknown): null | string => {
  if (typeof text !== 'string' || !text.trim()) return WEBVTT_MESSAGES.empty
  if (text.length > MAX_WEBVTT_LENGTH) return WEBVTT_MESSAGES.tooLong
  if (text.includes('\u0000')) return WEBVTT_MESSAGES.nul
  return /^\uFEFF?WEBVTT(?:[ \t\r\n]|$)/.test(text) ? null : WEBVTT_MESSAGES.header
}
