import type { FieldHook, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { CommentStatus } from '../../../src/moderation/commentStatus.js'
import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { isEditor } from '../../../src/access/roles.js'

/** The stored shape of a comment, as the hooks read it. */
export type CommentDoc = {
  article?: unknown
  authorEmail?: null | string
  authorName?: null | string
  authorUrl?: null | string
  body?: null | string
  createdAt?: string
  fingerprint?: null | string
  id: number | string
  moderationReason?: null | string
  parent?: unknown
  reader?: unknown
  status?: CommentStatus | null
}

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

/** Whether this write goes through moderation: anyone but editors and trusted server code. */
export const isModeratedWrite = (req: PayloadRequest, data: unknown): boolean =>
  !isEditor(req) && !(data && typeof data === 'object' && (data as Record<symbol, unknown>)[TRUSTED_WRITE] === true)

/** A logged-in reader (a user of the plugin's readers collection), or null. */
export const readerOf = (req: PayloadRequest, options: ResolvedNewsroomOptions) =>
  req.user && options.slugs.readers && req.user.collection === options.slugs.readers ? req.user : null

/** Queues a job without ever failing the comment: a queue problem is logged, the comment is kept. */
export const queueSafely = async (req: PayloadRequest, task: string, input: Record<string, unknown>): Promise<void> => {
  try {
    await req.payload.jobs.queue({ input, req, task } as Parameters<typeof req.payload.jobs.queue>[0])
  } catch (error) {
    req.payload.logger.error({ err: error, msg: `payload-plugin-newsroom: could not queue ${task}` })
  }
}

/**
 * A comment the rules refuse (403 closed, 409 duplicate, 429 flood): an APIError with its own name, so hosts
 * can set its log level (the plugin logs it at `info`: it is the client's mistake, not the server's).
 */
export class CommentRejectedError extends APIError {
  constructor(message: string, status: number, data: Record<string, unknown>) {
    super(message, status, data, true)
    this.name = 'CommentRejectedError'
  }
}
