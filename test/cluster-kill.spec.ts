/**
 * Processes killed at chosen points (SIGKILL, nothing flushed, no hook finishes), then restarted, one
 * reconcile run and the queue drained on both processes: no job stuck, no `commentCount` drift, no comment
 * without its notification, no message sent twice — except a kill between the mail server accepting a
 * message and the claim being marked sent, where the repeat carries the same idempotency key (documented).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Cluster, ClusterNode } from './harness/cluster.js'
import type { KillPointArm } from './harness/killPoints.js'

import { NOTIFY_EDITORS_TASK, NOTIFY_REPLY_AUTHOR_TASK } from '../src/jobs/commentNotifications.js'
import { messageKey } from '../src/delivery/messageKey.js'
import { startCluster } from './harness/cluster.js'
import { drainOnAll, failedJobs, openJobs } from './helpers/clusterJobs.js'
import { EDITOR } from './helpers/newsroomApp.js'

const LEASE_SECONDS = 2
const DESK = ['desk@example.org']
const REGULAR = { authorEmail: 'regular@example.org', authorName: 'Regular Reader' }
const PARENT_AUTHOR = { authorEmail: 'parent-author@example.org', authorName: 'Parent Author' }

let cluster: Cluster
let a: ClusterNode // the one that gets killed
let b: ClusterNode // stays up: the other instance behind the load balancer
let token: string
let articleIds: string[]
let parentId: string
let ipCounter = 0
/** Keys a kill between "accepted" and "marked sent" may deliver twice (same key both times). */
const resendable = new Set<string>()

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const nextIp = () => `192.0.2.${(++ipCounter % 250) + 1}`
const article = (i: number) => articleIds[i % articleIds.length]!

const submit = (node: ClusterNode, label: string, i: number, extra: Record<string, unknown> = {}) =>
  node.rest.post('/comments', {
    body: {
      article: article(i),
      authorEmail: `${label}@example.org`,
      authorName: `Reader ${label}`,
      body: `Comment ${label}, about the vote.`,
      ...extra,
    },
    headers: { 'x-forwarded-for': nextIp() },
  })

const findComment = async (label: string) =>
  (
    await (
      await cluster.observer()
    ).payload.find({ collection: 'comments', depth: 0, where: { body: { contains: label } } })
  ).docs[0] as undefined | { id: string; status: string }

const approve = (node: ClusterNode, id: string) =>
  node.rest.patch(`/comments/${id}`, { body: { status: 'approved' }, token })

type Scenario = {
  point: string
  arm?: KillPointArm
  /** Work done before arming (on b, with the queue drained or not). */
  setup?: (label: string, i: number) => Promise<Record<string, string>>
  /** What the killed process was doing. */
  act: (label: string, i: number, state: Record<string, string>) => Promise<unknown>
  drainFirst?: boolean
}

const pendingSubmission = (
  point: string,
  arm?: (label: string) => KillPointArm,
): [string, (label: string) => KillPointArm | undefined, Scenario] => [
  `submission: ${point}`,
  (label) => arm?.(label),
  { act: (label, i) => submit(a, label, i), point },
]

const approvedSubmission = (
  point: string,
  arm: (label: string) => KillPointArm,
): [string, (label: string) => KillPointArm | undefined, Scenario] => [
  `regular's auto-approved submission: ${point}`,
  arm,
  { act: (label, i) => submit(a, label, i, REGULAR), point },
]

/** A pending comment (notified already), then an editor approves it on the process that dies. */
const approval = (
  point: string,
  arm: (label: string) => KillPointArm,
  reply = false,
): [string, (label: string) => KillPointArm | undefined, Scenario] => [
  `${reply ? 'reply' : 'comment'} approval: ${point}`,
  arm,
  {
    act: (_label, _i, state) => approve(a, state.id!),
    drainFirst: true,
    point,
    setup: async (label, i) => {
      const res = await submit(b, label, i, reply ? { article: article(0), parent: parentId } : {})
      if (res.status !== 201) throw new Error(`setup comment: ${res.status} ${res.text}`)
      return { id: String(res.json.doc.id) }
    },
  },
]

/** A comment's notification is queued (on b); the process that dies is running the queue. */
const runner = (
  point: string,
  arm?: (label: string) => KillPointArm,
): [string, (label: string) => KillPointArm | undefined, Scenario] => [
  `runner: ${point}`,
  (label) => arm?.(label),
  {
    act: () => a.runJobs({ limit: 10 }),
    point,
    setup: async (label, i) => {
      const res = await submit(b, label, i)
      if (res.status !== 201) throw new Error(`setup comment: ${res.status} ${res.text}`)
      return { id: String(res.json.doc.id) }
    },
  },
]

