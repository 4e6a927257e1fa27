import type { CollectionConfig, Field } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { authorUrlField } from '../../fields/authorUrlField.js'
import { editorsOnly, isEditor } from '../../src/access/roles.js'
import { mergeOverride } from '../mergeOverride.js'

export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const
export type CommentStatus = (typeof COMMENT_STATUSES)[number]

const editorsOnlyField = { create: editorsOnly, read: editorsOnly, update: editorsOnly }

export const commentsCollection = (options: ResolvedNewsroomOptions): CollectionConfig => {
  const { comments: rules, slugs } = options
  const defaultFields: Field[] = [
    {
      name: 'article',
      type: 'relationship',
      admin: { position: 'sidebar' },
      index: true,
      relationTo: slugs.articles,
      required: true,
    },
    {
      name: 'parent',
      type: 'relationship',
      admin: { position: 'sidebar' },
      index: true,
      relationTo: slugs.comments,
    },
    { name: 'authorName', type: 'text', label: 'Name', maxLength: 100, required: true },
    {
      name: 'authorEmail',
      type: 'email',
      // Readers are told their email will not be published.
      access: { read: editorsOnly },
      index: true,
      label: 'Email',
      required: true,
    },
    authorUrlField(),
    {
      name: 'body',
      type: 'textarea',
      label: 'Comment',
      maxLength: rules.maxLength,
      required: true,
    },
    {
      name: 'status',
      type: 'select',
      access: { create: editorsOnly, update: editorsOnly },
      admin: { position: 'sidebar' },
      defaultValue: 'pending',
      index: true,
      options: COMMENT_STATUSES.map((value) => ({
        label: value[0].toUpperCase() + value.slice(1),
        value,
      })),
      required: true,
    },
    {
      name: 'moderationReason',
      type: 'text',
      access: editorsOnlyField,
      admin: { position: 'sidebar', readOnly: true },
    },
    ...(slugs.readers
      ? [
          {
            name: 'reader',
            type: 'relationship',
            access: { create: editorsOnly, update: editorsOnly },
            admin: { position: 'sidebar', readOnly: true },
            index: true,
            relationTo: slugs.readers,
          } as Field,
        ]
      : []),
    {
      name: 'fingerprint',
      type: 'text',
      access: editorsOnlyField,
      admin: { description: 'Hash of the requester (IP + user agent) for flood control.', position: 'sidebar', readOnly: true },
      index: true,
    },
    {
      // Honeypot: invisible in the public form, filled in only by bots. Never stored.
      name: rules.honeypotField,
      type: 'text',
      admin: { hidden: true },
      virtual: true,
    },
  ]

  const collection: CollectionConfig = {
    slug: slugs.comments,
    access: {
      create: () => true,
      delete: editorsOnly,
      // The public reads approved comments only.
      read: ({ req }) => (isEditor(req) ? true : { status: { equals: 'approved' } }),
      update: editorsOnly,
    },
    admin: {
      defaultColumns: ['authorName', 'body', 'article', 'status', 'moderationReason', 'createdAt'],
      group: 'Newsroom',
      listSearchableFields: ['authorName', 'authorEmail', 'body'],
      useAsTitle: 'authorName',
    },
    defaultSort: '-createdAt',
    fields: defaultFields,
    indexes: [
      { fields: ['status', 'createdAt'] },
      { fields: ['article', 'status'] },
      { fields: ['authorEmail', 'createdAt'] },
      { fields: ['fingerprint', 'createdAt'] },
    ],
    labels: { plural: 'Comments', singular: 'Comment' },
    timestamps: true,
  }
  return mergeOverride(collection, options.overrides.comments)
}
