import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { editorsOnly } from '../../src/access/roles.js'

/**
 * Claims the flood and duplicate rules take before a comment is stored: one document per key under a unique
 * index, so the database, not a re-read, decides which of two concurrent submissions (on any app instance) wins.
 * Keys are keyed hashes (no addresses, no text). Written only by the plugin; editors may read and delete them.
 */
export const commentClaimsCollection = (options: ResolvedNewsroomOptions): CollectionConfig => ({
  slug: options.slugs.commentClaims,
  access: {
    create: () => false,
    delete: editorsOnly,
    read: editorsOnly,
    update: () => false,
  },
  admin: { group: 'Newsroom', hidden: true },
  fields: [
    // `flood:…` (one requester's window) or `duplicate:…` (one requester's words on one article).
    { name: 'key', type: 'text', index: true, required: true, unique: true },
    // Flood: when the requester's last comment was accepted. Duplicate: when the words were claimed.
    { name: 'at', type: 'date', required: true },
    // Which submission holds the claim, so only it releases the claim when its comment is not stored after all.
    { name: 'holder', type: 'text' },
  ],
  labels: { plural: 'Comment claims', singular: 'Comment claim' },
  timestamps: false,
})
