import type { CollectionSlug, PayloadRequest } from 'payload'

const WINDOW_MS = 60 * 60 * 1000

type Entry = { createdAt: string; id: number | string }

/**
 * Sliding window, one session counting one: allowed when fewer than `limit` entries precede the request's own
 * (ordered by time, then id, so concurrent requests agree who came first); otherwise the seconds until the
 * oldest of those leaves the window.
 */
export const decideBillingSession = (entries: Entry[], ownId: number | string, limit: number, now: Date) => {
  const time = (e: Entry) => new Date(e.createdAt).getTime()
  const sorted = entries
    .filter((e) => time(e) > now.getTime() - WINDOW_MS)
    .sort((a, b) => time(a) - time(b) || String(a.id).localeCompare(String(b.id)))
  const own = sorted.findIndex((e) => String(e.id) === String(ownId))
  const earlier = own >= 0 ? sorted.slice(0, own) : sorted
  if (earlier.length < limit) return { allowed: true as const }
  const frees = earlier[earlier.length - limit]!
  return {
    allowed: false as const,
    retryAfterSeconds: Math.max(1, Math.ceil((time(frees) + WINDOW_MS - now.getTime()) / 1000)),
  }
}

/**
 * Reserves one billing session (Checkout or portal) for this reader, or says how long to wait. As the email
 * quota (src/email/emailQuota.ts) does: the reservation is written first and judged against the entries before it, so concurrent requests
 * on any instance cannot both take the last place (the same sliding-window rule, one session counting as one).
 */
export const reserveBillingSession = async (
  req: PayloadRequest,
  { kind, limit, readerId, slug }: { kind: 'checkout' | 'portal'; limit: number; readerId: string; slug: string },
): Promise<{ allowed: false; retryAfterSeconds: number } | { allowed: true }> => {
  const now = new Date()
  const reservation = await req.payload.create({
    collection: slug as CollectionSlug,
    data: { kind, reader: readerId } as never,
    overrideAccess: true,
  })
  const { docs } = await req.payload.find({
    collection: slug as CollectionSlug,
    depth: 0,
    limit: limit + 50,
    overrideAccess: true,
    pagination: false,
    sort: 'createdAt',
    where: {
      and: [
        { reader: { equals: readerId } },
        { createdAt: { greater_than: new Date(now.getTime() - WINDOW_MS).toISOString() } },
      ],
    },
  })
  const decision = decideBillingSession(docs as unknown as Entry[], reservation.id, limit, now)
  if (!decision.allowed) {
    await req.payload.delete({ collection: slug as CollectionSlug, id: reservation.id, overrideAccess: true })
  }
  // Entries older than the window are of no further use.
  await req.payload.delete({
    collection: slug as CollectionSlug,
    overrideAccess: true,
    where: { createdAt: { less_than: new Date(now.getTime() - 24 * WINDOW_MS).toISOString() } },
  })
  return decision
}
