import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { isEditor } from '../../../src/access/roles.js'
import type { CommentStatus } from '../../../src/moderation/commentStatus.js'

const DECISIONS: Record<CommentStatus, string> = {
  approved: 'Approved',
  pending: 'Set back to pending',
  spam: 'Marked as spam',
  trash: 'Moved to trash',
}

/** The moderation reason an editor's status change leaves, e.g. `Approved by editor@example.com on 2026-01-31T09:00:00.000Z`. */
export const editorDecisionReason = (status: string, editor: string, at: Date): null | string => {
  const decision = DECISIONS[status as CommentStatus]
  return decision ? `${decision} by ${editor} on ${at.toISOString()}` : null
}

/** How the editor is named in the reason: their email, else their account. */
const editorName = (user: NonNullable<PayloadRequest['user']>): string => {
  const email = (user as { email?: unknown }).email
  return typeof email === 'string' && email ? email : `${user.collection} ${user.id}`
}

/**
 * When an editor moves a comment to another status (one by one, in bulk, REST, GraphQL or the admin), its
 * moderation reason says so, instead of the rule that first held it ("Awaiting moderation." on a comment since
 * marked as spam). A reason the editor writes in the same save is kept; server code and readers are not editors.
 */
export const recordEditorDecision: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !req.user || !isEditor(req)) return data
  const status = data?.status
  if (typeof status !== 'string' || status === originalDoc?.status) return data
  const given = data.moderationReason
  if (typeof given === 'string' && given.trim() && given !== originalDoc?.moderationReason) return data
  const reason = editorDecisionReason(status, editorName(req.user), new Date())
  return reason ? { ...data, moderationReason: reason } : data
}
