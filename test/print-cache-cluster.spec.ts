/**
 * The PDF cache across two real Payload processes on one database (test/harness/cluster.ts): a PDF drawn by
 * one instance is served by the other from the database, byte for byte; an edit made through either instance
 * drops it for both; simultaneous cold requests on both leave one entry per audience.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Cluster, ClusterNode } from './harness/cluster.js'

import { startCluster } from './harness/cluster.js'
import { EDITOR } from './helpers/newsroomApp.js'

let cluster: Cluster
let a: ClusterNode
let b: ClusterNode

const paragraph = (value: string) => ({
  type: 'paragraph',
  children: [{ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text: value, version: 1 }],
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  version: 1,
})
const body = (...texts: string[]) => ({
  root: { type: 'root', children: texts.map(paragraph), direction: 'ltr', format: '', indent: 0, version: 1 },
})

const pdfOf = async (node: ClusterNode, id: string) => {
  const response = await fetch(`${node.rest.baseURL}/articles/${id}/pdf`)
  return {
    body: Buffer.from(await response.arrayBuffer()),
    cache: response.headers.get('x-newsroom-pdf-cache'),
    status: response.status,
  }
}

const article = async (title: string) =>
  String(
    (
      await a.local('create', {
        collection: 'articles',
        data: { _status: 'published', content: body('One.', 'Two.', 'Three.'), title, visibility: 'paid' },
      })
    ).id,
  )

const entries = async (id: string) =>
  (
    await a.local('find', {
      collection: 'newsroom-pdf-cache',
      limit: 10,
      where: { article: { equals: id } },
    })
  ).docs as { slot: string }[]

beforeAll(async () => {
  cluster = await startCluster({ nodes: 2 })
  ;[a, b] = cluster.nodes as [ClusterNode, ClusterNode]
  await a.local('create', { collection: 'users', data: { ...EDITOR, name: 'Edna' } })
}, 180_000)
afterAll(() => cluster?.stop())

describe('PDF cache across two processes', () => {
  it('drawn by one instance, served by the other; an edit on the other drops it for both', async () => {
    const id = await article('Cluster PDF story')
    const drawn = await pdfOf(a, id)
    expect([drawn.status, drawn.cache]).toEqual([200, 'miss'])
    const served = await pdfOf(b, id)
    expect([served.status, served.cache]).toEqual([200, 'hit'])
    expect(served.body.equals(drawn.body)).toBe(true)

    await b.local('update', { collection: 'articles', data: { title: 'Cluster PDF story, corrected' }, id })
    expect(await entries(id)).toEqual([])
    const redrawn = await pdfOf(a, id)
    expect(redrawn.cache).toBe('miss')
    expect(redrawn.body.equals(drawn.body)).toBe(false)
  }, 120_000)

  it('simultaneous cold requests on both instances: every answer the same PDF, one entry', async () => {
    const id = await article('Cluster hot story')
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => pdfOf(i % 2 ? b : a, id)))
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200))
    const sizes = new Set(answers.map((r) => r.body.byteLength))
    // Each instance may draw it once (same input, same layout); the slot holds one of them.
    expect(sizes.size).toBeLessThanOrEqual(2)
    expect((await entries(id)).map((e) => e.slot)).toEqual([`${id}|teaser|en`])
  }, 120_000)
})
