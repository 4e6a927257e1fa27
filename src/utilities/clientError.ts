import { APIError } from 'payload'

/** The 4xx statuses the plugin answers a client's mistake with. */
export type ClientErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429

/**
 * A request the client got wrong (malformed query or body, an unknown route, too large), answered with its
 * status and message. A name of its own, because Payload picks the log level by `error.name`
 * (`loggingLevels`): a plain `APIError` is logged at `error` with its stack, whatever its status.
 */
export class NewsroomClientError extends APIError {
  constructor(message: string, status: ClientErrorStatus, data: null | Record<string, unknown> = null) {
    super(message, status, data, true)
    this.name = 'NewsroomClientError'
  }
}
