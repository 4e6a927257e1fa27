/**
 * The keys under which the flood and duplicate rules claim a submission (see collections/commentClaims):
 * two submissions conflict exactly when they share a key, so a unique index decides the rule. Pure; the
 * hash is passed in (the hook keys it with the Payload secret, so no address or text is stored).
 */
import type { SubmissionKey } from './moderateComment.js'

export type Hash = (text: string) => string

/** Who sent it: the fingerprint, and the email where the email identifies the requester (`isSameRequester`). */
export const requesterIds = (key: SubmissionKey): string[] => [
  ...(key.fingerprint ? [`fingerprint\u0000${key.fingerprint}`] : []),
  ...(key.emailIdentifies ? [`email\u0000${key.authorEmail}`] : []),
]

/** One flood window per requester id: a new comment needs every one of them free. */
export const floodClaimKeys = (key: SubmissionKey, hash: Hash): string[] =>
  requesterIds(key).map((id) => `flood:${hash(id)}`)

/**
 * The words (article, email, body) once per requester id (`isDuplicateOf`: same words, same requester). By the
 * contract every submission's email identifies it, so the email's key alone decides; hardened, a logged-in
 * commenter also takes the fingerprint's key, which anonymous submissions from the same browser share.
 */
export const duplicateClaimKeys = (
  key: SubmissionKey,
  hash: Hash,
  hardened: boolean,
): { byFingerprint: boolean; key: string }[] => {
  const words = `${String(key.article)}\u0000${key.authorEmail}\u0000${key.body}`
  const ids =
    hardened || !key.emailIdentifies ? requesterIds(key) : requesterIds(key).filter((id) => id.startsWith('email'))
  return ids.map((id) => ({
    byFingerprint: id.startsWith('fingerprint'),
    key: `duplicate:${hash(`${words}\u0000${id}`)}`,
  }))
}

/**
 * Seconds until a requester whose window another submission took at `heldAt` may comment again: at least 1,
 * since the database said the window is taken.
 */
export const floodWait = (heldAt: Date | null, floodSeconds: number, now: Date): number =>
  heldAt ? Math.max(1, Math.ceil((heldAt.getTime() + floodSeconds * 1000 - now.getTime()) / 1000)) : 1
