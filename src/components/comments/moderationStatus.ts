import type { CommentStatus } from '../../../collections/comments/index.js'
import type { NewsroomTranslationKeys } from '../../translations/index.js'

/** The statuses in queue order; typed against the collection's own list so the two cannot drift. */
export const MODERATION_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const satisfies readonly CommentStatus[]
export type ModerationStatus = (typeof MODERATION_STATUSES)[number]

export const isModerationStatus = (value: unknown): value is ModerationStatus =>
  MODERATION_STATUSES.includes(value as ModerationStatus)

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
