import type { Field } from 'payload'

import { editorsOnly } from '../../../src/access/roles.js'

/** The comment's field that holds its moderation reason as data (`ModerationReason`), beside the sentence. */
export const MODERATION_REASON_DETAIL_FIELD = 'moderationReasonDetail'

/**
 * Written only by the plugin's hooks (the rules, an editor's decision, readers' reports); editors read it, the
 * admin says it in the editor's language (`moderationReason` shows it). Nobody else ever receives it.
 */
export const moderationReasonDetailField = (): Field => ({
  name: MODERATION_REASON_DETAIL_FIELD,
  type: 'json',
  access: { create: () => false, read: editorsOnly, update: () => false },
  admin: { hidden: true },
})
