import type { Payload, PayloadRequest, TaskConfig, TaskHandler, Where } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { INTERNAL_SLUGS } from '../defaults.js'
import { type Claim, outsideTransaction, tryClaim } from '../delivery/deliverOnce.js'

/** Payload's task behind `versions.drafts.schedulePublish` (queued by the admin's "Schedule" drawer). */
export const SCHEDULE_PUBLISH_TASK = 'schedulePublish'

// A runner waits this long for a concurrent holder of the same publish, then gives the job back (a retry).
const IN_FLIGHT_WAIT_MS = 5_000
const IN_FLIGHT_POLL_MS = 100
// Payload's task has no retries: a publish refused once (a runner holding the claim, a database error) would fail for good.
const RETRIES = { attempts: 10, backoff: { type: 'exponential', delay: 30_000 } } as const

type ScheduleInput = {
  doc?: { relationTo: string; value: number | string }
  global?: string
  type?: 'publish' | 'unpublish'
}

export class PublishInFlightError extends Error {
  constructor(key: string) {
    super(`payload-plugin-newsroom: ${key} is being run by another runner; retrying later`)
    this.name = 'PublishInFlightError'
  }
}

/**
 * Whether a dead holder's publish already took effect: the document's latest version has the target status and
 * was written after that holder claimed the job (then running it again would only add a duplicate version).
 */
const alreadyApplied = async (payload: Payload, input: ScheduleInput, since: string): Promise<boolean> => {
  if (!input.doc) return false
  const status = input.type === 'unpublish' ? 'draft' : 'published'
  const { docs } = await payload.db.findVersions({
    collection: input.doc.relationTo,
    limit: 1,
    pagination: false,
    sort: '-updatedAt',
    where: { and: [{ parent: { equals: input.doc.value } }, { latest: { equals: true } }] } as Where,
  })
  const latest = docs[0] as { updatedAt?: string; version?: { _status?: string } } | undefined
  return latest?.version?._status === status && new Date(latest.updatedAt ?? 0) >= new Date(since)
}

/**
 * Runs one scheduled publish at most once across every runner and instance: Payload's runner can hand one job
 * to two instances (test/README.md, "claims the same job twice"), and each run of its handler writes a version.
 * The job's id is claimed under the deliveries' unique key first; a second runner finds the claim and does not
 * publish. A runner that died holding it leaves a claim a retry takes over after `jobs.leaseSeconds` (the
 * reconcile task gives the job back) — and skips the write when the dead runner's publish had landed.
 */
// Payload types a task's handler by the host's generated task slugs, which a plugin cannot name: the plain shape.
type AnyTaskHandler = TaskHandler<{ input: object; output: object }>

export const publishOncePerJob =
  (original: AnyTaskHandler, options: ResolvedNewsroomOptions): AnyTaskHandler =>
  async (args) => {
    const key = `${SCHEDULE_PUBLISH_TASK}:${String(args.job.id)}`
    const req = outsideTransaction(args.req as PayloadRequest)
    const deadline = Date.now() + IN_FLIGHT_WAIT_MS
    let claim: Claim = await tryClaim(req, key, SCHEDULE_PUBLISH_TASK, options.jobs.leaseSeconds)
    while ('wait' in claim) {
      if (Date.now() > deadline) throw new PublishInFlightError(key)
      await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_POLL_MS))
      claim = await tryClaim(req, key, SCHEDULE_PUBLISH_TASK, options.jobs.leaseSeconds)
    }
    if ('outcome' in claim) return { output: {} }

    const mine: Where = { and: [{ key: { equals: key } }, { owner: { equals: claim.owner } }] }
    const input = (args.input ?? {}) as ScheduleInput
    try {
      if (!(claim.takenOverFrom && (await alreadyApplied(req.payload, input, claim.takenOverFrom)))) {
        await original(args)
      }
    } catch (error) {
      // Not published: give the claim back so the job's retry (here or elsewhere) may run it.
      await req.payload.db
        .deleteOne({ collection: INTERNAL_SLUGS.deliveries, req, returning: false, where: mine })
        .catch(() => undefined)
      throw error
    }
    await req.payload.db.updateOne({
      collection: INTERNAL_SLUGS.deliveries,
      data: { sentAt: new Date().toISOString(), state: 'sent' },
      req,
      where: mine,
    })
    return { output: {} }
  }

/**
 * Payload adds its `schedulePublish` task while sanitizing the config, after every plugin ran, so the plugin
 * wraps it at init (as it does Payload's late jobs-stats global): exactly once per job, with retries.
 */
export const publishScheduledOnce = (payload: Payload, options: ResolvedNewsroomOptions): void => {
  const task = payload.config.jobs?.tasks?.find((t) => t.slug === SCHEDULE_PUBLISH_TASK) as TaskConfig | undefined
  if (!task || typeof task.handler !== 'function') return
  task.handler = publishOncePerJob(
    task.handler as unknown as AnyTaskHandler,
    options,
  ) as unknown as TaskConfig['handler']
  task.retries ??= RETRIES as unknown as TaskConfig['retries']
}
