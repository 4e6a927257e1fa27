import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { editorsOnly } from '../../src/access/roles.js'
import { DELIVERY_STATES } from '../../src/delivery/deliverOnce.js'

/**
 * One document per message the plugin sends, under a unique index on its idempotency key: inserting it is
 * the claim to send (only one runner of any instance wins), `sent` marks it done so a retry, a second runner
 * or a re-queued job skips it. Written only by the plugin's tasks (database level); editors may read it.
 * Holds no addresses: the key is a hash.
 */
export const deliveriesCollection = (options: ResolvedNewsroomOptions): CollectionConfig => ({
  slug: options.slugs.deliveries,
  access: {
    create: () => false,
    delete: editorsOnly,
    read: editorsOnly,
    update: () => false,
  },
  admin: {
    defaultColumns: ['task', 'state', 'claimedAt', 'sentAt'],
    group: 'Newsroom',
    hidden: true,
  },
  fields: [
    { name: 'key', type: 'text', index: true, required: true, unique: true },
    { name: 'task', type: 'text', index: true },
    { name: 'state', type: 'select', options: [...DELIVERY_STATES], required: true },
    // When the current holder claimed it: a claim older than the lease belongs to a runner that died.
    { name: 'claimedAt', type: 'date', required: true },
    // Who holds the claim (one value per attempt), so only the holder marks it sent or releases it.
    { name: 'owner', type: 'text' },
    { name: 'sentAt', type: 'date', index: true },
  ],
  labels: { plural: 'Deliveries', singular: 'Delivery' },
  timestamps: true,
})
