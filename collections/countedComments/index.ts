import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { editorsOnly } from '../../src/access/roles.js'

/**
 * Which comments `articles.commentCount` includes: one entry per counted comment, its id the comment's id.
 * Moving a comment in or out of the count is one insert or one conditional delete of its entry, so however
 * many instances settle the same comment at once, exactly one of them moves the count. A separate collection,
 * because Payload writes a comment back whole on every update and would overwrite a marker kept on it.
 */
export const countedCommentsCollection = (options: ResolvedNewsroomOptions): CollectionConfig => ({
  slug: options.slugs.countedComments,
  access: {
    create: () => false,
    delete: () => false,
    read: editorsOnly,
    update: () => false,
  },
  admin: { group: 'Newsroom', hidden: true },
  fields: [
    { name: 'id', type: 'text', required: true },
    // The article whose count includes the comment (its id as text).
    { name: 'article', type: 'text', index: true, required: true },
  ],
  labels: { plural: 'Counted comments', singular: 'Counted comment' },
  timestamps: false,
})
