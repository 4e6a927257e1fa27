import type { CollectionBeforeChangeHook } from 'payload'

/**
 * A document published without a `publishedAt` gets "now": lists sort newest first by it, and print, feeds and
 * the comment close-after-days rule read it. A date the editor set (now or earlier) is kept; drafts get none.
 */
export const setPublishedAt: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const status = data._status ?? originalDoc?._status
  const publishedAt = data.publishedAt === undefined ? originalDoc?.publishedAt : data.publishedAt
  if (status !== 'published' || publishedAt) return data
  return { ...data, publishedAt: new Date().toISOString() }
}
