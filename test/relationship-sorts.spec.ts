/**
 * Red team F5: sorting by a relationship path (`reader.email`, `relatedVideos.title`) orders documents by the
 * related document without that document's access rules — db-mongodb sorts with a `$lookup` that checks
 * nothing, while `where` on the same path is checked. On the embedded test server such a sort is silently
 * ignored, so these tests prove the refusal; on MongoDB an accepted sort is an ordering oracle on other readers'
 * emails and plans and on unpublished articles' and videos' titles.
 *
 * Two layers: every collection of ours refuses relationship sorts for non-editors (src/hooks/refuseRelationshipSorts.ts),
 * and a reader's email, name and subscription are field-private (collections/readers/ownAccountRead.ts), which
 * Payload's own sort validation enforces on any collection, a host's included.
 */
import type { CollectionConfig, FlattenedField } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { sortsThroughRelationship } from '../src/hooks/refuseRelationshipSorts.js'
import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'

// A host collection that points at readers and lets anyone read it: our hooks do not run on it.
const ordersCollection: CollectionConfig = {
  slug: 'orders',
  access: { read: () => true },
  fields: [
    { name: 'customer', type: 'relationship', relationTo: 'readers' },
    { name: 'total', type: 'number' },
  ],
}

let app: NewsroomTestApp
let readerToken: string
let readerId: string
let otherReaderId: string

beforeAll(async () => {
  // Refused queries are expected here: log them as info, not errors.
  app = await startNewsroomApp(
    { comments: { floodSeconds: 0 } },
    { collections: [ordersCollection], loggingLevels: { QueryError: 'info' } },
  )
  const { payload } = app
  readerId = String(
    (
      await payload.create({
        collection: 'readers',
        data: { _verified: true, email: 'r@readers.test', name: 'Rita', password: READER_PASSWORD } as never,
      })
    ).id,
  )
  otherReaderId = String(
    (
      await payload.create({
        collection: 'readers',
        data: {
          _verified: true,
          email: 'other@readers.test',
          name: 'Otto',
          password: READER_PASSWORD,
          subscription: { plan: 'premium', status: 'active' },
        } as never,
      })
    ).id,
  )
  readerToken = await app.rest.login('readers', 'r@readers.test', READER_PASSWORD)
  const video = await payload.create({
    collection: 'videos',
    data: { _status: 'published', title: 'Clip', url: 'https://youtu.be/aaaaaaaaaaa' } as never,
  })
  await payload.create({
    collection: 'articles',
    data: { _status: 'published', relatedVideos: [video.id], title: 'With a clip' } as never,
  })
  await payload.create({ collection: 'orders' as never, data: { customer: otherReaderId, total: 10 } as never })
})
afterAll(() => app?.shutdown())

type Role = 'anonymous' | 'reader'
const ROLES: Role[] = ['anonymous', 'reader']
const tokenOf = (role: Role) => (role === 'reader' ? readerToken : undefined)

describe('sortsThroughRelationship', () => {
  const fields = [
    { name: 'title', type: 'text' },
    { name: 'author', type: 'relationship', relationTo: 'readers' },
    { name: 'related', type: 'relationship', hasMany: true, relationTo: 'videos' },
    { name: 'either', type: 'relationship', relationTo: ['videos', 'articles'] },
    { name: 'hero', type: 'upload', relationTo: 'media' },
    { name: 'replies', type: 'join', collection: 'comments', on: 'article' },
    {
      name: 'meta',
      type: 'group',
      flattenedFields: [
        { name: 'plan', type: 'text' },
        { name: 'owner', type: 'relationship', relationTo: 'readers' },
      ],
    },
    { name: 'authorEmail', type: 'text', virtual: 'author.email' },
  ] as unknown as FlattenedField[]

  it.each([
    ['title', false],
    ['-title', false],
    ['author', false],
    ['author.id', false],
    ['either.value', false],
    ['either.relationTo', false],
    ['meta.plan', false],
    ['unknown.path', false],
    ['author.email', true],
    ['-author.subscription.plan', true],
    ['author__email', true],
    ['related.title', true],
    ['either.value.title', true],
    ['hero.filename', true],
    ['replies.body', true],
    ['meta.owner.email', true],
    ['authorEmail', true],
  ])('%s → %p', (path, expected) => {
    expect(sortsThroughRelationship(path, fields)).toBe(expected)
  })
})

describe('comments (the F5 finding as reported)', () => {
  it.each(['reader.email', '-reader.subscription.plan', 'reader.name', 'article.title'])(
    'sort=%s is refused for a reader',
    async (sort) => {
      const res = await app.rest.get('/comments', { query: { sort }, token: readerToken })
      expect(res.status).toBe(400)
      expect(res.json.errors[0].message).toBe(`The following path cannot be queried: ${sort.replace(/^-/, '')}`)
    },
  )
})

