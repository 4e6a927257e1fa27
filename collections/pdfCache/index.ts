import type { CollectionConfig } from 'payload'

const nobody = () => false

/**
 * Rendered PDFs (src/print/pdf/pdfCache.ts): one per article × audience × language (`slot`, unique), found by
 * the hash of everything it was drawn from (`key`, unique). Written and read only by the plugin, with access
 * overridden: no API reaches it, not even editors' (a full PDF is premium content).
 */
export const pdfCacheCollection = (slug: string): CollectionConfig => ({
  slug,
  access: { create: nobody, delete: nobody, read: nobody, readVersions: nobody, update: nobody },
  admin: { group: 'Newsroom', hidden: true },
  fields: [
    { name: 'key', type: 'text', index: true, required: true, unique: true },
    { name: 'slot', type: 'text', index: true, required: true, unique: true },
    { name: 'article', type: 'text', index: true, required: true },
    { name: 'bytes', type: 'number', required: true },
    { name: 'missing', type: 'json' },
    // When this PDF was stored: an article's save drops what was stored before it; 30 days old is dropped anyway.
    { name: 'storedAt', type: 'date', index: true, required: true },
    // Base64 of the PDF (at most `print.pdfCache.maxBytes`, well under MongoDB's 16 MB document limit).
    { name: 'pdf', type: 'textarea', required: true },
  ],
  graphQL: false,
  labels: { plural: 'Rendered PDFs', singular: 'Rendered PDF' },
  timestamps: true,
})
