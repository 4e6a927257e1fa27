import type { PayloadRequest, SendEmailOptions, Where } from 'payload'

import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'

import type { ResolvedNewsroomOptions } from '../types.js'

import { INTERNAL_SLUGS } from '../defaults.js'
import { leaseExpired } from './lease.js'
import { idempotencyFields } from './messageKey.js'

/** A delivery's life: claimed by one instance, then sent. */
export const DELIVERY_STATES = ['claimed', 'sent'] as const
export type DeliveryState = (typeof DELIVERY_STATES)[number]

type DeliveryDoc = { claimedAt?: string; id: number | string; key: string; owner?: null | string; state: DeliveryState }

export type DeliveryOutcome = 'already-sent' | 'sent'

/** Another runner is sending this very message right now (fresh claim): the job is retried later. */
export class DeliveryInFlightError extends Error {
  constructor(key: string) {
    super(`payload-plugin-newsroom: message ${key} is being sent by another runner; retrying later`)
    this.name = 'DeliveryInFlightError'
  }
}

// How long a runner waits for a concurrent holder of the same message before giving the job back to the queue.
const IN_FLIGHT_WAIT_MS = 5_000
const IN_FLIGHT_POLL_MS = 100

/**
 * Claims outside any transaction of the job: the claim must be visible to every other runner the moment it
 * is taken (and a unique-index conflict must not abort the job's transaction).
 */
const outsideTransaction = (req: PayloadRequest): PayloadRequest =>
  ({ ...req, transactionID: undefined }) as PayloadRequest

const findDelivery = async (req: PayloadRequest, key: string): Promise<DeliveryDoc | null> =>
  (await req.payload.db.findOne({
    collection: INTERNAL_SLUGS.deliveries,
    req,
    where: { key: { equals: key } },
  })) as DeliveryDoc | null

type Claim = { owner: string } | { outcome: 'already-sent' } | { wait: true }

/** One attempt at the claim: insert under the unique key, or take over a claim whose lease expired. */
const tryClaim = async (req: PayloadRequest, key: string, task: string, leaseSeconds: number): Promise<Claim> => {
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`
  const now = new Date()
  try {
    await req.payload.db.create({
      collection: INTERNAL_SLUGS.deliveries,
      data: { claimedAt: now.toISOString(), key, owner, state: 'claimed', task },
      req,
      returning: false,
    })
    return { owner }
  } catch (error) {
    const existing = await findDelivery(req, key)
    // Not a conflict on the key: a real database problem, the job's retry handles it.
    if (!existing) throw error
    if (existing.state === 'sent') return { outcome: 'already-sent' }
    if (!leaseExpired(existing.claimedAt, now, leaseSeconds)) return { wait: true }
    // The holder died mid-send: take the claim over, conditionally, so only one of several successors wins.
    const taken = await req.payload.db.updateOne({
      collection: INTERNAL_SLUGS.deliveries,
      data: { claimedAt: now.toISOString(), owner },
      req,
      where: {
        and: [
          { key: { equals: key } },
          { state: { equals: 'claimed' } },
          { owner: { equals: existing.owner ?? null } },
        ],
      },
    })
    return taken ? { owner } : { wait: true }
  }
}

/**
 * Sends one logical message at most once across every runner, retry and re-queue, identified by `key`
 * (see messageKey.ts): claim the key atomically (unique index), send with the key as Message-ID and
 * `X-Idempotency-Key`, mark it `sent`. A failed send releases the claim so the job's retry can send; a
 * runner that dies mid-send leaves a claim that a retry takes over once the lease expired — the one case
 * where a message can go out twice (the provider accepted it, the runner died before marking it sent); the
 * repeated message carries the same key, so a provider that dedupes by it delivers it once.
 */
export const deliverOnce = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  { key, message, task }: { key: string; message: SendEmailOptions; task: string },
): Promise<DeliveryOutcome> => {
  const dbReq = outsideTransaction(req)
  const deadline = Date.now() + IN_FLIGHT_WAIT_MS
  let claim = await tryClaim(dbReq, key, task, options.jobs.leaseSeconds)
  while ('wait' in claim) {
    if (Date.now() > deadline) throw new DeliveryInFlightError(key)
    await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_POLL_MS))
    claim = await tryClaim(dbReq, key, task, options.jobs.leaseSeconds)
  }
  if ('outcome' in claim) return claim.outcome

  const mine: Where = { and: [{ key: { equals: key } }, { owner: { equals: claim.owner } }] }
  try {
    await req.payload.sendEmail({ ...message, ...idempotencyFields(key, options.siteUrl) })
  } catch (error) {
    // Not sent: give the key back so the retry (here or on another instance) may send it.
    await req.payload.db
      .deleteOne({ collection: INTERNAL_SLUGS.deliveries, req: dbReq, returning: false, where: mine })
      .catch(() => undefined)
    throw error
  }
  const marked = await req.payload.db.updateOne({
    collection: INTERNAL_SLUGS.deliveries,
    data: { sentAt: new Date().toISOString(), state: 'sent' },
    req: dbReq,
    where: mine,
  })
  if (!marked) {
    req.payload.logger.warn(
      `payload-plugin-newsroom: message ${key} took longer than jobs.leaseSeconds to send; another runner may have sent it too`,
    )
  }
  return 'sent'
}

/** Whether a message was sent or is being sent (any claim): the reconcile task does not queue it again. */
export const deliveryClaimed = async (req: PayloadRequest, key: string): Promise<boolean> =>
  (await findDelivery(outsideTransaction(req), key)) !== null
