/**
 * The meter across two real Payload processes on one database (test/harness/cluster.ts): 50 simultaneous
 * unlock requests from one requester, split across both, unlock exactly N articles — the database decides
 * (unique slot and article keys), never a read-then-write. For a reader by account and an anonymous cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomUUID } from 'node:crypto'

import type { Cluster, ClusterNode } from './harness/cluster.js'

import { startCluster } from './harness/cluster.js'
import { EDITOR, READER_PASSWORD } from './helpers/newsroomApp.js'

const FREE = 3
let cluster: Cluster
let a: ClusterNode
let b: ClusterNode
const articles: string[] = []

beforeAll(async () => {
  cluster = await startCluster({
    nodes: 2,
    options: { plugin: { premium: { meter: { audience: 'everyone', free: FREE, periodDays: 30 } } } },
  })
  ;[a, b] = cluster.nodes as [ClusterNode, ClusterNode]
  await a.local('create', { collection: 'users', data: { ...EDITOR, name: 'Edna' } })
  for (let n = 0; n < 10; n++) {
    const doc = await a.local('create', {
      collection: 'articles',
      data: { _status: 'published', title: `Cluster metered ${n} ${randomUUID().slice(0, 6)}`, visibility: 'paid' },
    })
    articles.push(String(doc.id))
  }
}, 180_000)
afterAll(() => cluster?.stop())

const burst = (send: (node: ClusterNode, article: string) => Promise<{ status: number; json: any }>) =>
  Promise.all(Array.from({ length: 50 }, (_, i) => send(i % 2 ? b : a, articles[i % articles.length]!)))

const tally = (answers: { status: number; json: any }[]) => {
  const opened = new Set(answers.filter((r) => r.status === 200).map((r) => String(r.json.id)))
  const statuses = new Set(answers.map((r) => r.status))
  return { opened, statuses }
}

describe('50 simultaneous unlocks from one requester across two processes', () => {
  it('a reader by account: exactly N articles, the rest 403 with the meter', async () => {
    const email = `cluster-${randomUUID().slice(0, 6)}@readers.test`
    await a.local('create', {
      collection: 'readers',
      data: { _verified: true, email, password: READER_PASSWORD, subscription: { plan: 'free', status: 'active' } },
    })
    const token = await a.rest.login('readers', email, READER_PASSWORD)
    const answers = await burst((node, id) => node.rest.post(`/articles/${id}/unlock`, { query: { depth: 0 }, token }))
    const { opened, statuses } = tally(answers)
    expect(answers.filter((r) => r.status >= 500).map((r) => r.json)).toEqual([])
    expect([...statuses].sort()).toEqual([200, 403])
    expect(opened.size).toBe(FREE)
    for (const r of answers.filter((x) => x.status === 403))
      expect(r.json.meter).toMatchObject({ limit: FREE, remaining: 0 })
    const observer = await cluster.observer()
    const stored = await observer.payload.find({
      collection: 'newsroom-meter-unlocks' as never,
      limit: 100,
      where: { requester: { like: 'reader:' } },
    })
    expect(stored.docs.map((d: any) => d.article).sort()).toEqual([...opened].sort())
    // Each opened article reads unlocked on both processes; the others stay locked.
    for (const node of [a, b]) {
      for (const id of articles) {
        const read = await node.rest.get(`/articles/${id}`, { token })
        expect(read.json.locked).toBe(!opened.has(id))
      }
    }
  }, 120_000)

  it('an anonymous requester by its cookie: exactly N as well', async () => {
    const first = await a.rest.post(`/articles/${articles[0]}/unlock`, { query: { depth: 0 } })
    expect(first.status).toBe(200)
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!
    const answers = await burst((node, id) =>
      node.rest.post(`/articles/${id}/unlock`, { headers: { cookie }, query: { depth: 0 } }),
    )
    const { opened } = tally(answers)
    expect(opened.has(articles[0]!)).toBe(true)
    expect(opened.size).toBe(FREE)
  }, 120_000)
})
