import type { Payload } from 'payload'

export type StatusCounts = { approved: number; pending: number; spam: number }
export type AuthorHistory = { byEmail: StatusCounts | null; byFingerprint: StatusCounts | null }

const STATUSES = ['approved', 'pending', 'spam'] as const

/**
 * How an author's earlier comments fared (the moderation desk's row context, as WordPress shows it): counts
 * per status for the same email and for the same requester fingerprint. Editors only — callers check that.
 */
export const authorHistory = async (
  payload: Payload,
  commentsSlug: string,
  author: { email?: null | string; fingerprint?: null | string },
): Promise<AuthorHistory> => {
  const counts = async (field: 'authorEmail' | 'fingerprint', value: null | string | undefined) => {
    if (!value) return null
    const totals = await Promise.all(
      STATUSES.map((status) =>
        payload.count({
          collection: commentsSlug as 'comments',
          overrideAccess: true,
          where: { and: [{ [field]: { equals: value } }, { status: { equals: status } }] },
        }),
      ),
    )
    return Object.fromEntries(STATUSES.map((status, i) => [status, totals[i]!.totalDocs])) as StatusCounts
  }
  const [byEmail, byFingerprint] = await Promise.all([
    counts('authorEmail', author.email),
    counts('fingerprint', author.fingerprint),
  ])
  return { byEmail, byFingerprint }
}
