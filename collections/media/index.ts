import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { editorsOnly } from '../../src/access/roles.js'

/** Images (hero images, posters) and video files, when the host does not bring its own media collection. */
export const mediaCollection = (options: ResolvedNewsroomOptions): CollectionConfig => {
  const collection: CollectionConfig = {
    slug: options.slugs.media,
    access: { create: editorsOnly, delete: editorsOnly, read: () => true, update: editorsOnly },
    admin: { group: 'Newsroom' },
    fields: [{ name: 'alt', type: 'text', maxLength: 300 }],
    labels: { plural: 'Media', singular: 'Media' },
    upload: { mimeTypes: ['image/*', 'video/*'] },
  }
  return collection
}
