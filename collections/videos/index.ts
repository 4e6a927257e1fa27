import type { CollectionConfig, Field } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { lockedField, unlockedByField } from '../../fields/gateFields.js'
import { premiumField, tiersField, visibilityField } from '../../fields/premiumField.js'
import { slugField } from '../../fields/slugField.js'
import {
  enforceGatedReadArgs,
  GATE_FIELDS,
  gatedFieldRead,
  startRequesterLookups,
  markLocked,
  withholdGatedFields,
} from '../../src/access/premiumGate.js'
import { editorsOnly, isEditor } from '../../src/access/roles.js'
import { syncVisibility } from '../../src/access/syncVisibility.js'
import { setPublishedAt } from '../../src/hooks/setPublishedAt.js'
import { MAX_VIDEO_URL_LENGTH, parseVideoUrl } from '../../src/utilities/parseVideoUrl.js'
import { captionsField, transcriptField } from './fields/captions.js'
import { computeVideoSource } from './hooks/computeVideoSource.js'
import { nullLockedThumbnail, thumbnailRead } from './hooks/thumbnailAccess.js'
import { protectPremiumFilesAfterChange, protectPremiumFilesAfterDelete } from './hooks/protectPremiumFiles.js'
import { validateCaptions } from './hooks/validateCaptions.js'

/** Playable parts of a premium video, and what is said in it: only entitled requesters receive them. */
export const VIDEO_GATED_FIELDS = ['url', 'file', 'embedUrl', 'providerId', 'captions', 'transcript']

const computed = { create: () => false, update: () => false }

/** Provider names as words (the list column and filters); the stored values stay the contract's. */
const VIDEO_PROVIDER_OPTIONS = [
  { label: 'YouTube', value: 'youtube' },
  { label: 'Vimeo', value: 'vimeo' },
  { label: { de: 'Videodatei (Link)', en: 'Video file (link)' }, value: 'file' },
  { label: { de: 'Hochgeladene Datei', en: 'Uploaded file' }, value: 'upload' },
]

export const videosCollection = (options: ResolvedNewsroomOptions): CollectionConfig => {
  const { slugs } = options
  const gated = { read: gatedFieldRead(options, slugs.videos) }
  const defaultFields: Field[] = [
    { name: 'title', type: 'text', index: true, maxLength: 300, required: true },
    slugField(),
    { name: 'description', type: 'textarea', maxLength: 5000 },
    {
      name: 'url',
      type: 'text',
      access: gated,
      admin: { description: 'A YouTube or Vimeo link, or a direct .mp4/.webm/.m3u8 file URL. Or upload a file below.' },
      maxLength: MAX_VIDEO_URL_LENGTH,
      // Inline feedback in the admin form; the beforeChange hook enforces the same rule for drafts too.
      validate: (value: null | string | undefined) => {
        if (!value || !value.trim()) return true
        const parsed = parseVideoUrl(value)
        return parsed.ok ? true : parsed.message
      },
    },
    ...(slugs.media
      ? [
          {
            name: 'file',
            type: 'upload',
            access: gated,
            admin: { description: 'An uploaded video file, instead of a URL.' },
            filterOptions: { mimeType: { contains: 'video/' } },
            relationTo: slugs.media,
          } as Field,
          {
            name: 'poster',
            type: 'upload',
            admin: { description: 'Overrides the thumbnail derived from the provider. Always public.' },
            filterOptions: { mimeType: { contains: 'image/' } },
            relationTo: slugs.media,
          } as Field,
        ]
      : []),
    // Computed from url/file on save; the admin shows them once, in the source preview under the URL.
    {
      name: 'provider',
      type: 'select',
      access: computed,
      admin: { readOnly: true },
      index: true,
      options: VIDEO_PROVIDER_OPTIONS,
    },
    { name: 'providerId', type: 'text', access: { ...computed, ...gated }, admin: { readOnly: true } },
    { name: 'embedUrl', type: 'text', access: { ...computed, ...gated }, admin: { readOnly: true } },
    {
      name: 'thumbnailUrl',
      type: 'text',
      access: { ...computed, read: thumbnailRead(options) },
      admin: { readOnly: true },
      label: 'Thumbnail',
    },
    captionsField(gated),
    transcriptField(gated),
    {
      name: 'duration',
      type: 'number',
      admin: { description: 'Length in seconds.', position: 'sidebar' },
      min: 0,
    },
    visibilityField({ admin: { description: 'Who can play this video.', position: 'sidebar' } }),
    tiersField(),
    premiumField({
      admin: { description: 'Same as visibility “Paid subscribers” (kept for older clients).', hidden: true },
    }),
    {
      name: 'publishedAt',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar' },
      index: true,
    },
    {
      name: 'categories',
      type: 'text',
      admin: { position: 'sidebar' },
      hasMany: true,
      index: true,
      maxLength: 100,
    },
    {
      name: 'relatedArticles',
      type: 'join',
      admin: { description: 'Articles that list this video as related.' },
      collection: slugs.articles,
      defaultLimit: 10,
      maxDepth: 1,
      on: 'relatedVideos',
    },
    lockedField(),
    unlockedByField(),
  ]

  const collection: CollectionConfig = {
    slug: slugs.videos,
    access: {
      create: editorsOnly,
      delete: editorsOnly,
      read: ({ req }) => (isEditor(req) ? true : { _status: { equals: 'published' } }),
      readVersions: editorsOnly,
      update: editorsOnly,
    },
    admin: {
      defaultColumns: ['title', 'thumbnailUrl', 'provider', 'visibility', 'premium', 'publishedAt', '_status'],
      group: 'Newsroom',
      useAsTitle: 'title',
    },
    defaultSort: '-publishedAt',
    fields: defaultFields,
    // The gate needs these even when a request's `select` leaves them out.
    forceSelect: { ...Object.fromEntries(GATE_FIELDS.map((name) => [name, true])), poster: true },
    hooks: {
      afterChange: [protectPremiumFilesAfterChange(options)],
      afterDelete: [protectPremiumFilesAfterDelete(options)],
      afterRead: [withholdGatedFields(options, slugs.videos, VIDEO_GATED_FIELDS), nullLockedThumbnail],
      // "Latest videos" sorts by publishedAt: a video published without a date gets "now".
      beforeChange: [syncVisibility, computeVideoSource(options), validateCaptions, setPublishedAt],
      // Drafts stay editors' alone and `select` cannot drop what the gate needs.
      beforeOperation: [enforceGatedReadArgs([...GATE_FIELDS, 'poster']), startRequesterLookups(options)],
      beforeRead: [markLocked(options, slugs.videos)],
    },
    // "Latest videos" (published, newest first), optionally within one category.
    indexes: [{ fields: ['_status', 'publishedAt'] }, { fields: ['categories', '_status', 'publishedAt'] }],
    labels: { plural: 'Videos', singular: 'Video' },
    versions: { drafts: { schedulePublish: true }, maxPerDoc: 50 },
  }
  return collection
}
