import type { Where } from 'payload'

import { decideAccess, type GatedFacts, type RequesterFacts } from '../utilities/accessDecision.js'

/** Field names on the upload (see fields/premiumVideoFileField.ts and fields/videoFileAccessFields.ts). */
export type VideoFileFieldNames = { flag: string; tiers: string; visibility: string }

/**
 * The uploads a requester may read, as a `where`, by the same decision as the videos that play them.
 * Non-video uploads (flag not set) stay open to all. A flagged upload with no stored visibility (written
 * before visibility existed) counts as `paid`. Only the requester's standing counts: a meter or gift unlock
 * opens one video document, not the files behind a query over many uploads. `true`: everything (editors).
 */
export const videoFileReadWhere = (requester: RequesterFacts, names: VideoFileFieldNames): true | Where => {
  if (requester.editor) return true
  const standing: RequesterFacts = { ...requester, giftArticle: null, metered: new Set() }
  const opens = (facts: GatedFacts) => !decideAccess(facts, standing).locked
  const or: Where[] = [{ [names.flag]: { not_equals: true } }]
  if (opens({ visibility: 'members' })) or.push({ [names.visibility]: { equals: 'members' } })
  // `paid`, and older flagged uploads without a visibility.
  if (opens({ visibility: 'paid' })) or.push({ [names.visibility]: { not_in: ['members', 'public', 'tiers'] } })
  const { tier } = requester
  if (tier !== null && opens({ tiers: [tier], visibility: 'tiers' })) {
    or.push({ and: [{ [names.visibility]: { equals: 'tiers' } }, { [names.tiers]: { in: [tier] } }] })
  }
  return or.length === 1 ? or[0] : { or }
}
