import type { PayloadRequest } from 'payload'

import { ValidationError } from 'payload'

import type { FieldError } from '../../../src/utilities/fieldError.js'
import type { ResolvedNewsroomOptions } from '../../../src/types.js'
import type { CommentDoc } from './commentDoc.js'

const NAME_MAX_LENGTH = 100
const URL_MAX_LENGTH = 500

/** A comment's data as a write hands it to the hooks. */
export type CommentData = Partial<Omit<CommentDoc, 'id'>> & Record<string, unknown>

/** The length limits a submission is checked against. */
export const limitsOf = (options: ResolvedNewsroomOptions) => ({
  maxBodyLength: options.comments.maxLength,
  maxNameLength: NAME_MAX_LENGTH,
  maxUrlLength: URL_MAX_LENGTH,
})

/** Field errors as Payload's own validation answers them (400, `{ path, message }` per field). */
export const fieldErrors = (slug: string, errors: FieldError[], req: PayloadRequest) =>
  new ValidationError({ collection: slug, errors, req }, req.t)
