import type { CollectionAfterChangeHook, Payload, PayloadRequest, Where } from 'payload'

import { createHmac, randomUUID } from 'node:crypto'

import type { SubmissionKey } from '../../../src/moderation/moderateComment.js'

import { INTERNAL_SLUGS } from '../../../src/defaults.js'
import { duplicateClaimKeys, floodClaimKeys, floodWait, type Hash } from '../../../src/moderation/claimKeys.js'

/**
 * A duplicate claim younger than this is trusted as is (its comment may still be on its way, e.g. waiting for a
 * spam check); an older one is checked against the stored comments and taken over when its comment is gone,
 * trashed or edited.
 */
export const DUPLICATE_CLAIM_TRUST_SECONDS = 600

type ClaimDoc = { at?: Date | string; holder?: null | string; id: number | string; key: string }

/** Claims of one submission, so they can be given back when its comment is not stored after all. */
export type SubmissionClaims = { holder: string; keys: string[] }

const CLAIMS = Symbol('payload-plugin-newsroom.submissionClaims')
type WithClaims = { [CLAIMS]?: SubmissionClaims[] }

/** The hash claim keys are made of: keyed with the Payload secret, so a claim reveals no address or text. */
export const claimHash =
  (payload: Payload): Hash =>
  (text) =>
    createHmac('sha256', payload.secret).update(text).digest('base64url')

/** The unique index refused the write: another submission holds the key (the adapter's uniqueness error). */
const isTaken = (error: unknown): boolean => {
  const e = error as { code?: unknown; data?: { errors?: { path?: string }[] }; name?: string }
  return e?.code === 11000 || (e?.name === 'ValidationError' && Boolean(e.data?.errors?.some((x) => x.path === 'key')))
}

const ignoreTaken = (error: unknown): void => {
  if (!isTaken(error)) throw error
}

// Claims are written outside the request's transaction: another instance must see them at once, and a
// rolled-back comment must not take the decision with it (its claim is given back or expires).
const findClaim = async (payload: Payload, key: string): Promise<ClaimDoc | null> =>
  (await payload.db.findOne({
    collection: INTERNAL_SLUGS.commentClaims,
    where: { key: { equals: key } },
  })) as ClaimDoc | null

const toDate = (value: Date | string | undefined): Date | null => (value ? new Date(value) : null)

/**
 * Takes the flood window of one requester id: the claim's `at` moves to now only where it is at least
 * `floodSeconds` old (one conditional write), or the claim is created (the unique index lets one creator
 * win). So any two accepted comments of one requester are `floodSeconds` apart, on any number of instances.
 */
const takeFloodWindow = async (
  payload: Payload,
  key: string,
  holder: string,
  now: Date,
  floodSeconds: number,
): Promise<null | number> => {
  const freeBefore = new Date(now.getTime() - floodSeconds * 1000).toISOString()
  try {
    await payload.db.upsert({
      collection: INTERNAL_SLUGS.commentClaims,
      data: { at: now.toISOString(), holder, key },
      returning: false,
      where: { and: [{ key: { equals: key } }, { at: { less_than_equal: freeBefore } }] },
    })
    return null
  } catch (error) {
    if (!isTaken(error)) throw error
    return floodWait(toDate((await findClaim(payload, key))?.at), floodSeconds, now)
  }
}

/** Where the stored comments that would still make `key`'s words a duplicate are (`isDuplicateOf`). */
const liveDuplicatesWhere = (self: SubmissionKey, byFingerprint: boolean): Where => ({
  and: [
    { article: { equals: self.article } },
    { authorEmail: { equals: self.authorEmail } },
    { body: { equals: self.body } },
    { status: { not_equals: 'trash' } },
    ...(byFingerprint && self.fingerprint ? [{ fingerprint: { equals: self.fingerprint } }] : []),
  ],
})

/**
 * Takes the words of one duplicate key: a new claim, or, when the claim is old and no stored comment has
 * those words any more (deleted, trashed, edited, or a submission that never got stored), a takeover that
 * is conditional on the claim being unchanged. True when another submission holds them.
 */
const takeWords = async (
  payload: Payload,
  slug: string,
  key: string,
  holder: string,
  now: Date,
  self: SubmissionKey,
  byFingerprint: boolean,
): Promise<boolean> => {
  try {
    await payload.db.create({
      collection: INTERNAL_SLUGS.commentClaims,
      data: { at: now.toISOString(), holder, key },
      returning: false,
    })
    return false
  } catch (error) {
    if (!isTaken(error)) throw error
  }
  const claim = await findClaim(payload, key)
  const claimedAt = toDate(claim?.at)
  if (!claim || !claimedAt || claimedAt.getTime() > now.getTime() - DUPLICATE_CLAIM_TRUST_SECONDS * 1000) return true
  const live = await payload.db.count({ collection: slug, where: liveDuplicatesWhere(self, byFingerprint) })
  if (live.totalDocs > 0) return true
  const taken = await payload.db.updateOne({
    collection: INTERNAL_SLUGS.commentClaims,
    data: { at: now.toISOString(), holder },
    where: { and: [{ key: { equals: key } }, { at: { equals: claimedAt.toISOString() } }] },
  })
  return !taken
}

