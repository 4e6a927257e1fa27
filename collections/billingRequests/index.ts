import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { editorsOnly } from '../../src/access/roles.js'

/**
 * Checkout and billing-portal sessions opened per reader (with `billing`): the per-reader rate limit counts them
 * here, so it holds across app instances. Written only by the endpoints; editors may read and delete it.
 */
export const billingRequestsCollection = (options: ResolvedNewsroomOptions): CollectionConfig => ({
  slug: options.slugs.billingRequests,
  access: { create: () => false, delete: editorsOnly, read: editorsOnly, update: () => false },
  admin: { group: 'Newsroom', hidden: true },
  fields: [
    { name: 'reader', type: 'text', index: true, required: true },
    { name: 'kind', type: 'select', options: ['checkout', 'portal'], required: true },
  ],
  indexes: [{ fields: ['reader', 'createdAt'] }],
  labels: { plural: 'Billing requests', singular: 'Billing request' },
  timestamps: true,
})
