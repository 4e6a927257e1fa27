import type { CollectionConfig, Field } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { giftedByField, lockedField, teaserField, unlockedByField } from '../../fields/gateFields.js'
import { premiumField, tiersField, visibilityField } from '../../fields/premiumField.js'
import { mustExist } from '../../fields/mustExist.js'
import { slugField } from '../../fields/slugField.js'
import { premiumGate } from '../../src/access/premiumGate.js'
import { syncVisibility } from '../../src/access/syncVisibility.js'
import { editorsOnly, isEditor } from '../../src/access/roles.js'
import { giftEndpoint } from './endpoints/gift.js'
import { printEndpoints } from './endpoints/printEndpoints.js'
import { unlockEndpoint } from './endpoints/unlock.js'
import { setPublishedAt } from '../../src/hooks/setPublishedAt.js'
import { articleEditor } from '../../src/lexical/articleEditor.js'
import { extractTeaser } from '../../src/utilities/extractTeaser.js'
import { forgetPdfsAfterChange, forgetPdfsAfterDelete } from './hooks/forgetRenderedPdfs.js'
import { recountApprovedComments } from './hooks/recountApprovedComments.js'
import { createPreviewToken, previewEndpoints } from './endpoints/previewLinks.js'
import { liveCommentCountInDrafts } from './hooks/liveCommentCount.js'

/**
 * The teaser of a body, or of each edition when the stored body is per locale (`{ en: …, de: … }`: what the
 * read hooks see with the host's localization on); Payload then picks the requested locale (or fallback) of it.
 */
const teaserPerLocale = (content: unknown, rule: { blocks: number }) => {
  if (content && typeof content === 'object' && !('root' in content)) {
    return Object.fromEntries(
      Object.entries(content as Record<string, unknown>).map(([locale, body]) => [
        locale,
        extractTeaser(body as never, rule),
      ]),
    )
  }
  return extractTeaser(content as never, rule)
}

// The live preview frame's link stays the same for 10 minutes (a new link would reload the frame on every save).
const LIVE_PREVIEW_STABLE_SECONDS = 600

/** Fields a requester who is not entitled never receives from a premium article. */
export const ARTICLE_GATED_FIELDS = ['content']

