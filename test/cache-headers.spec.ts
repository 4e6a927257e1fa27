/**
 * Issue #11 finding 6: a subscriber's `GET /api/articles/<premium id>` carried no `Cache-Control` and no `Vary`,
 * so a CDN caching `/api` could hand it to anonymous readers. Every response whose body depends on who asks
 * varies on the credentials and is private for a logged-in requester; anonymous published reads may opt into
 * `public, s-maxage` (`cache.publicMaxAge`). Through the real Next route handlers (REST and GraphQL).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { cacheHeadersFor } from '../src/hooks/cacheHeaders.js'
import { EDITOR, READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import { block, lexical, paragraph } from './helpers/lexical.js'

const SECRET = 'Only subscribers read this sentence.'
const future = () => new Date(Date.now() + 30 * 86_400_000).toISOString()

const varies = (headers: Headers) =>
  (headers.get('vary') ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean)

const expectVaryOnCredentials = (headers: Headers) =>
  expect(varies(headers)).toEqual(expect.arrayContaining(['authorization', 'cookie']))
const expectPrivate = (headers: Headers) => {
  expectVaryOnCredentials(headers)
  expect(headers.get('cache-control')).toMatch(/\bprivate\b/)
  expect(headers.get('cache-control')).toMatch(/\bno-store\b/)
  expect(headers.get('cache-control')).not.toMatch(/\bpublic\b|s-maxage/)
}

type Ids = { free: string; premium: string; video: string }

const seed = async (app: NewsroomTestApp): Promise<{ ids: Ids; subscriber: string }> => {
  const email = `sub-${Math.random().toString(36).slice(2)}@cache.test`
  await app.payload.create({
    collection: 'readers',
    data: {
      _verified: true,
      email,
      password: READER_PASSWORD,
      subscription: { currentPeriodEnd: future(), plan: 'premium', status: 'active' },
    } as never,
  })
  const subscriber = await app.rest.login('readers', email, READER_PASSWORD)
  const premium = await app.payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(paragraph('Intro.'), block({ blockName: '', blockType: 'paywallBreak' }), paragraph(SECRET)),
      premium: true,
      title: 'Paid story',
    } as never,
  })
  const free = await app.payload.create({
    collection: 'articles',
    data: { _status: 'published', content: lexical(paragraph('Free.')), title: 'Free story' } as never,
  })
  const video = await app.payload.create({
    collection: 'videos',
    data: { _status: 'published', title: 'Clip', url: 'https://vimeo.com/76979871' } as never,
  })
  return { ids: { free: String(free.id), premium: String(premium.id), video: String(video.id) }, subscriber }
}

describe('cache headers with the defaults (no public caching)', () => {
  let app: NewsroomTestApp
  let ids: Ids
  let subscriber: string
  beforeAll(async () => {
    app = await startNewsroomApp()
    ;({ ids, subscriber } = await seed(app))
  })
  afterAll(() => app?.shutdown())

  it("a subscriber's premium article (REST, by id and in a list) is private and varies on the credentials", async () => {
    const byId = await app.rest.get(`/articles/${ids.premium}`, { token: subscriber })
    expect(JSON.stringify(byId.json)).toContain(SECRET)
    expectPrivate(byId.headers)
    expectPrivate((await app.rest.get('/articles', { token: subscriber })).headers)
  })

  it('the same read with the session cookie instead of the header is private too', async () => {
    const res = await app.rest.get(`/articles/${ids.premium}`, {
      headers: { Cookie: `payload-token=${subscriber}`, 'Sec-Fetch-Site': 'same-origin' },
    })
    expect(JSON.stringify(res.json)).toContain(SECRET)
    expectPrivate(res.headers)
  })

  it('an anonymous read varies on the credentials and is not made public', async () => {
    const res = await app.rest.get(`/articles/${ids.premium}`)
    expect(JSON.stringify(res.json)).not.toContain(SECRET)
    expectVaryOnCredentials(res.headers)
    expect(res.headers.get('cache-control') ?? '').not.toMatch(/public|s-maxage/)
  })

  it('GraphQL as a subscriber is private and varies on the credentials', async () => {
    const res = await app.graphql(`{ Article(id: "${ids.premium}") { title } }`, {}, { token: subscriber })
    expectPrivate(res.headers)
  })

  it.each([
    ['a comment list', (t: string) => app.rest.get('/comments', { token: t })],
    ['a video', (t: string) => app.rest.get(`/videos/${ids.video}`, { token: t })],
    ['readers/me', (t: string) => app.rest.get('/readers/me', { token: t })],
    ['readers/refresh-token', (t: string) => app.rest.post('/readers/refresh-token', { token: t })],
    ['a 404', (t: string) => app.rest.get('/articles/665f00000000000000000000', { token: t })],
  ])("a subscriber's %s is private", async (_name, call) => {
    expectPrivate((await call(subscriber)).headers)
  })

  it("the Discussion settings (editors only: key lists, editors' addresses) are private for an editor and vary for everyone", async () => {
    const asEditor = await app.rest.get('/globals/discussion-settings', { token: app.editorToken })
    expect(asEditor.status).toBe(200)
    expectPrivate(asEditor.headers)
    const anonymous = await app.rest.get('/globals/discussion-settings')
    expectVaryOnCredentials(anonymous.headers)
    expect(anonymous.headers.get('cache-control') ?? '').not.toMatch(/public|s-maxage/)
  })

  it("Payload's login and me routes are private, whoever asks (readers and editors)", async () => {
    expectPrivate((await app.rest.post('/users/login', { body: EDITOR })).headers)
    expectPrivate((await app.rest.get('/users/me', { token: app.editorToken })).headers)
    expectPrivate((await app.rest.get('/readers/me')).headers)
    expectPrivate((await app.rest.post('/readers/logout', { token: subscriber })).headers)
  })
})

describe('cache.publicMaxAge: anonymous published reads may be public', () => {
  let app: NewsroomTestApp
  let ids: Ids
  let subscriber: string
  beforeAll(async () => {
    app = await startNewsroomApp({ cache: { publicMaxAge: 60 } })
    ;({ ids, subscriber } = await seed(app))
  })
  afterAll(() => app?.shutdown())

  it.each([
    ['an article by id', () => `/articles/${ids.premium}`],
    ['the article list', () => '/articles'],
    ['a video', () => `/videos/${ids.video}`],
  ])('anonymous %s: public with s-maxage, still varying on the credentials', async (_name, path) => {
    const res = await app.rest.get(path() as `/${string}`)
    expect(res.status).toBe(200)
    expect(JSON.stringify(res.json)).not.toContain(SECRET)
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60')
    expectVaryOnCredentials(res.headers)
  })

  it("a subscriber's read of the same URL stays private", async () => {
    expectPrivate((await app.rest.get(`/articles/${ids.premium}`, { token: subscriber })).headers)
  })

  it.each([
    ['comments', () => '/comments'],
    ['a missing article', () => '/articles/665f00000000000000000000'],
    ['drafts', () => `/articles/${ids.free}?draft=true`],
    ['the print view', () => `/articles/${ids.free}/print`],
    ['versions', () => '/articles/versions'],
    [
      "a read answered from the client's own ?data=",
      () => `/articles/${ids.free}?data=${encodeURIComponent(JSON.stringify({ title: 'Planted' }))}`,
    ],
  ])('anonymous %s: never public', async (_name, path) => {
    const [pathname, search] = path().split('?')
    const res = await app.rest.get(pathname as `/${string}`, {
      query: search ? Object.fromEntries(new URLSearchParams(search)) : undefined,
    })
    expect(res.headers.get('cache-control') ?? '').not.toMatch(/public|s-maxage/)
  })
})

describe('cacheHeadersFor (pure)', () => {
  it.each([
    [{ authenticated: true, publicMaxAge: 60, publicRead: true, session: false }, 'private, no-store'],
    [{ authenticated: false, publicMaxAge: 60, publicRead: true, session: true }, 'private, no-store'],
    [{ authenticated: false, publicMaxAge: 60, publicRead: true, session: false }, 'public, max-age=0, s-maxage=60'],
    [{ authenticated: false, publicMaxAge: 0, publicRead: true, session: false }, null],
    [{ authenticated: false, publicMaxAge: 60, publicRead: false, session: false }, null],
  ])('%j → %s', (input, cacheControl) => {
    expect(cacheHeadersFor(input)).toEqual({ cacheControl, vary: 'Authorization, Cookie' })
  })
})

describe('cache.publicMaxAge with a host premium.hasAccess: nothing is public', () => {
  let app: NewsroomTestApp
  let ids: Ids
  beforeAll(async () => {
    // A host rule that entitles anonymous requesters by a header (an institution's proxy, say): a cache keyed on the
    // URL and the credentials cannot tell them apart, so the unlocked body must never be stored for everyone.
    app = await startNewsroomApp({
      cache: { publicMaxAge: 60 },
      premium: { hasAccess: ({ req, user }) => Boolean(user) || req.headers.get('x-campus') === 'yes' },
    })
    ;({ ids } = await seed(app))
  })
  afterAll(() => app?.shutdown())

  it('an anonymous read the host entitled is private; so is any anonymous read', async () => {
    const entitled = await app.rest.get(`/articles/${ids.premium}`, { headers: { 'x-campus': 'yes' } })
    expect(JSON.stringify(entitled.json)).toContain(SECRET)
    expect(entitled.headers.get('cache-control') ?? '').not.toMatch(/public|s-maxage/)
    const plain = await app.rest.get(`/articles/${ids.free}`)
    expect(plain.headers.get('cache-control') ?? '').not.toMatch(/public|s-maxage/)
    expectVaryOnCredentials(plain.headers)
  })
})