const byLabel = (label: string): KillPointArm => ({ matching: label })
const taskNamed = (task: string) => (): KillPointArm => ({ matching: task })

const SCENARIOS: [string, (label: string) => KillPointArm | undefined, Scenario][] = [
  // A new comment from the public (pending, the editors are to be told).
  pendingSubmission('db.create.newsroom-comment-claims.after', () => ({ matching: 'duplicate:' })), // words claimed, nothing stored
  pendingSubmission('hook.comments.beforeChange', byLabel), // moderated, before the insert
  pendingSubmission('db.create.comments.before', byLabel),
  pendingSubmission('db.create.comments.after', byLabel), // stored, nothing queued
  pendingSubmission('db.create.payload-jobs.before', taskNamed(NOTIFY_EDITORS_TASK)),
  pendingSubmission('db.create.payload-jobs.after', taskNamed(NOTIFY_EDITORS_TASK)), // queued, never answered
  pendingSubmission('hook.comments.afterChange', byLabel), // every hook done, response not sent
  // A regular's comment, approved at once (counted by $inc after the insert).
  approvedSubmission('db.create.comments.after', byLabel), // stored approved, never counted
  approvedSubmission('db.updateOne.articles.before', () => ({ matching: '$inc' })), // before the count
  approvedSubmission('db.updateOne.articles.after', () => ({ matching: '$inc' })), // after the count
  // An editor approves a held comment / a reply.
  approval('db.updateOne.comments.after', () => ({ matching: 'approved' })), // status written, not counted
  approval('db.updateOne.articles.after', () => ({ matching: '$inc' })),
  approval('db.updateOne.comments.after', () => ({ matching: 'approved' }), true), // reply approved, its author not told
  approval('db.create.payload-jobs.before', taskNamed(NOTIFY_REPLY_AUTHOR_TASK), true),
  approval('db.create.payload-jobs.after', taskNamed(NOTIFY_REPLY_AUTHOR_TASK), true),
  // The process running the queue dies while it holds jobs.
  runner('db.updateJobs.payload-jobs.after', () => ({ matching: '"processing":true' })), // jobs claimed, nothing run
  runner('db.findOne.comments.after'), // task running, reading its comment
  runner('db.create.newsroom-deliveries.before'), // about to claim the message
  runner('db.create.newsroom-deliveries.after'), // message claimed, not sent
  runner('email.send.before'), // during the send
  runner('email.send.after'), // the mail server accepted it, the claim is not marked sent
  runner('db.updateOne.newsroom-deliveries.after', () => ({ matching: 'sent' })), // marked sent, job not completed
  runner('db.updateJobs.payload-jobs.before', () => ({ matching: 'completedAt' })), // task done, job not marked complete
  runner('db.deleteMany.payload-jobs.before'), // job complete, not deleted yet
]

beforeAll(async () => {
  cluster = await startCluster({
    nodes: 2,
    options: { plugin: { comments: { floodSeconds: 0 }, jobs: { leaseSeconds: LEASE_SECONDS, reconcileCron: false } } },
  })
  ;[a, b] = cluster.nodes as [ClusterNode, ClusterNode]
  await b.local('create', { collection: 'users', data: { ...EDITOR, name: 'Edna' } })
  token = await b.rest.login('users', EDITOR.email, EDITOR.password)
  await b.local('updateGlobal', {
    data: { floodSeconds: 0, notifyEditors: DESK.join('\n'), notifyReplyAuthors: true },
    slug: 'discussion-settings',
  })
  articleIds = []
  for (const title of ['Council budget', 'River bridge', 'School plans']) {
    const doc = await b.local('create', {
      collection: 'articles',
      data: { _status: 'published', publishedAt: new Date().toISOString(), title },
    })
    articleIds.push(String(doc.id))
  }
  // The regular has an approved comment (later ones are approved at once); the parent of the replies is approved.
  for (const [who, store] of [
    [REGULAR, 'regular'],
    [PARENT_AUTHOR, 'parent'],
  ] as const) {
    const res = await b.rest.post('/comments', {
      body: { article: article(0), body: `First comment of the ${store}.`, ...who },
      headers: { 'x-forwarded-for': nextIp() },
    })
    expect((await approve(b, String(res.json.doc.id))).status).toBe(200)
    if (store === 'parent') parentId = String(res.json.doc.id)
  }
  await drainOnAll(cluster, [b])
})
afterAll(() => cluster?.stop())

