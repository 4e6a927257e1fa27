/**
 * Two real Payload processes on one database (test/harness/cluster.ts), as behind a load balancer: the flood
 * and duplicate rules hold for bursts split across both (also with the CPU busy elsewhere), and commentCount
 * stays exact while both moderate the same comments at once — without any reconcile run.
 */
import type { ChildProcess } from 'node:child_process'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'

import type { Cluster, ClusterNode } from './harness/cluster.js'

import { startCluster } from './harness/cluster.js'
import { EDITOR } from './helpers/newsroomApp.js'

let cluster: Cluster
let a: ClusterNode
let b: ClusterNode
let editorToken: string

beforeAll(async () => {
  cluster = await startCluster({ nodes: 2, options: { plugin: { comments: { floodSeconds: 15 } } } })
  ;[a, b] = cluster.nodes as [ClusterNode, ClusterNode]
  await a.local('create', { collection: 'users', data: { ...EDITOR, name: 'Edna' } })
  editorToken = await a.rest.login('users', EDITOR.email, EDITOR.password)
}, 120_000)
afterAll(() => cluster?.stop())

let counter = 0
const ipOf = () => `203.0.${Math.floor(++counter / 250) % 250}.${counter % 250}`

const publish = async (): Promise<string> => {
  const res = await a.rest.post('/articles', {
    body: { _status: 'published', publishedAt: new Date().toISOString(), title: `Cluster ${randomUUID().slice(0, 8)}` },
    token: editorToken,
  })
  expect(res.status).toBe(201)
  return String(res.json.doc.id)
}

const post = (node: ClusterNode, body: Record<string, unknown>, ip: string) =>
  node.rest.post('/comments', {
    body,
    headers: { 'user-agent': 'Cluster test', 'x-forwarded-for': ip },
    query: { depth: 0 },
  })

/** A process that keeps one core busy for as long as it lives. */
const busyLoop = (): ChildProcess => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })

const ROUNDS = 60

const burstRounds = async (rounds: number) => {
  const article = await publish()
  for (let round = 0; round < rounds; round++) {
    const authorEmail = `burst-${round}-${randomUUID().slice(0, 8)}@example.org`
    const ip = ipOf()
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        // Split across both processes; half the same words (duplicates), half other words; one author.
        post(
          i % 2 ? a : b,
          { article, authorEmail, authorName: 'Burst', body: i % 4 < 2 ? `Burst ${round}` : `Burst ${round} #${i}` },
          ip,
        ),
      ),
    )
    const statuses = answers.map((r) => r.status)
    expect({ round, stored: statuses.filter((s) => s === 201).length }).toEqual({ round, stored: 1 })
    expect(statuses.filter((s) => s !== 201 && s !== 429 && s !== 409)).toEqual([])
    const stored = await b.local<{ totalDocs: number }>('count', {
      collection: 'comments',
      where: { authorEmail: { equals: authorEmail } },
    })
    expect({ round, stored: stored.totalDocs }).toEqual({ round, stored: 1 })
  }
}

describe('flood and duplicate across two processes', () => {
  it(`50 simultaneous submissions from one author split across both, ${ROUNDS} rounds: one stored per round, the rest 429 or 409`, async () => {
    await burstRounds(ROUNDS)
  }, 600_000)

  it(`the same under added CPU load, ${ROUNDS} rounds`, async () => {
    const load = [busyLoop()]
    try {
      await burstRounds(ROUNDS)
    } finally {
      for (const child of load) child.kill('SIGKILL')
    }
  }, 600_000)
})

describe('commentCount across two processes', () => {
  const STATUSES = ['approved', 'pending', 'spam', 'trash'] as const
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]

  it('100 comments, each moderated from both processes at the same moment with random transitions: count = approved, per article', async () => {
    const articles = await Promise.all(Array.from({ length: 5 }, publish))
    // Stored by trusted server code (no flood rule), half of them already approved.
    const comments = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? a : b).local<{ id: string }>('create', {
          collection: 'comments',
          data: {
            article: articles[i % 5],
            authorEmail: `m${i}@example.org`,
            authorName: 'Moderated',
            body: `Comment ${i}`,
            status: i % 2 ? 'approved' : 'pending',
          },
        }),
      ),
    )
    for (let round = 0; round < 4; round++) {
      const answers = await Promise.all(
        comments.flatMap(({ id }) => [
          a.rest.patch(`/comments/${id}`, { body: { status: pick(STATUSES) }, token: editorToken }),
          b.rest.patch(`/comments/${id}`, { body: { status: pick(STATUSES) }, token: editorToken }),
          // Now and then an edit or a move on top, from either side.
          ...(Math.random() < 0.2
            ? [pick([a, b]).rest.patch(`/comments/${id}`, { body: { article: pick(articles) }, token: editorToken })]
            : []),
        ]),
      )
      expect(answers.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([])
    }
    for (const article of articles) {
      const [{ totalDocs: approved }, stored] = await Promise.all([
        a.local<{ totalDocs: number }>('count', {
          collection: 'comments',
          where: { and: [{ article: { equals: article } }, { status: { equals: 'approved' } }] },
        }),
        b.local<{ commentCount: number }>('findByID', { collection: 'articles', id: article, depth: 0 }),
      ])
      expect({ article, count: stored.commentCount }).toEqual({ article, count: approved })
    }
  }, 600_000)
})
