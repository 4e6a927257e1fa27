import type { Access, CollectionConfig, Where } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { PREMIUM_VIDEO_FILE_FIELD, premiumVideoFileField } from '../../fields/premiumVideoFileField.js'
import { isEntitled } from '../../src/access/entitlement.js'

// Payload's own default when a collection sets no read access: logged-in users only.
const payloadDefaultRead: Access = ({ req }) => Boolean(req.user)

/**
 * Makes an upload collection hide premium video files from requesters who are not entitled,
 * on every read path: REST, GraphQL, Local API with `overrideAccess: false`, population, and the
 * static file route (Payload checks a file request against the collection's read access).
 * The host's own read access still applies first. Posters and other uploads stay as they were.
 */
export const guardPremiumVideoFiles = (
  collection: CollectionConfig,
  options: ResolvedNewsroomOptions,
): CollectionConfig => {
  const hostRead = collection.access?.read ?? payloadDefaultRead
  const notPremiumFile: Where = { [PREMIUM_VIDEO_FILE_FIELD]: { not_equals: true } }
  const read: Access = async (args) => {
    const allowed = await hostRead(args)
    if (!allowed || (await isEntitled(args.req, options))) return allowed
    return allowed === true ? notPremiumFile : { and: [allowed, notPremiumFile] }
  }
  const hasField = collection.fields.some((f) => 'name' in f && f.name === PREMIUM_VIDEO_FILE_FIELD)
  return {
    ...collection,
    access: { ...collection.access, read },
    fields: hasField ? collection.fields : [...collection.fields, premiumVideoFileField()],
  }
}
