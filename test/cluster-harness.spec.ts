/**
 * The multi-process harness itself: two real Payload processes on one database, each serving the real REST
 * and GraphQL handlers over HTTP; a token from one works on the other; a job queued on one runs on the
 * other; a kill point SIGKILLs the process exactly there, and a restarted process sees what was stored.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Cluster } from './harness/cluster.js'

import { startCluster } from './harness/cluster.js'
import { EDITOR } from './helpers/newsroomApp.js'

let cluster: Cluster

beforeAll(async () => {
  cluster = await startCluster({ nodes: 2 })
  await cluster.nodes[0]!.local('create', { collection: 'users', data: { ...EDITOR, name: 'Edna' } })
})
afterAll(() => cluster?.stop())

describe('cluster harness', () => {
  it('runs two separate processes on one database, reachable over REST and GraphQL', async () => {
    const [a, b] = cluster.nodes as [NonNullable<Cluster['nodes'][0]>, NonNullable<Cluster['nodes'][0]>]
    expect(a.pid).not.toBe(b.pid)
    expect(a.pid).not.toBe(process.pid)
    expect(a.port).not.toBe(b.port)

    const token = await a.rest.login('users', EDITOR.email, EDITOR.password)
    const created = await a.rest.post('/articles', {
      body: { _status: 'published', publishedAt: new Date().toISOString(), title: 'Shared across processes' },
      token,
    })
    expect(created.status).toBe(201)
    const id = created.json.doc.id as string

    // The token signed by A is good on B (one secret), and B reads what A stored.
    const fromB = await b.graphql<{ Article: { title: string } }>(
      'query ($id: String!) { Article(id: $id) { title } }',
      { id },
      { token },
    )
    expect(fromB.errors).toBeUndefined()
    expect(fromB.data?.Article.title).toBe('Shared across processes')
    const anonymous = await b.rest.get(`/articles/${id}`, { query: { depth: 0 } })
    expect(anonymous.status).toBe(200)
  })

  it('runs on one process a job queued on another, and its email lands in the shared outbox', async () => {
    const [a, b] = cluster.nodes as [NonNullable<Cluster['nodes'][0]>, NonNullable<Cluster['nodes'][0]>]
    await a.queueJob({
      input: { html: '<p>hi</p>', subject: 'Harness job', text: 'hi', to: 'reader@example.org' },
      task: 'newsroomSendArticleEmail',
    })
    await b.runJobs({ limit: 10 })
    const delivered = cluster.deliveries().filter((d) => d.subject === 'Harness job')
    expect(delivered).toHaveLength(1)
    expect(delivered[0]!.node).toBe(b.name)
    expect(delivered[0]!.pid).toBe(b.pid)
  })

  it('SIGKILLs a process at an armed kill point, and a restart sees what was stored before', async () => {
    const a = cluster.nodes[0]!
    const token = await a.rest.login('users', EDITOR.email, EDITOR.password)
    await a.armKillPoint('db.create.articles.after', { matching: 'Killed right after its insert' })
    const answer = a.rest.post('/articles', { body: { title: 'Killed right after its insert' }, token }).then(
      (res) => res.status,
      (error: Error) => error.name,
    )
    const exit = await a.exited
    expect(exit).toEqual({ code: null, killPoint: 'db.create.articles.after', signal: 'SIGKILL' })
    // The client never got an answer.
    expect(await answer).not.toBe(201)

    await a.restart()
    const found = await a.local<{ totalDocs: number }>('count', {
      collection: 'articles',
      where: { title: { equals: 'Killed right after its insert' } },
    })
    expect(found.totalDocs).toBe(1)
    const observer = await cluster.observer()
    expect(
      (
        await observer.payload.count({
          collection: 'articles',
          where: { title: { equals: 'Killed right after its insert' } },
        })
      ).totalDocs,
    ).toBe(1)
  })
})
