import type { CollectionBeforeChangeHook } from 'payload'

import { ValidationError } from 'payload'

import { checkCaptions } from '../../../src/utilities/captionTracks.js'

/**
 * Refuses invalid caption tracks (not WebVTT, not a BCP 47 tag, no label, two defaults) and an oversized
 * transcript with a 400 and Payload's field errors, before anything is stored, for drafts too (they skip field
 * validation); stores language tags in canonical form so `<track srclang>` and GraphQL clients get one spelling.
 */
export const validateCaptions: CollectionBeforeChangeHook = ({ collection, data, req }) => {
  if (!data || (!('captions' in data) && !('transcript' in data))) return data
  const { errors, tracks } = checkCaptions(data.captions, data.transcript)
  if (errors.length) throw new ValidationError({ collection: collection.slug, errors, req }, req.t)
  return tracks ? { ...data, captions: tracks } : data
}
