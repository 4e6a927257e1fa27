import type { CollectionConfig } from 'payload'

import { editorsOnly } from '../../src/access/roles.js'

/**
 * One document per requester × article × period of the meter. Two unique indexes make the database decide:
 * `articleKey` (requester, period, article: an article is unlocked once) and `slotKey` (requester, period,
 * slot 0…N-1: at most N unlocks). One insert is the whole unlock, so a crash can never leave half of one.
 * Written only by the plugin; editors may read and delete them (deleting one gives its slot back).
 */
export const meterUnlocksCollection = (slug: string): CollectionConfig => ({
  slug,
  access: { create: () => false, delete: editorsOnly, read: editorsOnly, update: () => false },
  admin: { defaultColumns: ['requester', 'article', 'period', 'expiresAt'], group: 'Newsroom', hidden: true },
  fields: [
    { name: 'articleKey', type: 'text', index: true, required: true, unique: true },
    { name: 'slotKey', type: 'text', index: true, required: true, unique: true },
    // `reader:<id>` (by account) or `anon:<cookie id>`.
    { name: 'requester', type: 'text', index: true, required: true },
    { name: 'article', type: 'text', required: true },
    { name: 'period', type: 'text', required: true },
    { name: 'slot', type: 'number', required: true },
    // When the period ends: reads consider only unlocks whose period is still running.
    { name: 'expiresAt', type: 'date', index: true, required: true },
  ],
  indexes: [{ fields: ['requester', 'expiresAt'] }],
  labels: { plural: 'Meter unlocks', singular: 'Meter unlock' },
  timestamps: true,
})
