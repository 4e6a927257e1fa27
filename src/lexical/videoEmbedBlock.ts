import type { Block } from 'payload'

export const VIDEO_EMBED_BLOCK = 'videoEmbed'

/** Places a video from the videos collection inside an article body; populated (and gated) on read. */
export const videoEmbedBlock = (videosSlug: string): Block => ({
  slug: VIDEO_EMBED_BLOCK,
  fields: [
    { name: 'video', type: 'relationship', relationTo: videosSlug, required: true },
    { name: 'caption', type: 'text', maxLength: 300 },
  ],
  interfaceName: 'VideoEmbedBlock',
  labels: { plural: 'Videos', singular: 'Video' },
})
