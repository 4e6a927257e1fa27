import type { PayloadHandler } from 'payload'

import { NewsroomClientError } from '../utilities/clientError.js'

/** A request the client got wrong (bad id, body, size): answered 4xx with its message, not logged as a server error. */
export class PrintClientError extends NewsroomClientError {
  constructor(message: string, status: 400 | 413 | 415) {
    super(message, status)
  }
}

/** Answers a thrown PrintClientError in Payload's error shape (`{ errors: [{ message }] }`); anything else propagates. */
export const answeringClientErrors =
  (handler: PayloadHandler): PayloadHandler =>
  async (req) => {
    try {
      return await handler(req)
    } catch (error) {
      if (!(error instanceof PrintClientError)) throw error
      return Response.json({ errors: [{ message: error.message }] }, { status: error.status })
    }
  }
