import type { Access, Where } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { isEditor } from '../../src/access/roles.js'
import { readDiscussionSettings } from '../../src/globals/discussionSettings.js'
import { readerOf } from './hooks/readerOf.js'

/** The public reads approved comments only; editors read everything. */
export const readApprovedOrEditor: Access = ({ req }) => (isEditor(req) ? true : { status: { equals: 'approved' } })

/**
 * Editors change and delete any comment. A logged-in reader changes or deletes their own within the edit
 * window of the Discussion settings, whatever its status: a held, spam or trashed comment all look `pending`
 * to its author (hideSpamVerdict), so refusing some of them would tell which words are on the disallowed list.
 * An edit never lowers the status (moderateOnSave); the window is part of the query, so an expired comment is
 * simply not found for them.
 */
export const ownCommentWithinWindow =
  (options: ResolvedNewsroomOptions): Access =>
  async ({ req }) => {
    if (isEditor(req)) return true
    const reader = readerOf(req, options)
    if (!reader) return false
    const { editWindowSeconds } = await readDiscussionSettings(req, options)
    if (editWindowSeconds <= 0) return false
    const since = new Date(Date.now() - editWindowSeconds * 1000).toISOString()
    const own: Where = {
      and: [{ reader: { equals: reader.id } }, { createdAt: { greater_than: since } }],
    }
    return own
  }
