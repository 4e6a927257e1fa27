import type { Access, CollectionConfig, Field } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { PREMIUM_VIDEO_FILE_FIELD, premiumVideoFileField } from '../../fields/premiumVideoFileField.js'
import {
  VIDEO_FILE_TIERS_FIELD,
  VIDEO_FILE_VISIBILITY_FIELD,
  videoFileAccessFields,
} from '../../fields/videoFileAccessFields.js'
import { requesterFacts } from '../../src/access/requesterAccess.js'
import { videoFileReadWhere } from '../../src/access/videoFileReadWhere.js'

// Payload's own default when a collection sets no read access: logged-in users only.
const payloadDefaultRead: Access = ({ req }) => Boolean(req.user)

const names = { flag: PREMIUM_VIDEO_FILE_FIELD, tiers: VIDEO_FILE_TIERS_FIELD, visibility: VIDEO_FILE_VISIBILITY_FIELD }

/**
 * Makes an upload collection hide a gated video's file from requesters its video is closed to (same
 * decision as the video: members, paid, tiers), on every read path: REST, GraphQL, Local API with
 * `overrideAccess: false`, population, and the static file route (Payload checks a file request against the
 * collection's read access). The host's own read access still applies first. Posters and other uploads
 * stay as they were.
 */
export const guardPremiumVideoFiles = (
  collection: CollectionConfig,
  options: ResolvedNewsroomOptions,
): CollectionConfig => {
  const hostRead = collection.access?.read ?? payloadDefaultRead
  const read: Access = async (args) => {
    const allowed = await hostRead(args)
    if (!allowed) return allowed
    const own = videoFileReadWhere(await requesterFacts(args.req, options), names)
    if (own === true) return allowed
    return allowed === true ? own : { and: [allowed, own] }
  }
  const has = (name: string) => collection.fields.some((f) => 'name' in f && f.name === name)
  const added: Field[] = [premiumVideoFileField(), ...videoFileAccessFields()].filter((f) => !has(f.name))
  return {
    ...collection,
    access: { ...collection.access, read },
    fields: [...collection.fields, ...added],
  }
}
