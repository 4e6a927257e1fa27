import type { PayloadRequest, Where } from 'payload'

import type { SubmissionKey } from '../../../src/moderation/moderateComment.js'
import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { previouslyApprovedMatch } from '../../../src/moderation/previouslyApproved.js'
import { readerOf } from './readerOf.js'

/** The verified reader account an address belongs to (an unconfirmed sign-up owns no address), or null. */
const verifiedAccountOf = async (
  email: string,
  options: ResolvedNewsroomOptions,
  req: PayloadRequest,
): Promise<null | number | string> => {
  if (!options.slugs.readers || !email) return null
  const { docs } = await req.payload.find({
    collection: options.slugs.readers,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    where: { email: { equals: email } },
  })
  const account = docs[0] as { _verified?: boolean | null; id: number | string } | undefined
  return account && account._verified !== false ? account.id : null
}

/**
 * The "previously approved" lookup, as WordPress's check_comment (`previouslyApprovedMatch`): an account's
 * address is trusted for its holder, logged in, only; any other address by an approved comment with the same
 * name and email. Read from the database with full access (the rule sees every approved comment).
 */
export const hasPreviouslyApprovedComment = async ({
  authorName,
  key,
  options,
  req,
  slug,
}: {
  authorName: string
  key: SubmissionKey
  options: ResolvedNewsroomOptions
  req: PayloadRequest
  slug: string
}): Promise<boolean> => {
  const match = previouslyApprovedMatch({
    addressAccountId: await verifiedAccountOf(key.authorEmail, options, req),
    authorEmail: key.authorEmail,
    authorName,
    emailIdentifies: Boolean(key.emailIdentifies),
    fingerprint: key.fingerprint,
    readerId: readerOf(req, options)?.id ?? null,
  })
  if (!match) return false
  const where: Where[] = [{ status: { equals: 'approved' } }]
  for (const [path, value] of Object.entries(match)) where.push({ [path]: { equals: value } })
  const approved = await req.payload.count({ collection: slug, overrideAccess: true, req, where: { and: where } })
  return approved.totalDocs > 0
}
