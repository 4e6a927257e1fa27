import type { FieldHook } from 'payload'

import { isEditor } from '../../src/access/roles.js'
import { NewsroomClientError } from '../../src/utilities/clientError.js'

/**
 * Payload drops a field its update access refuses and saves the rest, answering 200: a reader who sends a new
 * email address or a better plan would be told it worked. A change to a field only editors (or billing) may
 * write is refused instead, with a 403 that says so, before anything is saved; the same value sent back (a
 * frontend posting the whole account) is not a change. Applies to requests under access control only: the
 * Local API with `overrideAccess` (billing's webhook) is not asked.
 */
export const refuseEditorOnlyChange =
  (message: string, same: (next: unknown, previous: unknown) => boolean): FieldHook =>
  ({ field, operation, overrideAccess, previousValue, req, siblingData }) => {
    const name = 'name' in field ? field.name : undefined
    if (operation !== 'update' || overrideAccess || !name || isEditor(req)) return undefined
    const next = siblingData?.[name]
    if (next === undefined || same(next, previousValue)) return undefined
    // A client's mistake, logged at info like Payload's own validation errors (not at error with a stack).
    throw new NewsroomClientError(message, 403)
  }

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const sameScalar = (next: unknown, previous: unknown): boolean => {
  if ((next ?? null) === (previous ?? null)) return true
  if (typeof next === 'string' && typeof previous === 'string') {
    const a = Date.parse(next)
    const b = Date.parse(previous)
    // Dates travel as ISO strings in either spelling.
    if (!Number.isNaN(a) && a === b && /^\d{4}-/.test(next)) return true
  }
  return false
}

/** An email address: the same mailbox whatever its case. */
export const sameEmail = (next: unknown, previous: unknown): boolean =>
  typeof next === 'string' && typeof previous === 'string' && next.trim().toLowerCase() === previous.toLowerCase()

/** A checkbox: absent and false are the same. */
export const sameFlag = (next: unknown, previous: unknown): boolean =>
  typeof next === 'boolean' && next === Boolean(previous)

/** A group: every key sent holds the stored value (keys left out are not changes). */
export const sameGroup = (next: unknown, previous: unknown): boolean => {
  if (!isPlainObject(next)) return false
  const stored = isPlainObject(previous) ? previous : {}
  return Object.entries(next).every(([key, value]) => sameScalar(value, stored[key]))
}
