import type { CollectionSlug, PayloadRequest } from 'payload'

import { decideEmailQuota, type EmailLogEntry } from '../print/email/emailQuota.js'

const WINDOW_MS = 60 * 60 * 1000

/**
 * Reserves one billing session (Checkout or portal) for this reader, or says how long to wait. As the email
 * quota does: the reservation is written first and judged against the entries before it, so concurrent requests
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
  const entries = (docs as unknown as { createdAt: string; id: string }[]).map((doc): EmailLogEntry => ({
    createdAt: doc.createdAt,
    id: doc.id,
    recipients: 1,
  }))
  const decision = decideEmailQuota({ entries, limit, now, ownId: reservation.id, requested: 1, windowMs: WINDOW_MS })
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
