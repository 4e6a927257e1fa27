/**
 * Helpers of the multi-process job specs: drain the queue with runners on several processes at once, make
 * time pass for the queue (retry pauses, leases) without waiting it out, and read the shared state.
 */
import type { Payload } from 'payload'

import type { Cluster, ClusterNode } from '../harness/cluster.js'

const JOBS = 'payload-jobs'

/** Jobs still to do: not completed and not failed for good (running ones included). */
export const openJobs = async (payload: Payload) =>
  (
    await payload.db.find({
      collection: JOBS,
      limit: 0,
      pagination: false,
      where: { and: [{ completedAt: { exists: false } }, { hasError: { not_equals: true } }] },
    })
  ).docs as { id: string; processing?: boolean; taskSlug?: string; waitUntil?: string }[]

export const failedJobs = async (payload: Payload) =>
  (await payload.db.find({ collection: JOBS, limit: 0, pagination: false, where: { hasError: { equals: true } } })).docs

/**
 * The queue's clock jumps forward: retry pauses (`waitUntil`, 30 s and more with the plugin's backoff) are
 * over. What a host's runner would see after waiting; nothing else changes.
 */
export const skipRetryPauses = async (payload: Payload) => {
  await payload.db.updateMany({
    collection: JOBS,
    data: { waitUntil: new Date(Date.now() - 1000).toISOString() },
    where: {
      and: [
        { completedAt: { exists: false } },
        { waitUntil: { greater_than: new Date(Date.now() - 1000).toISOString() } },
      ],
    },
  })
}

/**
 * Every given process runs the queue at the same time, round after round, until no job is left that a
 * runner could take (retry pauses skipped between rounds). Returns the rounds it took.
 */
export const drainOnAll = async (cluster: Cluster, nodes: ClusterNode[], { limit = 10, maxRounds = 30 } = {}) => {
  const observer = (await cluster.observer()).payload
  // Like autoRun on every instance: each process takes small batches, one after the other, until it finds none.
  const runUntilIdle = async (node: ClusterNode) => {
    for (;;) {
      const result = (await node.runJobs({ limit })) as { noJobsRemaining?: boolean }
      if (result?.noJobsRemaining) return
    }
  }
  for (let round = 1; round <= maxRounds; round++) {
    await Promise.all(nodes.map(runUntilIdle))
    await skipRetryPauses(observer)
    const open = await openJobs(observer)
    if (open.length === 0) return round
  }
  throw new Error(`queue not drained after ${maxRounds} rounds: ${(await openJobs(observer)).length} jobs open`)
}

/** Deliveries grouped by idempotency key. */
export const deliveriesByKey = (cluster: Cluster) => {
  const byKey = new Map<string, ReturnType<Cluster['deliveries']>>()
  for (const delivery of cluster.deliveries()) {
    const key = delivery.key ?? `(no key) ${delivery.to.join(',')} ${delivery.subject}`
    byKey.set(key, [...(byKey.get(key) ?? []), delivery])
  }
  return byKey
}
