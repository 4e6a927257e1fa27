import type { CollectionBeforeValidateHook } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { normalizeBody, normalizeLine } from '../../../src/moderation/submission.js'
import { isModeratedWrite } from './isModeratedWrite.js'
import { readerOf } from './readerOf.js'

type Identity = { email?: unknown; name?: unknown }

/**
 * Before validation (field access has already stripped what the requester may not set): for a moderated
 * write, a logged-in commenter's name and email come from the account and the reader link is set; for every
 * write the text fields are normalised so validation and duplicate checks see what will be stored.
 */
export const prepareComment =
  (options: ResolvedNewsroomOptions): CollectionBeforeValidateHook =>
  ({ data, operation, req }) => {
    if (!data) return data
    const next = { ...data }
    if (!isModeratedWrite(req, data)) return normalize(next)

    // Payload accepts timestamps from the request body; a backdated or future `createdAt` would dodge
    // the flood rule and stretch the edit window.
    delete next.createdAt
    delete next.updatedAt

    if (operation === 'create' && req.user) {
      const account = req.user as Identity
      if (typeof account.email === 'string' && account.email) next.authorEmail = account.email
      const accountName = typeof account.name === 'string' ? account.name.trim() : ''
      if (accountName) next.authorName = accountName
      else if (typeof next.authorName !== 'string' || !next.authorName.trim()) {
        next.authorName = typeof account.email === 'string' ? account.email.split('@')[0] : next.authorName
      }
      const reader = readerOf(req, options)
      if (reader) next.reader = reader.id
    }
    return normalize(next)
  }

const normalize = (next: Record<string, unknown>) => {
  if (typeof next.authorName === 'string') next.authorName = normalizeLine(next.authorName)
  if (typeof next.authorEmail === 'string') next.authorEmail = next.authorEmail.trim().toLowerCase()
  if (typeof next.authorUrl === 'string') next.authorUrl = normalizeLine(next.authorUrl) || null
  if (typeof next.body === 'string') next.body = normalizeBody(next.body)
  return next
}
