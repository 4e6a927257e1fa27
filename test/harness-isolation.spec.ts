/**
 * Isolation guarantees of the harness:
 *  - two Payload instances with DIFFERENT configs in one test file, both reached
 *    through the real Next REST/GraphQL handlers (which internally always ask
 *    `getPayload` for the 'default' instance and cache one GraphQL schema per
 *    process), do not cross — not even under interleaved concurrent requests;
 *  - every instance has its own database, so this file and harness.spec.ts
 *    (run in parallel Jest workers) never see each other's documents.
 */
import type { CollectionConfig } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { InitializedPayload } from './harness/initPayload.js'

import { initPayload } from './harness/initPayload.js'

const users: CollectionConfig = { slug: 'users', auth: true, fields: [] }

// Same slug, different schema in each instance.
const postsA: CollectionConfig = {
  slug: 'posts',
  access: { create: () => true, read: () => true },
  fields: [{ name: 'title', type: 'text', required: true }],
}
const postsB: CollectionConfig = {
  slug: 'posts',
  access: { create: () => true, read: () => true },
  fields: [{ name: 'headline', type: 'text', required: true }],
}

let a: InitializedPayload
let b: InitializedPayload

beforeAll(async () => {
  ;[a, b] = await Promise.all([
    initPayload({ collections: [users, postsA] }),
    initPayload({ collections: [users, postsB] }),
  ])
})

afterAll(async () => {
  await Promise.all([a?.shutdown(), b?.shutdown()])
})

describe('two instances in one file', () => {
  it('use different databases', () => {
    expect(a.database?.dbName).toBeDefined()
    expect(a.database?.dbName).not.toBe(b.database?.dbName)
    expect(a.payload).not.toBe(b.payload)
  })

  it('route REST requests to the right instance', async () => {
    expect((await a.rest.post('/posts', { body: { title: 'A1' } })).status).toBe(201)
    // B's posts require `headline`: a `title`-only body must be rejected by B's config.
    const wrong = await b.rest.post('/posts', { body: { title: 'B?' } })
    expect(wrong.status).toBe(400)
    expect((await b.rest.post('/posts', { body: { headline: 'B1' } })).status).toBe(201)

    expect((await a.payload.find({ collection: 'posts' })).docs.map((d) => d.title)).toEqual(['A1'])
    expect((await b.payload.find({ collection: 'posts' })).docs.map((d) => d.headline)).toEqual(['B1'])
  })

  it('route interleaved concurrent REST requests to the right instance', async () => {
    const n = 20
    const responses = await Promise.all(
      Array.from({ length: n }, (_, i) => [
        a.rest.post('/posts', { body: { title: `a-${i}` } }),
        b.rest.post('/posts', { body: { headline: `b-${i}` } }),
      ]).flat(),
    )
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201))
    // exactly what this file created: 1 + n each, nothing from the other instance or other files
    expect((await a.payload.count({ collection: 'posts' })).totalDocs).toBe(n + 1)
    expect((await b.payload.count({ collection: 'posts' })).totalDocs).toBe(n + 1)
  })

  it('build and cache a GraphQL schema per instance', async () => {
    const fromA = await a.graphql<{ Posts: { docs: { title: string }[] } }>(
      '{ Posts(where: { title: { equals: "A1" } }) { docs { title } } }',
    )
    expect(fromA.errors).toBeUndefined()
    expect(fromA.data?.Posts.docs).toEqual([{ title: 'A1' }])

    // `title` does not exist in B's schema: a shared schema cache would answer from A's.
    const titleOnB = await b.graphql('{ Posts { docs { title } } }')
    expect(titleOnB.errors?.[0]?.message).toMatch(/title/)

    const fromB = await b.graphql<{ Posts: { docs: { headline: string }[] } }>(
      '{ Posts(where: { headline: { equals: "B1" } }) { docs { headline } } }',
    )
    expect(fromB.errors).toBeUndefined()
    expect(fromB.data?.Posts.docs).toEqual([{ headline: 'B1' }])

    // and A still answers from its own schema afterwards
    const againA = await a.graphql('{ Posts(limit: 1) { totalDocs } }')
    expect(againA.data).toEqual({ Posts: { totalDocs: 21 } })
  })

  it('keep working after the other instance shut down', async () => {
    const extra = await initPayload({ collections: [users, postsA] })
    expect((await extra.rest.post('/posts', { body: { title: 'extra' } })).status).toBe(201)
    await extra.shutdown()
    expect((await a.rest.get('/posts', { query: { limit: 0 } })).json.totalDocs).toBe(21)
    expect((await b.rest.get('/posts', { query: { limit: 0 } })).json.totalDocs).toBe(21)
  })
})