/** The state every kill must leave, once restarted, reconciled and drained. */
const expectConsistent = async () => {
  const observer = (await cluster.observer()).payload
  expect(await openJobs(observer)).toEqual([])
  expect(await failedJobs(observer)).toEqual([])

  for (const id of articleIds) {
    const stored = (await observer.findByID({ collection: 'articles', depth: 0, id })) as { commentCount?: number }
    const { totalDocs } = await observer.count({
      collection: 'comments',
      where: { and: [{ article: { equals: id } }, { status: { equals: 'approved' } }] },
    })
    expect({ article: id, commentCount: stored.commentCount }).toEqual({ article: id, commentCount: totalDocs })
  }

  const comments = (await observer.find({ collection: 'comments', depth: 0, limit: 0, pagination: false })).docs as {
    authorEmail: string
    id: string
    parent?: null | string
    status: string
  }[]
  const byId = new Map(comments.map((c) => [String(c.id), c]))
  const expected = new Map<string, string>()
  for (const c of comments) {
    if (c.status === 'pending')
      expected.set(messageKey(NOTIFY_EDITORS_TASK, String(c.id), 'pending', ''), `editors: ${c.id}`)
    const parent = c.parent ? byId.get(String(c.parent)) : undefined
    if (c.status === 'approved' && parent?.status === 'approved' && parent.authorEmail !== c.authorEmail) {
      expected.set(messageKey(NOTIFY_REPLY_AUTHOR_TASK, String(c.id), parent.authorEmail), `reply: ${c.id}`)
    }
  }
  const counts = new Map<string, number>()
  for (const delivery of cluster.deliveries()) counts.set(delivery.key!, (counts.get(delivery.key!) ?? 0) + 1)
  const missing = [...expected].filter(([key]) => !counts.has(key)).map(([, what]) => what)
  expect(missing).toEqual([])
  const twice = [...counts].filter(([key, n]) => n > (resendable.has(key) ? 2 : 1))
  expect(twice).toEqual([])
}

describe('killed at a chosen point, restarted, reconciled once', () => {
  it('has at least 20 kill points', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(20)
  })

  it.each(SCENARIOS.map((s, i) => [s[0], i] as const))('%s', async (_name, i) => {
    const [, armFor, scenario] = SCENARIOS[i]!
    const label = `kp${i}x${Date.now().toString(36)}`
    const state = scenario.setup ? await scenario.setup(label, i) : {}
    if (scenario.drainFirst) await drainOnAll(cluster, [b])
    const deliveredBefore = new Set(cluster.deliveries().map((d) => `${d.pid}:${d.key}`))
    const killedPid = a.pid

    await a.armKillPoint(scenario.point, armFor(label))
    const acting = scenario.act(label, i, state).then(
      () => 'answered',
      () => 'no answer',
    )
    const exit = await Promise.race([a.exited, acting.then(() => sleep(5_000)).then(() => null)])
    if (!exit) throw new Error(`kill point ${scenario.point} was not reached (the process answered: ${await acting})`)
    expect(exit).toMatchObject({ killPoint: scenario.point, signal: 'SIGKILL' })
    // Whatever the killed process had handed to the mail server before dying may go out once more, same key.
    const handedOver = cluster
      .deliveries()
      .filter((d) => d.pid === killedPid && !deliveredBefore.has(`${d.pid}:${d.key}`))
    for (const d of handedOver) resendable.add(d.key!)

    await a.restart()
    // Let the lease of whatever the dead process held run out.
    await sleep(LEASE_SECONDS * 1000 + 300)
    await a.queueJob({ input: {}, task: 'newsroomReconcile' })
    await a.runJobs({ limit: 1, where: { taskSlug: { equals: 'newsroomReconcile' } } })
    await drainOnAll(cluster, [a, b])
    await expectConsistent()
    if (scenario.point === 'email.send.after') {
      // The documented window, really taken: the message went out again, under the same key and Message-ID.
      expect(handedOver).toHaveLength(1)
      const copies = cluster.deliveries().filter((d) => d.key === handedOver[0]!.key)
      expect(copies).toHaveLength(2)
      expect(new Set(copies.map((d) => d.messageId)).size).toBe(1)
    }
  })
})