/** Gives claims back: only those this submission still holds. */
const release = async (
  payload: Payload,
  claims: SubmissionClaims,
  settling: Promise<unknown>[] = [],
): Promise<void> => {
  // Claims still being taken are waited for, so none of them is left behind.
  await Promise.allSettled(settling)
  if (claims.keys.length === 0) return
  await payload.db.deleteMany({
    collection: INTERNAL_SLUGS.commentClaims,
    where: { and: [{ key: { in: claims.keys } }, { holder: { equals: claims.holder } }] },
  })
}

/**
 * The flood and duplicate claims of one submission, taken lazily and at most once each, in the rules'
 * order (the moderation lookups `floodWait` and `isDuplicate`). Whatever is refused gives back what it took.
 */
export const submissionClaims = ({
  floodSeconds,
  hardened,
  now,
  req,
  self,
  slug,
}: {
  floodSeconds: number
  hardened: boolean
  now: Date
  req: PayloadRequest
  self: SubmissionKey
  slug: string
}) => {
  const { payload } = req
  const hash = claimHash(payload)
  const claims: SubmissionClaims = { holder: randomUUID(), keys: [] }
  let flood: Promise<null | number> | undefined
  let words: Promise<boolean> | undefined
  const track = (key: string) => claims.keys.push(key)

  // One key after the other, always in the same order (fingerprint, then email): of a burst from one
  // requester only the winner of the first key tries the second, so two of them can never each hold one
  // key and both be refused.
  const takeFlood = async (): Promise<null | number> => {
    for (const key of floodClaimKeys(self, hash)) {
      const wait = await takeFloodWindow(payload, key, claims.holder, now, floodSeconds)
      if (wait !== null) return wait
      track(key)
    }
    return null
  }
  const takeDuplicate = async (): Promise<boolean> => {
    for (const { byFingerprint, key } of duplicateClaimKeys(self, hash, hardened)) {
      if (await takeWords(payload, slug, key, claims.holder, now, self, byFingerprint)) return true
      track(key)
    }
    return false
  }

  return {
    claims,
    // The words only once the window is held: claimed side by side, one submission could hold the window and
    // another the words, and both would be refused.
    floodWait: () => (flood ??= takeFlood()),
    isDuplicate: () => (words ??= takeDuplicate()),
    release: () =>
      release(
        payload,
        claims,
        [flood, words].filter((p): p is Promise<never> => Boolean(p)),
      ),
    /**
     * By the contract a spam comment is answered before the flood and duplicate rules, yet it still counts as
     * the requester's latest comment and words: it moves the window and takes free words, refusing nothing.
     */
    recordSpam: async (): Promise<void> => {
      await Promise.all([
        ...(floodSeconds > 0
          ? floodClaimKeys(self, hash).map((key) =>
              payload.db
                .upsert({
                  collection: INTERNAL_SLUGS.commentClaims,
                  data: { at: now.toISOString(), holder: claims.holder, key },
                  returning: false,
                  where: { key: { equals: key } },
                })
                // Two upserts of a new key at once: one creates it, the other's write is the same.
                .catch(ignoreTaken),
            )
          : []),
        ...duplicateClaimKeys(self, hash, hardened).map(({ key }) =>
          payload.db
            .create({
              collection: INTERNAL_SLUGS.commentClaims,
              data: { at: now.toISOString(), holder: claims.holder, key },
              returning: false,
            })
            .catch(ignoreTaken),
        ),
      ])
    },
  }
}

/** Remembers a submission's claims on its data: the comment's `afterChange` keeps them, an error gives them back. */
export const attachClaims = <T extends object>(data: T, req: PayloadRequest, claims: SubmissionClaims): T => {
  const pending = ((req as WithClaims)[CLAIMS] ??= [])
  pending.push(claims)
  return Object.assign(data, { [CLAIMS]: claims })
}

/** The comment is stored: its claims stand. */
export const keepClaims = (data: unknown, req: PayloadRequest): void => {
  const claims = (data as undefined | WithClaims)?.[CLAIMS] as SubmissionClaims | undefined
  const pending = (req as WithClaims)[CLAIMS]
  const index = claims && pending ? pending.indexOf(claims) : -1
  if (index >= 0) pending!.splice(index, 1)
}

/**
 * A comment that was not stored after all (a field error Payload found after moderation, a failed insert or
 * commit) gives its claims back, so a 400 does not cost its author a 429. A config `afterError` hook: REST and
 * GraphQL both report there; for the Local API a left-over claim is harmless: a flood window passes, old words are re-checked.
 */
export const releaseUnstoredClaims = async ({ req }: { req?: PayloadRequest }): Promise<void> => {
  const pending = req ? (req as WithClaims)[CLAIMS] : undefined
  if (!req || !pending?.length) return
  const claims = pending.splice(0)
  await Promise.all(claims.map((c) => release(req.payload, c))).catch((error: unknown) =>
    req.payload.logger.error({ err: error, msg: 'payload-plugin-newsroom: could not release comment claims' }),
  )
}

/** First of the comments' `afterChange` hooks: the comment is stored, so its claims stand. */
export const keepClaimsOfStoredComment: CollectionAfterChangeHook = ({ data, doc, req }) => {
  keepClaims(data, req)
  return doc
}
