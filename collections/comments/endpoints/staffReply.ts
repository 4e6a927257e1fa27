import type { Endpoint } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { isEditor } from '../../../src/access/roles.js'
import { NewsroomClientError } from '../../../src/utilities/clientError.js'
import { relationId } from '../../../src/utilities/relationId.js'
import { STAFF_FIELD } from '../fields/staffField.js'

const MAX_BODY_BYTES = 16 * 1024

type ParentDoc = { article?: unknown; id: number | string }

/**
 * `POST /api/{comments}/:id/staff-reply` `{ body }`: an editor answers a comment from the moderation desk. The
 * reply is approved at once and marked `staff` — written by server code through Payload's own create (thread
 * rules, counts, notifications), in the editor's name. Anyone else: 403, and nothing is stored.
 */
export const staffReplyEndpoint = (options: ResolvedNewsroomOptions): Endpoint => ({
  handler: async (req) => {
    if (!req.user || !isEditor(req)) throw new NewsroomClientError('Only editors can reply as staff.', 403)
    if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
      throw new NewsroomClientError('The request is too large.', 413)
    }
    let payloadBody: unknown
    try {
      payloadBody = await req.json?.()
    } catch {
      throw new NewsroomClientError('The request body is not valid JSON.', 400)
    }
    const text = (payloadBody as { body?: unknown } | null)?.body
    if (typeof text !== 'string' || !text.trim()) throw new NewsroomClientError('`body` must be the reply text.', 400)
    const parent = (await req.payload.findByID({
      collection: options.slugs.comments as 'comments',
      depth: 0,
      disableErrors: true,
      id: String(req.routeParams?.id ?? ''),
      overrideAccess: true,
      req,
      select: { article: true },
    })) as null | ParentDoc
    if (!parent) throw new NewsroomClientError('The comment you are replying to was not found.', 404)
    const user = req.user as { email?: unknown; name?: unknown }
    const email = typeof user.email === 'string' ? user.email : ''
    const name = typeof user.name === 'string' && user.name.trim() ? user.name.trim() : email
    const reply = await req.payload.create({
      collection: options.slugs.comments as 'comments',
      data: {
        article: relationId(parent.article),
        authorEmail: email,
        authorName: name,
        body: text.trim(),
        parent: parent.id,
        [STAFF_FIELD]: true,
        status: 'approved',
      } as never,
      depth: 0,
      // Server code sets `staff`; the editor's own rights (status, no moderation) apply to the rest.
      overrideAccess: true,
      req,
    })
    return Response.json({ doc: reply, message: 'Reply published.' }, { status: 201 })
  },
  method: 'post',
  path: '/:id/staff-reply',
})
