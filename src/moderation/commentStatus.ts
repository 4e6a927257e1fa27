/**
 * A comment's moderation status, in queue order. The one list: the comments collection's select field,
 * the hooks, the moderation engine's verdicts and the admin queue all read it from here.
 */
export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const
export type CommentStatus = (typeof COMMENT_STATUSES)[number]

export const isCommentStatus = (value: unknown): value is CommentStatus =>
  COMMENT_STATUSES.includes(value as CommentStatus)
