import type { FieldError } from './fieldError.js'

import { canonicalLanguageTag, LANGUAGE_TAG_MESSAGE } from './languageTag.js'
import { webVttError } from './webVtt.js'

/** Most caption tracks one video carries. */
export const MAX_CAPTION_TRACKS = 20
/** Longest track label (the name the player's captions menu shows). */
export const MAX_CAPTION_LABEL_LENGTH = 100
/** Longest transcript (characters). */
export const MAX_TRANSCRIPT_LENGTH = 200_000

export const CAPTION_MESSAGES = {
  label: 'A caption track needs a label (the name in the player’s captions menu).',
  labelTooLong: `A caption label is at most ${MAX_CAPTION_LABEL_LENGTH} characters.`,
  notAList: 'Captions must be a list of tracks.',
  oneDefault: 'Only one caption track can be the default.',
  tooMany: `A video has at most ${MAX_CAPTION_TRACKS} caption tracks.`,
  transcriptTooLong: `A transcript is at most ${MAX_TRANSCRIPT_LENGTH.toLocaleString('en')} characters.`,
} as const

export type CaptionTrack = {
  default?: boolean | null
  id?: null | string
  label?: unknown
  language?: unknown
  vtt?: unknown
}

/** Why `label` is refused, or null. */
export const captionLabelError = (label: unknown): null | string => {
  if (typeof label !== 'string' || !label.trim()) return CAPTION_MESSAGES.label
  return label.trim().length > MAX_CAPTION_LABEL_LENGTH ? CAPTION_MESSAGES.labelTooLong : null
}

/** With more than one track marked default, the indexes of all of them (the browser would show only one). */
export const clashingDefaults = (tracks: readonly unknown[]): number[] => {
  const marked = tracks.flatMap((track, index) => ((track as CaptionTrack | null)?.default === true ? [index] : []))
  return marked.length > 1 ? marked : []
}

/**
 * Every reason a video's caption tracks and transcript are refused, with the field paths Payload's own
 * validation uses (`captions.1.language`), and the tracks as stored: language tags in canonical form, labels
 * trimmed. One rule for the admin's inline validation and for drafts (which skip field validation).
 */
export const checkCaptions = (
  captions: unknown,
  transcript: unknown,
): { errors: FieldError[]; tracks: CaptionTrack[] | undefined } => {
  const errors: FieldError[] = []
  if (typeof transcript === 'string' && transcript.length > MAX_TRANSCRIPT_LENGTH) {
    errors.push({ message: CAPTION_MESSAGES.transcriptTooLong, path: 'transcript' })
  }
  if (captions === undefined || captions === null) return { errors, tracks: undefined }
  if (!Array.isArray(captions))
    return { errors: [...errors, { message: CAPTION_MESSAGES.notAList, path: 'captions' }], tracks: undefined }
  if (captions.length > MAX_CAPTION_TRACKS) errors.push({ message: CAPTION_MESSAGES.tooMany, path: 'captions' })
  const tracks = captions.map((raw: unknown, index): CaptionTrack => {
    const track = (raw && typeof raw === 'object' ? raw : {}) as CaptionTrack
    const at = (field: string) => `captions.${index}.${field}`
    const vtt = webVttError(track.vtt)
    if (vtt) errors.push({ message: vtt, path: at('vtt') })
    const language = canonicalLanguageTag(track.language)
    if (!language) errors.push({ message: LANGUAGE_TAG_MESSAGE, path: at('language') })
    const label = captionLabelError(track.label)
    if (label) errors.push({ message: label, path: at('label') })
    return {
      ...track,
      default: track.default === true,
      label: typeof track.label === 'string' ? track.label.trim() : track.label,
      language: language ?? track.language,
    }
  })
  for (const index of clashingDefaults(tracks)) {
    errors.push({ message: CAPTION_MESSAGES.oneDefault, path: `captions.${index}.default` })
  }
  return { errors, tracks }
}
