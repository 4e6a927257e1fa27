import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { editorsOnly } from '../../src/access/roles.js'

/**
 * The Stripe webhook's ledger (with `billing`): one document per event id under a unique index, so the database
 * decides which delivery (on any instance, or a retry) processes an event; `processing` claims older than the
 * lease may be taken over (a process that died). Written only by the webhook; editors may read and delete it.
 */
export const stripeEventsCollection = (options: ResolvedNewsroomOptions): CollectionConfig => ({
  slug: options.slugs.stripeEvents,
  access: { create: () => false, delete: editorsOnly, read: editorsOnly, update: () => false },
  admin: { defaultColumns: ['eventId', 'type', 'state', 'updatedAt'], group: 'Newsroom', hidden: true },
  fields: [
    { name: 'eventId', type: 'text', index: true, required: true, unique: true },
    { name: 'type', type: 'text', required: true },
    // processing: claimed, being applied · applied: changed a reader · ignored: nothing to change (unknown type,
    // no matching reader, complimentary, older than the reader's state).
    { name: 'state', type: 'select', options: ['processing', 'applied', 'ignored'], required: true },
    { name: 'claimedAt', type: 'date', required: true },
    // Which delivery holds the claim: only it marks the event done or gives the claim back.
    { name: 'holder', type: 'text', required: true },
    { name: 'outcome', type: 'text' },
  ],
  labels: { plural: 'Stripe events', singular: 'Stripe event' },
  timestamps: true,
})
