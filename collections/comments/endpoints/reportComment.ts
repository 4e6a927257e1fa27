import type { Endpoint, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { NewsroomClientError } from '../../../src/utilities/clientError.js'

const MAX_BODY_BYTES = 4 * 1024

const readReason = async (req: PayloadRequest): Promise<string | undefined> => {
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY_BYTES)
    throw new NewsroomClientError('The request is too large.', 413)
  const text = (await req.text?.()) ?? ''
  if (!text) return undefined
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new NewsroomClientError('The request body is not valid JSON.', 400)
  }
  const reason = (body as { reason?: unknown } | null)?.reason
  if (reason === undefined || reason === null) return undefined
  if (typeof reason !== 'string') throw new NewsroomClientError('`reason` must be text.', 400)
  return reason
}

/**
 * `POST /api/{comments}/:id/report` `{ reason? }`: a logged-in reader reports a comment. A thin wrapper over
 * Payload's own create on the reports collection (same as `POST /api/{commentReports}` or the GraphQL
 * `createCommentReport`), with its access and hooks, answering 201, or 200 when this reader already reported it.
 */
export const reportCommentEndpoint = (options: ResolvedNewsroomOptions): Endpoint => ({
  handler: async (req) => {
    const id = req.routeParams?.id as string | undefined
    if (!req.user) throw new NewsroomClientError('Log in to report a comment.', 401)
    const reason = await readReason(req)
    try {
      await req.payload.create({
        collection: options.slugs.commentReports,
        data: { comment: id, ...(reason ? { reason } : {}) },
        overrideAccess: false,
        req,
      })
    } catch (error) {
      // Reporting twice is not an error for the reader: the first report stands.
      if (error instanceof APIError && error.status === 409) {
        return Response.json({ message: 'You have already reported this comment.' }, { status: 200 })
      }
      throw error
    }
    return Response.json({ message: 'Thank you. An editor will look at this comment.' }, { status: 201 })
  },
  method: 'post',
  path: '/:id/report',
})
