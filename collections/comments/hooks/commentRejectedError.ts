import { APIError } from 'payload'

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
