import type { FieldHook } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { countedCommentsOf } from '../../../src/commentCount/recountCommentCount.js'

/**
 * Field hook for `articles.commentCount`: every article save writes the count its entries give. Publishing a
 * draft would otherwise copy the draft version's (stale) count over the live one, and any drift heals on the
 * next save.
 */
export const recountApprovedComments =
  (options: ResolvedNewsroomOptions): FieldHook =>
  async ({ operation, originalDoc, req, value }) => {
    const id = (originalDoc as { id?: number | string } | undefined)?.id
    if (operation !== 'update' || id === undefined) return operation === 'create' ? 0 : value
    return countedCommentsOf(req.payload, options, id)
  }
