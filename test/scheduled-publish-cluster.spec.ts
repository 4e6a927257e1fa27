/**
 * Scheduled publishing with several instances (separate processes on one database): the schedule lives in
 * the database, so it survives a restart; when it is due and both processes run the queue at once (Payload's
 * runner can hand one job to both), every article is published exactly once — one publish, one version —
 * even when the runner is killed right after the publish was written (the job is given back by the reconcile
 * task after the lease, and the retry finds the publish done).
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Cluster, ClusterNode } from './harness/cluster.js'

import { RECONCILE_TASK } from '../src/jobs/reconcile.js'
import { startCluster } from './harness/cluster.js'
import { drainOnAll, failedJobs, openJobs, skipRetryPauses } from './helpers/clusterJobs.js'
import { EDITOR, lexicalParagraphs } from './helpers/newsroomApp.js'

const LEASE_SECONDS = 2
const ARTICLES = 16
const HOUR = 60 * 60 * 1000

let cluster: Cluster
let a: ClusterNode
let b: ClusterNode
let observer: Payload
let editorId: string

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  cluster = await startCluster({
    nodes: 2,
    options: { plugin: { jobs: { leaseSeconds: LEASE_SECONDS, reconcileCron: false } } },
  })
  ;[a, b] = cluster.nodes as [ClusterNode, ClusterNode]
  observer = (await cluster.observer()).payload
  const editor = await a.local<{ id: string }>('create', { collection: 'users', data: EDITOR })
  editorId = String(editor.id)
}, 120_000)
afterAll(() => cluster?.stop())

const draftArticle = async (title: string) =>
  String(
    (
      await observer.create({
        collection: 'articles',
        data: { _status: 'draft', content: lexicalParagraphs(`Body of ${title}.`), title },
        draft: true,
      })
    ).id,
  )

/** What the admin's Schedule drawer queues, on the given process. */
const schedule = (node: ClusterNode, id: string, at: Date) =>
  node.queueJob({
    input: {
      type: 'publish',
      doc: { relationTo: 'articles', value: id },
      user: { relationTo: 'users', value: editorId },
    },
    task: 'schedulePublish',
    waitUntil: at.toISOString(),
  })

const publishedVersions = async (id: string) =>
  (
    await observer.findVersions({
      collection: 'articles',
      limit: 100,
      where: { and: [{ parent: { equals: id } }, { 'version._status': { equals: 'published' } }] },
    })
  ).totalDocs

const status = async (id: string) =>
  ((await observer.findByID({ collection: 'articles', depth: 0, id })) as { _status?: string })._status

describe('scheduled publishing across processes', () => {
  it('survives a restart and publishes each article once when two processes run the queue', async () => {
    const ids: string[] = []
    for (let i = 0; i < ARTICLES; i++) ids.push(await draftArticle(`Scheduled ${i}`))
    for (const id of ids) await schedule(a, id, new Date(Date.now() + HOUR))

    // Before the time: both processes run the queue and publish nothing.
    await Promise.all([a.runJobs({ limit: 50 }), b.runJobs({ limit: 50 })])
    expect(new Set(await Promise.all(ids.map(status)))).toEqual(new Set(['draft']))

    // The process that took the schedule dies and comes back; the schedule is in the database.
    await a.kill()
    await a.restart()
    expect((await openJobs(observer)).filter((job) => job.taskSlug === 'schedulePublish')).toHaveLength(ARTICLES)

    // The time comes (the queue's clock moves past it). Half the jobs are taken by both processes at the same
    // moment, each runner asking for that very job (Payload's runner hands it to both: test/README.md, "claims
    // the same job twice"); then both drain the rest at once, in small batches.
    await skipRetryPauses(observer)
    const jobs = (await openJobs(observer)).filter((job) => job.taskSlug === 'schedulePublish')
    for (const job of jobs.slice(0, ARTICLES / 2)) {
      const where = { id: { equals: job.id } }
      await Promise.all([a.runJobs({ limit: 1, where }), b.runJobs({ limit: 1, where })])
    }
    await drainOnAll(cluster, [a, b], { limit: 3 })
    expect(await Promise.all(ids.map(status))).toEqual(ids.map(() => 'published'))
    expect(await Promise.all(ids.map(publishedVersions))).toEqual(ids.map(() => 1))
    expect(await failedJobs(observer)).toEqual([])
    expect(await openJobs(observer)).toEqual([])
    // Each job's publish was claimed and done once.
    const claims = await observer.db.find({
      collection: 'newsroom-deliveries',
      limit: 0,
      pagination: false,
      where: { task: { equals: 'schedulePublish' } },
    })
    expect(claims.docs.map((claim) => (claim as { state?: string }).state)).toEqual(ids.map(() => 'sent'))
  })

  it('a runner killed right after writing the publish: released after the lease, not published twice', async () => {
    const id = await draftArticle('Killed mid-publish')
    await schedule(b, id, new Date(Date.now() - 1000))
    // a dies after the update and its version were written, before the job or its claim was marked done.
    await a.armKillPoint('hook.articles.afterChange', { matching: 'Killed mid-publish' })
    void a.runJobs({ limit: 10 }).catch(() => undefined)
    expect((await a.exited).killPoint).toBe('hook.articles.afterChange')
    await a.restart()
    expect(await status(id)).toBe('published')
    expect(await publishedVersions(id)).toBe(1)
    // The job is stuck `processing` (Payload never looks at it again) until the reconcile task releases it.
    expect((await openJobs(observer)).find((job) => job.taskSlug === 'schedulePublish')?.processing).toBe(true)
    await sleep(LEASE_SECONDS * 1000 + 200)
    await b.queueJob({ input: {}, task: RECONCILE_TASK })
    await drainOnAll(cluster, [a, b], { limit: 3 })
    expect(await openJobs(observer)).toEqual([])
    expect(await failedJobs(observer)).toEqual([])
    expect(await publishedVersions(id)).toBe(1)
  })
})
