import type { Endpoint } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { isEditor } from '../../../src/access/roles.js'
import { NewsroomClientError } from '../../../src/utilities/clientError.js'
import { withKey, withoutKey } from '../../../src/moderation/keyListEdit.js'
import { updateKeyList } from '../../../src/moderation/updateKeyList.js'

/**
 * `POST /api/{comments}/:id/block-author` `{ undo? }`: an editor blocks the comment's author from the desk — the
 * author's email joins the disallowed keys, so their next comments are filed as spam — or, with `undo: true`,
 * takes it out again. Editors only; answers the key and whether the list changed.
 */
export const blockAuthorEndpoint = (options: ResolvedNewsroomOptions): Endpoint => ({
  handler: async (req) => {
    if (!req.user || !isEditor(req)) throw new NewsroomClientError('Only editors can block an author.', 403)
    let body: unknown = {}
    try {
      body = (await req.json?.()) ?? {}
    } catch {
      // An empty body means "block".
    }
    const undo = (body as { undo?: unknown } | null)?.undo === true
    const comment = (await req.payload.findByID({
      collection: options.slugs.comments as 'comments',
      depth: 0,
      disableErrors: true,
      id: String(req.routeParams?.id ?? ''),
      overrideAccess: true,
      req,
      select: { authorEmail: true },
    })) as { authorEmail?: null | string } | null
    if (!comment) throw new NewsroomClientError('Comment not found.', 404)
    const key = comment.authorEmail?.trim().toLowerCase()
    if (!key) throw new NewsroomClientError('This comment has no author email to block.', 400)
    const changed = await updateKeyList({
      edit: (list) => (undo ? withoutKey(list, key) : withKey(list, key)),
      field: 'disallowedKeys',
      globalSlug: options.slugs.discussionSettings,
      payload: req.payload,
      req,
    })
    return Response.json({ blocked: !undo, changed, key })
  },
  method: 'post',
  path: '/:id/block-author',
})
