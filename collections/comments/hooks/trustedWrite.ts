import type { FieldHook } from 'payload'

/**
 * Marks the data of a write made by trusted server code (Local API with `overrideAccess`, Payload's default):
 * like an editor's, it is not moderated. Collection hooks are not told `overrideAccess`, field hooks are:
 * the status field's hook sets this key. A symbol: a request body cannot carry it, object spreads keep it,
 * and the database never sees it.
 */
export const TRUSTED_WRITE = Symbol('payload-plugin-newsroom.trustedWrite')

export const recordTrustedWrite: FieldHook = ({ data, overrideAccess }) => {
  if (data) (data as Record<symbol, unknown>)[TRUSTED_WRITE] = overrideAccess === true
  return undefined
}
