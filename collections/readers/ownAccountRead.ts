import type { CollectionBeforeChangeHook, FieldAccess } from 'payload'

import { isEditor } from '../../src/access/roles.js'

// `req.context` key: the email of the account this request is creating (a sign-up sees what it just stored).
const NEW_ACCOUNT = 'newsroomNewReaderAccount'

const normalizedEmail = (value: unknown): null | string =>
  typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : null

/** Remembers, for this request only, which account a sign-up creates (see `ownAccountFieldRead`). */
export const rememberNewAccount: CollectionBeforeChangeHook = ({ data, operation, req }) => {
  const email = operation === 'create' ? normalizedEmail(data?.email) : null
  if (email) req.context[NEW_ACCOUNT] = email
  return data
}

/**
 * Read access of a reader's private fields (email, name, subscription): editors, the reader themselves, and the
 * request that just created the account. Without a document — a `where` or `sort` on the field, also through a
 * relationship such as a comment's `reader.email` — editors only: the database sorts relationship paths without
 * the related collection's access, so an accepted sort would order documents by other readers' private data.
 */
export const ownAccountFieldRead =
  (readersSlug: string): FieldAccess =>
  ({ doc, req }) => {
    if (isEditor(req)) return true
    if (!doc) return false
    if (req.user?.collection === readersSlug && String(req.user.id) === String(doc.id)) return true
    const created = req.context?.[NEW_ACCOUNT]
    return typeof created === 'string' && normalizedEmail(doc.email) === created
  }
