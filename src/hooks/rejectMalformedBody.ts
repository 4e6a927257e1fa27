import type { CollectionBeforeOperationHook } from 'payload'

import { ValidationError } from 'payload'
import { NewsroomClientError } from '../utilities/clientError.js'

/**
 * A write's body must be a JSON object (or multipart form data carrying one), and an auth collection's
 * credentials must be text. Payload reads anything else as no data or as a primitive and then fails deep in
 * its field hooks (`Cannot read properties of undefined`, `value.toLowerCase is not a function`, a password
 * hash of a number): 500s on bad input (contract rule 7). Refused here first, with a 400 that says what
 * was expected.
 */
export const rejectMalformedBody: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const { data } = args as { data?: unknown }
  // An upload may come as a file alone (multipart without `_payload`): Payload builds the document from it.
  if (data === undefined && req.file) return args
  // (An array passes: Payload reads it as an object without fields, i.e. field errors for each required one.)
  if (typeof data !== 'object' || data === null) {
    const contentType = req.headers?.get('content-type')?.split(';')[0]?.trim()
    const sent =
      data === undefined
        ? `no JSON body (Content-Type: ${contentType || 'none'})`
        : `JSON ${data === null ? 'null' : typeof data}`
    throw new NewsroomClientError(
      `The request body must be a JSON object (Content-Type: application/json, or multipart/form-data with a _payload field); got ${sent}.`,
      400,
    )
  }
  if (collection.auth && !collection.auth.disableLocalStrategy) {
    const record = data as Record<string, unknown>
    const errors = ['email', 'username', 'password']
      .filter((key) => record[key] !== undefined && record[key] !== null && typeof record[key] !== 'string')
      .map((path) => ({ message: 'Must be text.', path }))
    if (errors.length) throw new ValidationError({ collection: collection.slug, errors, req }, req.t)
  }
  return args
}
