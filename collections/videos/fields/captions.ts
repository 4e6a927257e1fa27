import type { ArrayField, FieldAccess, TextareaField } from 'payload'

import {
  captionLabelError,
  CAPTION_MESSAGES,
  clashingDefaults,
  MAX_CAPTION_LABEL_LENGTH,
  MAX_CAPTION_TRACKS,
  MAX_TRANSCRIPT_LENGTH,
} from '../../../src/utilities/captionTracks.js'
import {
  canonicalLanguageTag,
  LANGUAGE_TAG_MESSAGE,
  MAX_LANGUAGE_TAG_LENGTH,
} from '../../../src/utilities/languageTag.js'
import { MAX_WEBVTT_LENGTH, webVttError } from '../../../src/utilities/webVtt.js'

const asResult = (error: null | string): string | true => error ?? true

/**
 * Caption tracks, each a WebVTT text with its language, label and default flag. Gated like the video's
 * playable fields (`gated`): a requester who may not watch gets `captions: null`. The inline validators are
 * the admin's feedback; the videos `beforeChange` hook (hooks/validateCaptions.ts) applies the same rules to
 * drafts, which skip field validation.
 */
export const captionsField = (gated: { read: FieldAccess }): ArrayField => ({
  name: 'captions',
  type: 'array',
  access: gated,
  admin: {
    description:
      'Caption tracks for an uploaded or linked video file (the player shows them; YouTube and Vimeo bring their own).',
    initCollapsed: true,
  },
  fields: [
    {
      name: 'vtt',
      type: 'textarea',
      admin: { description: 'The WebVTT file’s text, starting with “WEBVTT”.', rows: 8 },
      label: 'WebVTT',
      maxLength: MAX_WEBVTT_LENGTH,
      required: true,
      validate: (value: unknown) => asResult(webVttError(value)),
    },
    {
      type: 'row',
      fields: [
        {
          name: 'language',
          type: 'text',
          admin: { description: 'BCP 47 tag, e.g. en, de-CH, pt-BR.', width: '30%' },
          maxLength: MAX_LANGUAGE_TAG_LENGTH,
          required: true,
          validate: (value: unknown) => (canonicalLanguageTag(value) ? true : LANGUAGE_TAG_MESSAGE),
        },
        {
          name: 'label',
          type: 'text',
          admin: { description: 'Shown in the player’s captions menu.', width: '50%' },
          maxLength: MAX_CAPTION_LABEL_LENGTH,
          required: true,
          validate: (value: unknown) => asResult(captionLabelError(value)),
        },
        {
          name: 'default',
          type: 'checkbox',
          admin: { width: '20%' },
          defaultValue: false,
          validate: (value: unknown, { data }: { data: Partial<Record<string, unknown>> }) =>
            value === true && Array.isArray(data?.captions) && clashingDefaults(data.captions).length > 0
              ? CAPTION_MESSAGES.oneDefault
              : true,
        },
      ],
    },
  ],
  labels: { plural: 'Caption tracks', singular: 'Caption track' },
  maxRows: MAX_CAPTION_TRACKS,
})

/** The video's transcript, plain text (paragraphs separated by blank lines); gated like the captions. */
export const transcriptField = (gated: { read: FieldAccess }): TextareaField => ({
  name: 'transcript',
  type: 'textarea',
  access: gated,
  admin: { description: 'Shown under the player to those who may watch the video.', rows: 10 },
  maxLength: MAX_TRANSCRIPT_LENGTH,
})
