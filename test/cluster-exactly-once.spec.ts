/**
 * Exactly-once mail with the jobs queue running on two processes at once: 200 "email this article" messages
 * and 20 editors' notifications, a mail server that refuses each message's first attempt on every process,
 * and runners that take the same jobs (Payload's double claim, see test/README.md) — every message is
 * delivered exactly once, with its idempotency key as header and Message-ID.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Cluster, ClusterNode } from './harness/cluster.js'

import { startCluster } from './harness/cluster.js'
import { deliveriesByKey, drainOnAll, failedJobs, openJobs } from './helpers/clusterJobs.js'
import { EDITOR } from './helpers/newsroomApp.js'

const EMAIL_POSTS = 40 // × 5 recipients = 200 messages
const PENDING_COMMENTS = 20
const DESK = ['desk@example.org', 'night-desk@example.org']

let cluster: Cluster
let a: ClusterNode
let b: ClusterNode
let articleId: string

beforeAll(async () => {
  cluster = await startCluster({
    node: { email: { delayMs: 15, failFirstAttempts: 1 } },
    nodes: 2,
    options: {
      plugin: { comments: { manualApproval: true }, jobs: { reconcileCron: false }, print: { emailsPerHour: 10_000 } },
    },
  })
  ;[a, b] = cluster.nodes as [ClusterNode, ClusterNode]
  await a.local('create', { collection: 'users', data: { ...EDITOR, name: 'Edna' } })
  await a.local('updateGlobal', { data: { notifyEditors: DESK.join('\n') }, slug: 'discussion-settings' })
  const article = await a.local('create', {
    collection: 'articles',
    data: { _status: 'published', publishedAt: new Date().toISOString(), title: 'Budget vote' },
  })
  articleId = String(article.id)
})
afterAll(() => cluster?.stop())

describe('two runners, a failing mail server', () => {
  it('delivers each of 220 messages exactly once', async () => {
    // The public's requests, spread over both processes like a load balancer would.
    const posts = await Promise.all(
      Array.from({ length: EMAIL_POSTS }, (_, i) =>
        (i % 2 ? b : a).rest.post(`/articles/${articleId}/email`, {
          body: { senderName: `Sender ${i}`, to: Array.from({ length: 5 }, (_, j) => `friend-${i}-${j}@example.org`) },
          headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        }),
      ),
    )
    expect(posts.map((res) => res.status)).toEqual(posts.map(() => 202))
    const comments = await Promise.all(
      Array.from({ length: PENDING_COMMENTS }, (_, i) =>
        (i % 2 ? a : b).rest.post('/comments', {
          body: {
            article: articleId,
            authorEmail: `reader-${i}@example.org`,
            authorName: `Reader ${i}`,
            body: `Comment number ${i} on the vote.`,
          },
          headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
        }),
      ),
    )
    expect(comments.map((res) => res.status)).toEqual(comments.map(() => 201))
    expect(comments.every((res) => res.json.doc.status === undefined || res.json.doc.status === 'pending')).toBe(true)

    const rounds = await drainOnAll(cluster, [a, b])
    const observer = (await cluster.observer()).payload
    expect(await openJobs(observer)).toEqual([])
    expect(await failedJobs(observer)).toEqual([])

    const byKey = deliveriesByKey(cluster)
    const repeated = [...byKey].filter(([, list]) => list.length > 1)
    expect(repeated).toEqual([])
    expect(byKey.size).toBe(EMAIL_POSTS * 5 + PENDING_COMMENTS)

    const deliveries = cluster.deliveries()
    // Each friend got their one message; the desk one per comment.
    const friends = deliveries.filter((d) => d.to[0]!.startsWith('friend-')).map((d) => d.to[0])
    expect(new Set(friends).size).toBe(EMAIL_POSTS * 5)
    expect(deliveries.filter((d) => d.to.join() === DESK.join())).toHaveLength(PENDING_COMMENTS)
    // Every message names its key, as header and as Message-ID.
    for (const delivery of deliveries) {
      expect(delivery.key).toMatch(/^nm1-/)
      expect(delivery.messageId).toBe(`<${delivery.key}@payload-plugin-newsroom.invalid>`)
    }
    // Both processes delivered: the runners really ran side by side.
    expect(new Set(deliveries.map((d) => d.node))).toEqual(new Set([a.name, b.name]))
    // Every claim ended as sent.
    const { totalDocs: unsent } = await observer.count({
      collection: 'newsroom-deliveries' as never,
      where: { state: { not_equals: 'sent' } },
    })
    expect(unsent).toBe(0)
    expect(rounds).toBeGreaterThan(1) // the first attempts failed: retries happened
  })
})
