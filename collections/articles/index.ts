import type { CollectionConfig, Field } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { lockedField, teaserField } from '../../fields/gateFields.js'
import { premiumField } from '../../fields/premiumField.js'
import { mustExist } from '../../fields/mustExist.js'
import { slugField } from '../../fields/slugField.js'
import { premiumGate } from '../../src/access/premiumGate.js'
import { editorsOnly, isEditor } from '../../src/access/roles.js'
import { printEndpoints } from './endpoints/printEndpoints.js'
import { setPublishedAt } from '../../src/hooks/setPublishedAt.js'
import { articleEditor } from '../../src/lexical/articleEditor.js'
import { extractTeaser } from '../../src/utilities/extractTeaser.js'
import { recountApprovedComments } from './hooks/recountApprovedComments.js'

/** Fields a requester who is not entitled never receives from a premium article. */
export const ARTICLE_GATED_FIELDS = ['content']

export const articlesCollection = (options: ResolvedNewsroomOptions): CollectionConfig => {
  const { slugs } = options
  // The teaser is cut from the raw body before field access withholds it, so it exists for every requester.
  const gate = premiumGate(options, {
    derive: (doc) => ({ teaser: extractTeaser(doc.content, options.premium.teaser) }),
    gatedFields: ARTICLE_GATED_FIELDS,
    needs: ['content', 'teaser'],
  })
  const defaultFields: Field[] = [
    { name: 'title', type: 'text', index: true, maxLength: 300, required: true },
    slugField(),
    { name: 'excerpt', type: 'textarea', maxLength: 1000 },
    {
      name: 'content',
      type: 'richText',
      access: gate.fieldAccess,
      editor: articleEditor(options),
    },
    premiumField(),
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
    teaserField(),
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
      defaultColumns: ['title', 'premium', 'publishedAt', 'commentCount', '_status'],
      group: 'Newsroom',
      listSearchableFields: ['title', 'slug', 'excerpt'],
      useAsTitle: 'title',
    },
    defaultSort: '-publishedAt',
    // Print view, PDF and email, each switchable in `print`; a disabled plugin adds no endpoints.
    endpoints: options.disabled ? [] : printEndpoints(options),
    fields: defaultFields,
    // The gate needs these even when a request's `select` leaves them out.
    forceSelect: gate.forceSelect,
    hooks: {
      afterRead: [...gate.hooks.afterRead],
      // Lists sort by publishedAt: an article published without a date gets "now".
      beforeChange: [setPublishedAt],
      beforeOperation: [...gate.hooks.beforeOperation],
      beforeRead: [...gate.hooks.beforeRead],
    },
    indexes: [{ fields: ['_status', 'publishedAt'] }],
    labels: { plural: 'Articles', singular: 'Article' },
    versions: { drafts: { schedulePublish: false }, maxPerDoc: 50 },
  }
  return collection
}
