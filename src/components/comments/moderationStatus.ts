import { COMMENT_STATUSES, type CommentStatus, isCommentStatus } from '../../moderation/commentStatus.js'
import type { NewsroomTranslationKeys } from '../../translations/index.js'

/** The statuses in queue order: the comments collection's own list (src/moderation/commentStatus.ts). */
export const MODERATION_STATUSES = COMMENT_STATUSES
export type ModerationStatus = CommentStatus

export const isModerationStatus = isCommentStatus

export const statusLabelKey = (status: ModerationStatus): NewsroomTranslationKeys =>
  `plugin-newsroom:status${status[0].toUpperCase()}${status.slice(1)}` as NewsroomTranslationKeys

/** One-click actions offered for a comment in a given status (the status it moves to). */
export const actionsFor = (current: unknown): ModerationStatus[] => {
  switch (current) {
    case 'approved':
      return ['pending', 'spam', 'trash']
    case 'spam':
      return ['approved', 'pending', 'trash']
    case 'trash':
      return ['approved', 'pending']
    default:
      return ['approved', 'spam', 'trash']
  }
}

export const actionLabelKey = (target: ModerationStatus): NewsroomTranslationKeys =>
  ({
    approved: 'plugin-newsroom:actionApprove',
    pending: 'plugin-newsroom:actionHold',
    spam: 'plugin-newsroom:actionSpam',
    trash: 'plugin-newsroom:actionTrash',
  })[target] as NewsroomTranslationKeys

/** Admin list URL of the comments in one status (or all, with `status` undefined). */
export const queueSearch = (status?: ModerationStatus): string =>
  status ? `?where%5Bstatus%5D%5Bequals%5D=${status}` : '?page=1'