describe('articles and videos: relationship sorts are editors’ alone', () => {
  it.each(
    ROLES.flatMap((role) => [
      [role, '/articles', 'relatedVideos.title'],
      [role, '/articles', '-relatedVideos.publishedAt'],
      [role, '/articles', 'heroImage.filename'],
      [role, '/articles', 'title,relatedVideos.title'],
      [role, '/videos', 'poster.filename'],
      [role, '/videos', 'file.filename'],
    ]),
  )('%s: %s?sort=%s → 400', async (role, path, sort) => {
    const res = await app.rest.get(path as `/${string}`, { query: { sort }, token: tokenOf(role as Role) })
    expect(res.status).toBe(400)
    expect(res.json.errors[0].message).toMatch(/cannot be queried/)
  })

  it.each(ROLES)('%s: sorting by the document’s own fields and by the stored reference still works', async (role) => {
    for (const sort of ['title', '-publishedAt', 'relatedVideos', 'relatedVideos.id']) {
      const res = await app.rest.get('/articles', { query: { depth: 0, sort }, token: tokenOf(role) })
      expect([sort, res.status]).toEqual([sort, 200])
      expect(res.json.totalDocs).toBe(1)
    }
  })

  it('editors may sort through relationships', async () => {
    for (const [path, sort] of [
      ['/articles', 'relatedVideos.title'],
      ['/videos', 'poster.filename'],
      ['/comments', 'reader.email'],
    ] as const) {
      expect([path, sort, (await app.rest.get(path, { query: { sort }, token: app.editorToken })).status]).toEqual([
        path,
        sort,
        200,
      ])
    }
  })

  it('GraphQL refuses the same sort', async () => {
    const res = await app.graphql('{ Articles(sort: "relatedVideos.title") { docs { id } } }', undefined, {
      token: readerToken,
    })
    expect(res.data?.Articles ?? null).toBeNull()
    expect(res.errors?.[0]?.message).toBe('The following path cannot be queried: relatedVideos.title')
  })

  it('Local API with overrideAccess: false refuses it; trusted server code may sort freely', async () => {
    const reader = {
      ...(await app.payload.findByID({ collection: 'readers', id: readerId })),
      collection: 'readers' as const,
    }
    await expect(
      app.payload.find({
        collection: 'articles',
        overrideAccess: false,
        sort: 'relatedVideos.title',
        user: reader as never,
      }),
    ).rejects.toMatchObject({
      name: 'QueryError',
      status: 400,
    })
    expect((await app.payload.find({ collection: 'articles', sort: 'relatedVideos.title' })).totalDocs).toBe(1)
  })
})

describe('a reader’s email, name and subscription are private to them and editors', () => {
  it.each(
    ROLES.flatMap((role) =>
      ['customer.email', '-customer.name', 'customer.subscription.plan', 'customer.subscription.status'].map((sort) => [
        role,
        sort,
      ]),
    ),
  )('%s: a host collection pointing at readers cannot be sorted by %s', async (role, sort) => {
    const res = await app.rest.get('/orders', { query: { sort }, token: tokenOf(role as Role) })
    expect(res.status).toBe(400)
    expect(res.json.errors[0].message).toMatch(/cannot be queried/)
  })

  it.each(ROLES)('%s: nor filtered by them', async (role) => {
    const res = await app.rest.get('/orders', {
      query: { where: { 'customer.email': { like: 'other' } } },
      token: tokenOf(role),
    })
    expect(res.status).toBe(400)
  })

  it('editors may sort and filter by them', async () => {
    expect((await app.rest.get('/orders', { query: { sort: 'customer.email' }, token: app.editorToken })).status).toBe(
      200,
    )
    const filtered = await app.rest.get('/orders', {
      query: { where: { 'customer.email': { equals: 'other@readers.test' } } },
      token: app.editorToken,
    })
    expect(filtered.json.totalDocs).toBe(1)
  })

  it('the reader still sees their own account in full (REST, GraphQL), and only their own', async () => {
    const me = await app.rest.get('/readers/me', { token: readerToken })
    expect(me.json.user).toMatchObject({
      email: 'r@readers.test',
      name: 'Rita',
      subscription: { plan: 'free', status: 'active' },
    })
    const byId = await app.rest.get(`/readers/${readerId}`, { token: readerToken })
    expect(byId.json).toMatchObject({ email: 'r@readers.test', name: 'Rita', subscription: { plan: 'free' } })
    const gql = await app.graphql('{ meReader { user { email name subscription { plan } } } }', undefined, {
      token: readerToken,
    })
    expect(gql.data.meReader.user).toEqual({ email: 'r@readers.test', name: 'Rita', subscription: { plan: 'free' } })
    expect((await app.rest.get(`/readers/${otherReaderId}`, { token: readerToken })).status).toBe(404)
  })

  it('login and sign-up answer with the account’s own fields', async () => {
    const login = await app.rest.post('/readers/login', {
      body: { email: 'r@readers.test', password: READER_PASSWORD },
    })
    expect(login.json.user).toMatchObject({ email: 'r@readers.test', name: 'Rita', subscription: { plan: 'free' } })
    const signup = await app.rest.post('/readers', {
      body: { email: 'New@Readers.test', name: 'Nina', password: READER_PASSWORD },
    })
    expect(signup.status).toBe(201)
    expect(signup.json.doc).toMatchObject({
      email: 'new@readers.test',
      name: 'Nina',
      subscription: { plan: 'free', status: 'active' },
    })
  })

  it('an order populated for the public carries the customer’s id only', async () => {
    const res = await app.rest.get('/orders', { query: { depth: 1 } })
    expect(res.json.docs[0].customer).toBe(otherReaderId)
  })
})
