import type { CollectionAfterOperationHook } from 'payload'

type Counted = { commentCount?: null | number; id: number | string }

/**
 * Draft reads (the admin's Articles list and edit view, `?draft=true`, GraphQL `draft: true`) come from each
 * article's latest version, whose `commentCount` is the copy taken when that version was saved: comments move
 * only the live document's count (collections/comments/hooks/commentCount.ts), never the versions'. So a draft
 * read takes the count from the live documents — one query for the whole page.
 */
export const liveCommentCountInDrafts =
  (articlesSlug: string): CollectionAfterOperationHook =>
  async ({ args, operation, req, result }) => {
    if (!(args as { draft?: boolean }).draft || !result || typeof result !== 'object') return result
    const docs: Counted[] =
      operation === 'find' && 'docs' in result
        ? (result as { docs: Counted[] }).docs
        : operation === 'findByID'
          ? [result as unknown as Counted]
          : []
    // A `select` that left the count out keeps it out.
    const shown = docs.filter((doc) => doc && doc.id !== undefined && 'commentCount' in doc)
    if (shown.length === 0) return result
    const live = await req.payload.db.find({
      collection: articlesSlug,
      limit: 0,
      pagination: false,
      req,
      select: { commentCount: true },
      where: { id: { in: shown.map((doc) => doc.id) } },
    })
    const counts = new Map(live.docs.map((doc) => [String(doc.id), (doc as Counted).commentCount ?? 0]))
    for (const doc of shown) doc.commentCount = counts.get(String(doc.id)) ?? doc.commentCount
    return result
  }
