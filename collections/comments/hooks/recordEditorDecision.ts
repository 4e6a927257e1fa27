import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import type { EditorDecision, ModerationReason } from '../../../src/moderation/moderationReason.js'

import { isEditor } from '../../../src/access/roles.js'
import { moderationReasonText } from '../../../src/moderation/moderationReason.js'
import { MODERATION_REASON_DETAIL_FIELD } from '../fields/moderationReasonDetail.js'

const DECISIONS = new Set<string>(['approved', 'pending', 'spam', 'trash'])

/** The moderation reason an editor's status change leaves (as data; in words `Approved by e@x.test on <ISO date>`). */
export const editorDecision = (status: string, editor: string, at: Date): ModerationReason | null =>
  DECISIONS.has(status)
    ? { at: at.toISOString(), code: 'editorDecision', decision: status as EditorDecision, editor }
    : null

/** The sentence stored in `moderationReason`, e.g. `Approved by editor@example.com on 2026-01-31T09:00:00.000Z`. */
export const editorDecisionReason = (status: string, editor: string, at: Date): null | string => {
  const reason = editorDecision(status, editor, at)
  return reason ? moderationReasonText(reason) : null
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
  const reason = editorDecision(status, editorName(req.user), new Date())
  return reason
    ? { ...data, moderationReason: moderationReasonText(reason), [MODERATION_REASON_DETAIL_FIELD]: reason }
    : data
}