export const articlesCollection = (options: ResolvedNewsroomOptions): CollectionConfig => {
  const { slugs } = options
  // The teaser is cut from the raw body before field access withholds it, so it exists for every requester.
  const gate = premiumGate(options, {
    collection: slugs.articles,
    derive: (doc) => ({ teaser: teaserPerLocale(doc.content, options.premium.teaser) }),
    gatedFields: ARTICLE_GATED_FIELDS,
    needs: ['content', 'teaser'],
  })
  const defaultFields: Field[] = [
    // Localized editions: `localized` only takes effect when the host has `localization` (Payload drops it otherwise).
    { name: 'title', type: 'text', index: true, localized: true, maxLength: 300, required: true },
    slugField({ overrides: { localized: true } }),
    { name: 'excerpt', type: 'textarea', localized: true, maxLength: 1000 },
    {
      name: 'content',
      type: 'richText',
      localized: true,
      access: gate.fieldAccess,
      editor: articleEditor(options),
    },
    visibilityField(),
    tiersField(),
    premiumField({
      admin: { description: 'Same as visibility “Paid subscribers” (kept for older clients).' },
    }),
    {
      name: 'publishedAt',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar' },
      index: true,
    },
    { name: 'author', type: 'text', admin: { position: 'sidebar' }, maxLength: 200 },
    {
      name: 'categories',
      type: 'text',
      admin: { position: 'sidebar' },
      hasMany: true,
      index: true,
      maxLength: 100,
    },
    ...(slugs.media
      ? [{ name: 'heroImage', type: 'upload', filterOptions: mustExist, relationTo: slugs.media } as Field]
      : []),
    {
      type: 'collapsible',
      admin: { initCollapsed: false },
      fields: [
        { name: 'allowComments', type: 'checkbox', defaultValue: true },
        {
          name: 'commentsCloseAt',
          type: 'date',
          admin: { description: 'Comments close automatically after this moment (optional).' },
        },
        {
          name: 'commentCount',
          type: 'number',
          access: { create: () => false, update: () => false },
          admin: { description: 'Approved comments (maintained automatically).', readOnly: true },
          defaultValue: 0,
          // Comment hooks move it atomically; every article save rewrites the true count (drafts carry stale copies).
          hooks: { beforeChange: [recountApprovedComments(options)] },
        },
      ],
      label: 'Discussion',
    },
    {
      name: 'relatedVideos',
      type: 'relationship',
      filterOptions: mustExist,
      hasMany: true,
      relationTo: slugs.videos,
    },
    {
      name: 'comments',
      type: 'join',
      admin: { defaultColumns: ['authorName', 'body', 'status', 'createdAt'] },
      collection: slugs.comments,
      defaultLimit: 20,
      defaultSort: '-createdAt',
      maxDepth: 1,
      on: 'article',
    },
    lockedField(),
    // Localized like the body it is cut from: each edition's teaser ends at that edition's paywall break.
    { ...teaserField(), localized: true },
    unlockedByField(),
    giftedByField(),
  ]

  const collection: CollectionConfig = {
    slug: slugs.articles,
    access: {
      create: editorsOnly,
      delete: editorsOnly,
      // The public reads published articles only; drafts and versions are editors' alone.
      read: ({ req }) => (isEditor(req) ? true : { _status: { equals: 'published' } }),
      readVersions: editorsOnly,
      update: editorsOnly,
    },
    admin: {
      defaultColumns: ['title', 'visibility', 'premium', 'publishedAt', 'commentCount', '_status'],
      group: 'Newsroom',
      listSearchableFields: ['title', 'slug', 'excerpt'],
      // The reader site's preview page of the draft, through a signed link (the page toggles subscriber / non-subscriber).
      ...(options.disabled
        ? {}
        : {
            livePreview: {
              url: ({ data, req }) =>
                data?.id && isEditor(req)
                  ? createPreviewToken(req.payload.secret, options, String(data.id), new Date(), {
                      stableForSeconds: LIVE_PREVIEW_STABLE_SECONDS,
                    }).url
                  : null,
            },
          }),
      useAsTitle: 'title',
    },
    defaultSort: '-publishedAt',
    // Print view, PDF and email, each switchable in `print`; signed preview links of drafts (the reader site's
    // preview page); the meter's explicit unlock (only with `premium.meter`) and gift links. A disabled plugin
    // adds no endpoints.
    endpoints: options.disabled
      ? []
      : [
          ...printEndpoints(options),
          ...previewEndpoints(options),
          ...(options.premium.meter ? [unlockEndpoint(options)] : []),
          giftEndpoint(options),
        ],
    fields: defaultFields,
    // The gate needs these even when a request's `select` leaves them out.
    forceSelect: gate.forceSelect,
    hooks: {
      // Rendered PDFs of a changed or deleted article are dropped (src/print/pdf/pdfCache.ts).
      afterChange: [forgetPdfsAfterChange(options)],
      afterDelete: [forgetPdfsAfterDelete(options)],
      afterOperation: [liveCommentCountInDrafts(slugs.articles)],
      afterRead: [...gate.hooks.afterRead],
      // Lists sort by publishedAt: an article published without a date gets "now".
      beforeChange: [syncVisibility, setPublishedAt],
      beforeOperation: [...gate.hooks.beforeOperation],
      beforeRead: [...gate.hooks.beforeRead],
    },
    indexes: [{ fields: ['_status', 'publishedAt'] }],
    labels: { plural: 'Articles', singular: 'Article' },
    versions: { drafts: { schedulePublish: true }, maxPerDoc: 50 },
  }
  return collection
}
