import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { editorsOnly } from '../../src/access/roles.js'

/**
 * Ledger of "email this article" sends: the rate limit counts it (per requester, sliding hour).
 * Written only by the plugin's endpoint; editors may read and delete it. Holds no addresses:
 * the requester is a keyed hash, recipients only a count.
 */
export const emailLogCollection = (options: ResolvedNewsroomOptions): CollectionConfig => ({
  slug: options.slugs.emailLog,
  access: {
    create: () => false,
    delete: editorsOnly,
    read: editorsOnly,
    update: () => false,
  },
  admin: {
    defaultColumns: ['article', 'recipients', 'fingerprint', 'createdAt'],
    group: 'Newsroom',
    hidden: true,
  },
  fields: [
    { name: 'fingerprint', type: 'text', index: true, required: true },
    { name: 'article', type: 'relationship', relationTo: options.slugs.articles },
    { name: 'recipients', type: 'number', min: 1, required: true },
  ],
  indexes: [{ fields: ['fingerprint', 'createdAt'] }],
  labels: { plural: 'Email log', singular: 'Email log entry' },
  timestamps: true,
})
