import type { CollectionSlug, Payload } from 'payload'

import { randomUUID } from 'node:crypto'

/** How long a delivery may hold an event before another may take it over (its process is taken to be dead). */
export const EVENT_CLAIM_LEASE_MS = 60_000

export type EventClaim = { holder: string; state: 'claimed' } | { state: 'busy' } | { state: 'done'; outcome: string }

type LedgerEntry = { claimedAt?: string; outcome?: null | string; state?: string }

/**
 * Claims a Stripe event for this delivery. The ledger's unique index on the event id decides between concurrent
 * deliveries (other instances, Stripe's retries): one creates the entry, the others find it — done (a replay,
 * answered 200), or still processing (answered 409: Stripe retries later). A claim older than the lease is taken
 * over by a conditional update, so a delivery that died mid-way does not block the event forever.
 */
export const claimEvent = async (
  payload: Payload,
  slug: string,
  event: { id: string; type: string },
  now = new Date(),
): Promise<EventClaim> => {
  const holder = randomUUID()
  try {
    await payload.create({
      collection: slug as CollectionSlug,
      data: { claimedAt: now.toISOString(), eventId: event.id, holder, state: 'processing', type: event.type } as never,
      overrideAccess: true,
    })
    return { holder, state: 'claimed' }
  } catch (error) {
    const { docs } = await payload.find({
      collection: slug as CollectionSlug,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      where: { eventId: { equals: event.id } },
    })
    const existing = docs[0] as LedgerEntry | undefined
    // No entry after all: the create failed for another reason (the database is down…): a 500, Stripe retries.
    if (!existing) throw error
    if (existing.state !== 'processing') return { outcome: existing.outcome ?? existing.state ?? '', state: 'done' }
    const takenOver = await payload.db.updateOne({
      collection: slug,
      data: { claimedAt: now, holder, updatedAt: now },
      select: { id: true },
      where: {
        and: [
          { eventId: { equals: event.id } },
          { state: { equals: 'processing' } },
          { claimedAt: { less_than: new Date(now.getTime() - EVENT_CLAIM_LEASE_MS).toISOString() } },
        ],
      },
    })
    return takenOver ? { holder, state: 'claimed' } : { state: 'busy' }
  }
}

/** Marks the event done (only while this delivery still holds it). */
export const finishEvent = async (
  payload: Payload,
  slug: string,
  eventId: string,
  holder: string,
  outcome: { applied: boolean; text: string },
): Promise<void> => {
  await payload.db.updateOne({
    collection: slug,
    data: {
      outcome: outcome.text.slice(0, 300),
      state: outcome.applied ? 'applied' : 'ignored',
      updatedAt: new Date(),
    },
    select: { id: true },
    where: { and: [{ eventId: { equals: eventId } }, { holder: { equals: holder } }] },
  })
}

/** Gives the claim back after a failure, so Stripe's retry processes the event again. */
export const releaseEvent = async (payload: Payload, slug: string, eventId: string, holder: string): Promise<void> => {
  await payload.db.deleteOne({
    collection: slug,
    where: {
      and: [{ eventId: { equals: eventId } }, { holder: { equals: holder } }, { state: { equals: 'processing' } }],
    },
  })
}
