import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { editorsOnly } from '../../src/access/roles.js'
import { checkReport, recordReporter, sendBackWhenReported } from './hooks/reports.js'
import { readerOf } from './hooks/readerOf.js'

/**
 * Reader reports of a comment: one document per reader and comment, stored in the database so the threshold
 * holds across app instances. Logged-in readers create them; only editors read, change or delete them.
 */
export const commentReportsCollection = (options: ResolvedNewsroomOptions, readersSlug: string): CollectionConfig => {
  const { slugs } = options
  const editorsWrite = { create: editorsOnly, update: editorsOnly }
  const collection: CollectionConfig = {
    slug: slugs.commentReports,
    access: {
      create: ({ req }) => Boolean(readerOf(req, options)),
      delete: editorsOnly,
      read: editorsOnly,
      update: editorsOnly,
    },
    admin: {
      defaultColumns: ['comment', 'reader', 'reason', 'createdAt'],
      group: 'Newsroom',
    },
    fields: [
      {
        name: 'comment',
        type: 'relationship',
        access: { update: editorsOnly },
        index: true,
        relationTo: slugs.comments,
        required: true,
      },
      // Set from the logged-in reader, never from the request body.
      { name: 'reader', type: 'relationship', access: editorsWrite, index: true, relationTo: readersSlug },
      { name: 'reason', type: 'textarea', maxLength: 500 },
    ],
    hooks: options.disabled
      ? {}
      : {
          afterChange: [sendBackWhenReported(options)],
          beforeChange: [checkReport(options)],
          beforeValidate: [recordReporter(options)],
        },
    // One report per reader and comment (enforced by the database where it supports unique indexes).
    indexes: [{ fields: ['comment', 'reader'], unique: true }],
    labels: { plural: 'Comment reports', singular: 'Comment report' },
    timestamps: true,
  }
  return collection
}
