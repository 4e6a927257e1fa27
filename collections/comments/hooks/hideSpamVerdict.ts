import type { CollectionAfterOperationHook } from 'payload'

import { isEditor } from '../../../src/access/roles.js'

type WithStatus = { status?: unknown }

const mask = (doc: unknown): unknown => {
  if (!doc || typeof doc !== 'object') return doc
  const status = (doc as WithStatus).status
  return status === 'spam' || status === 'trash' ? { ...doc, status: 'pending' } : doc
}

/**
 * A comment stored as spam answers like any held comment: the requester who wrote it (the only non-editor
 * who ever gets it back, in the create or edit response) sees `pending`. Spammers learn nothing.
 */
export const hideSpamVerdict: CollectionAfterOperationHook = ({ operation, overrideAccess, req, result }) => {
  // Trusted server code and editors see the truth.
  if (overrideAccess === true || isEditor(req)) return result
  if (operation === 'create' || operation === 'updateByID' || operation === 'deleteByID')
    return mask(result) as typeof result
  if ((operation === 'update' || operation === 'delete') && result && typeof result === 'object' && 'docs' in result) {
    const bulk = result as { docs: unknown[] }
    return { ...bulk, docs: bulk.docs.map(mask) } as typeof result
  }
  return result
}
