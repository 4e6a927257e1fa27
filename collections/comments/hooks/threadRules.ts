import type { PayloadRequest } from 'payload'

import type { DiscussionSettings } from '../../../src/moderation/settings.js'
import type { FieldError } from '../../../src/utilities/fieldError.js'
import type { ResolvedNewsroomOptions } from '../../../src/types.js'
import type { CommentDoc } from './commentDoc.js'

import { readDiscussionSettings } from '../../../src/globals/discussionSettings.js'
import { relationId } from '../../../src/utilities/relationId.js'
import { type CommentData, fieldErrors } from './submissionValidation.js'

export const PARENT_NOT_FOUND: FieldError = {
  message: 'The comment you are replying to was not found.',
  path: 'parent',
}

/**
 * Errors of a reply's parent: it must exist, be approved (unless `anyStatus`: editors may answer a held
 * comment), be on the same article, and not be too deep.
 */
export const parentErrors = async (
  parentId: number | string,
  articleId: number | string,
  settings: DiscussionSettings,
  slug: string,
  req: PayloadRequest,
  anyStatus: boolean,
): Promise<FieldError[]> => {
  const load = async (id: number | string) =>
    (await req.payload.findByID({
      id,
      collection: slug,
      depth: 0,
      disableErrors: true,
      overrideAccess: true,
      req,
      select: { article: true, parent: true, status: true },
    })) as CommentDoc | null
  const parent = await load(parentId)
  if (!parent || (parent.status !== 'approved' && !anyStatus)) return [PARENT_NOT_FOUND]
  if (String(relationId(parent.article)) !== String(articleId)) {
    return [{ message: 'A reply must be on the same article as the comment it answers.', path: 'parent' }]
  }
  // The parent's level: 1 for a top-level comment. The walk stops at the limit, so a cycle cannot loop.
  let level = 1
  let cursor = relationId(parent.parent)
  while (cursor !== null && level < settings.maxDepth) {
    const ancestor = await load(cursor)
    level++
    cursor = ancestor ? relationId(ancestor.parent) : null
  }
  if (level + 1 > settings.maxDepth) {
    return [{ message: `Replies can be nested at most ${settings.maxDepth} levels deep.`, path: 'parent' }]
  }
  return []
}

/** Editors and server code are not moderated, but their replies still follow the thread rules. */
export const checkThread = async (
  data: CommentData,
  slug: string,
  options: ResolvedNewsroomOptions,
  req: PayloadRequest,
): Promise<CommentData> => {
  const parentId = relationId(data.parent)
  const articleId = relationId(data.article)
  if (parentId === null || articleId === null) return data
  const settings = await readDiscussionSettings(req, options)
  const errors = await parentErrors(parentId, articleId, settings, slug, req, true)
  if (errors.length) throw fieldErrors(slug, errors, req)
  return data
}
