import type { ArticleComment } from './types.js'

export type CommentThread = ArticleComment & { replies: CommentThread[] }

/**
 * Nests comments under their parents, keeping the given order at every level. A reply whose
 * parent is not in the list (not approved, or beyond the page) is shown at the top level.
 */
export function buildThreads(comments: ArticleComment[]): CommentThread[] {
  const byId = new Map<string, CommentThread>(comments.map((comment) => [comment.id, { ...comment, replies: [] }]))
  const roots: CommentThread[] = []
  for (const comment of byId.values()) {
    const parent = comment.parent?.id ? byId.get(comment.parent.id) : undefined
    if (parent && parent !== comment) parent.replies.push(comment)
    else roots.push(comment)
  }
  return roots
}
