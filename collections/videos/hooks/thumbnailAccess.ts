import type { CollectionAfterReadHook, FieldAccess } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { gatedFieldRead } from '../../../src/access/premiumGate.js'
import { relationId } from '../../../src/utilities/relationId.js'

type VideoDoc = { locked?: boolean; poster?: unknown; thumbnailUrl?: null | string }

/**
 * A YouTube thumbnail URL carries the video id, which is as good as the playable link. So for a
 * premium video it is gated like the player, unless it is the editor-set poster (always public).
 * Without a document (where/sort) non-entitled requesters are refused: no probing for the id.
 */
export const thumbnailRead =
  (options: ResolvedNewsroomOptions): FieldAccess =>
  async (args) =>
    (await gatedFieldRead(options)(args)) || relationId((args.doc as VideoDoc | undefined)?.poster) !== null

/** Locked videos without a poster come back with `thumbnailUrl: null` (present, not missing). */
export const nullLockedThumbnail: CollectionAfterReadHook = ({ doc }) => {
  const video = doc as VideoDoc
  if (!video.locked || relationId(video.poster) !== null) return doc
  return { ...doc, thumbnailUrl: null }
}
