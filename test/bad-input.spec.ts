/**
 * Issue #11, finding 9: every request below answered 500 on main. Each is a 4xx with a message now
 * (src/hooks/rejectMalformed*.ts, answerUnreadableRequests.ts, endpoints/verifyWhenVerificationIsOff.ts,
 * graphql/refuseFragmentCycles.ts). What only Payload core can change is asserted separately, named
 * "upstream", with what a client receives today (test/README.md, "Upstream 500s").
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'
import type { RawResponse } from './helpers/rawRequest.js'

import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import { rawGraphQL, rawRest } from './helpers/rawRequest.js'

const JSON_TYPE = { 'Content-Type': 'application/json' }
const json = (value: unknown) => ({ body: JSON.stringify(value), headers: JSON_TYPE })

/** A 4xx whose first error says something (not Payload's hidden-500 text). */
const expectClientError = (res: RawResponse) => {
  expect(res.status).toBeGreaterThanOrEqual(400)
  expect(res.status).toBeLessThan(500)
  const message = res.json?.errors?.[0]?.message ?? res.json?.message
  expect(typeof message).toBe('string')
  expect(message).not.toBe('Something went wrong.')
}

describe('finding 9: bad input is a 4xx with a message', () => {
  let app: NewsroomTestApp
  let readerToken: string
  let readerId: string
  let articleId: string

  beforeAll(async () => {
    app = await startNewsroomApp({ comments: { floodSeconds: 0 } })
    const article = await app.payload.create({
      collection: 'articles',
      data: { _status: 'published', title: 'Target' } as never,
    })
    articleId = String(article.id)
    // A video with a related article, so the join's where reaches the database.
    const video = await app.payload.create({
      collection: 'videos',
      data: { _status: 'published', title: 'Clip', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' } as never,
    })
    await app.payload.update({ collection: 'articles', id: articleId, data: { relatedVideos: [video.id] } as never })
    const reader = await app.payload.create({
      collection: 'readers',
      data: { email: 'r@readers.test', password: READER_PASSWORD, _verified: true } as never,
    })
    readerId = String(reader.id)
    readerToken = await app.rest.login('readers', 'r@readers.test', READER_PASSWORD)
  })
  afterAll(() => app?.shutdown())

  const comment = (extra: Record<string, unknown>) => ({
    authorEmail: 'a@b.test',
    authorName: 'A',
    body: 'Hello there',
    article: articleId,
    ...extra,
  })

  describe('plugin code', () => {
    it.each([123, -1, 1.5, { id: 12 }, '123'])('POST /comments with article %j', async (article) => {
      expectClientError(await rawRest(app, 'POST', '/comments', json(comment({ article }))))
    })
    it.each([123, -1, 1.5, { id: 12 }])('POST /comments with parent %j', async (parent) => {
      expectClientError(await rawRest(app, 'POST', '/comments', json(comment({ parent }))))
    })
    it('a reader’s POST /comment-reports {"comment":12}', async () => {
      expectClientError(
        await rawRest(app, 'POST', '/comment-reports', { ...json({ comment: 12 }), token: readerToken }),
      )
    })
    const geo = ['articles', 'comments', 'videos', 'readers', 'media', 'comment-reports'].flatMap((slug) =>
      ['near', 'within', 'intersects'].flatMap((op) => [
        [slug, `where[title][${op}]=1,2`],
        [slug, `where[id][${op}]=1,2`],
        [slug, `where[createdAt][${op}]=1,2`],
      ]),
    )
    it.each(geo)('GET /%s?%s (geo operator on a non-point field), as a reader', async (slug, query) => {
      expectClientError(await rawRest(app, 'GET', `/${slug}?${query}`, { token: readerToken }))
    })
    it.each(['articles', 'comments', 'videos'])('GET /%s?where[title][in][a]=b', async (slug) => {
      expectClientError(await rawRest(app, 'GET', `/${slug}?where[title][in][a]=b&where[authorName][in][a]=b`))
    })
    it('GET /videos?joins[relatedArticles][where][premium][equals]=maybe', async () => {
      expectClientError(await rawRest(app, 'GET', '/videos?joins[relatedArticles][where][premium][equals]=maybe'))
    })
    it('a reader’s PATCH /readers/<own id> {"subscription":null}', async () => {
      expectClientError(
        await rawRest(app, 'PATCH', `/readers/${readerId}`, { ...json({ subscription: null }), token: readerToken }),
      )
    })
  })

  describe('reachable through our collections, failing in Payload core', () => {
    const bodies: [string, BodyInit | undefined, Record<string, string>][] = [
      ['text/plain', 'hello', { 'Content-Type': 'text/plain' }],
      ['form-urlencoded', 'a=b', { 'Content-Type': 'application/x-www-form-urlencoded' }],
      ['XML', '<a/>', { 'Content-Type': 'application/xml' }],
      ['PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), { 'Content-Type': 'image/png' }],
      ['empty, no Content-Type', undefined, {}],
      ['JSON 123', '123', JSON_TYPE],
      ['JSON "str"', '"str"', JSON_TYPE],
      ['JSON true', 'true', JSON_TYPE],
      ['JSON null', 'null', JSON_TYPE],
      [
        'broken multipart',
        '--x\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{',
        { 'Content-Type': 'multipart/form-data; boundary=x' },
      ],
      [
        'multipart whose _payload is not JSON',
        '--x\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{bad\r\n--x--\r\n',
        { 'Content-Type': 'multipart/form-data; boundary=x' },
      ],
    ]
    it.each(
      ['comments', 'readers'].flatMap((slug) =>
        bodies.map(([name, body, headers]) => [slug, name, body, headers] as const),
      ),
    )('POST /%s with %s', async (slug, _name, body, headers) => {
      expectClientError(await rawRest(app, 'POST', `/${slug}`, { body, headers }))
    })
    it.each([
      [{ email: 5, password: 'pw-12345678' }],
      [{ email: ['a@b.test'], password: 'pw-12345678' }],
      [{ email: { $gt: '' }, password: 'pw-12345678' }],
      [{ email: 'n1@b.test', password: 12345678 }],
      [{ email: 'n2@b.test', password: {} }],
    ])('POST /readers %j', async (data) => {
      expectClientError(await rawRest(app, 'POST', '/readers', json(data)))
    })
    it.each([
      '?sort=%00',
      '?sort=-%00title',
      '?sort[]=title&sort[]=%00',
      '?sort=',
      '?sort=title,',
      '?sort=-',
      '?sort=title..slug',
      '?page=1e20',
      '?page=1.55',
      '?limit=1e20',
      '?limit=1.5',
      '?where=notjson',
      '?data=notjson',
    ])('GET /articles%s', async (query) => {
      expectClientError(await rawRest(app, 'GET', `/articles${query}` as `/${string}`))
    })
    it.each([
      '/media/0123456789abcdef01234567?data=-1',
      '/articles/0123456789abcdef01234567?data=5',
      '/articles/count?where=notjson',
      '/comments/versions?where=x',
      '/articles?joins[comments][sort]=%00',
    ])('GET %s', async (path) => {
      expectClientError(await rawRest(app, 'GET', path as `/${string}`))
    })
    it.each(
      ['comments', 'readers', 'newsroom-gifts'].flatMap((slug) => [
        ['GET', `/${slug}/versions`],
        ['GET', `/${slug}/versions/0123456789abcdef01234567`],
        ['POST', `/${slug}/versions/0123456789abcdef01234567`],
      ]),
    )('%s %s: a collection without versions answers 404, for editors too', async (method, path) => {
      const res = await rawRest(app, method as 'GET' | 'POST', path as `/${string}`, {
        ...(method === 'POST' ? json({}) : {}),
        token: app.editorToken,
      })
      expect(res.status).toBe(404)
      expect(res.json?.errors?.[0]?.message).toBe('This collection keeps no versions.')
    })
    it('versions of a collection that keeps them are still Payload’s: editors only', async () => {
      expect((await rawRest(app, 'GET', '/articles/versions')).status).toBe(403)
      expect((await rawRest(app, 'GET', '/articles/versions', { token: app.editorToken })).status).toBe(200)
    })
    it('a GraphQL fragment cycle is a validation error, not an empty 500', async () => {
      const query =
        'query { Articles { docs { ...A } } } fragment A on Article { ...B } fragment B on Article { title ...A }'
      const res = await rawGraphQL(app, JSON.stringify({ query }))
      expect(res.status).toBeLessThan(500)
      expect(res.json?.errors?.[0]?.message).toBe('Cannot spread fragment "A" within itself via "B".')
    })
    it('a GraphQL fragment spreading itself directly, in a mutation', async () => {
      const query =
        'mutation { createComment(data: { body: "x", authorEmail: "a@b.test", authorName: "A" }) { ...C } } fragment C on Comment { id ...C }'
      const res = await rawGraphQL(app, JSON.stringify({ query }))
      expect(res.status).toBeLessThan(500)
      expect(res.json?.errors?.[0]?.message).toBe('Cannot spread fragment "C" within itself.')
      expect((await app.payload.count({ collection: 'comments' })).totalDocs).toBe(0)
    })
  })

  describe('well-formed input still works', () => {
    it('a comment on an article given as a populated document', async () => {
      const res = await rawRest(
        app,
        'POST',
        '/comments',
        json(comment({ article: { id: articleId, title: 'Target' } })),
      )
      expect(res.status).toBe(201)
    })
    it('multipart form data with a JSON _payload (what the admin sends)', async () => {
      const form = new FormData()
      form.set('_payload', JSON.stringify(comment({ authorEmail: 'form@b.test', body: 'From a form' })))
      expect((await rawRest(app, 'POST', '/comments', { body: form })).status).toBe(201)
    })
    it('a reader edits their name; sort, page and a join where that are well formed', async () => {
      expect(
        (
          await rawRest(app, 'PATCH', `/readers/${readerId}`, {
            ...json({ name: 'Rita', subscription: {} }),
            token: readerToken,
          })
        ).status,
      ).toBe(200)
      const list = await rawRest(
        app,
        'GET',
        '/articles?sort=-publishedAt,title&page=1&limit=5&joins[comments][sort]=-createdAt&joins[comments][where][authorName][equals]=A',
      )
      expect(list.status).toBe(200)
      expect(list.json.totalDocs).toBe(1)
      const videos = await rawRest(app, 'GET', '/videos?joins[relatedArticles][where][premium][equals]=false')
      expect(videos.json.docs[0].relatedArticles.docs).toHaveLength(1)
    })
  })
})

describe('finding 9 with email verification switched off', () => {
  let app: NewsroomTestApp
  beforeAll(async () => {
    // Whatever verification the plugin's readers use by default, a host may switch it off.
    app = await startNewsroomApp({ overrides: { readers: { auth: { maxLoginAttempts: 10, verify: false } } } })
  })
  afterAll(() => app?.shutdown())

  it.each(['zzz', 'a'.repeat(40)])('POST /readers/verify/%s is a 404', async (token) => {
    const res = await rawRest(app, 'POST', `/readers/verify/${token}` as `/${string}`)
    expect(res.status).toBe(404)
    expect(res.json.errors[0].message).toBe('Email verification is not enabled for this collection.')
  })
  it('GraphQL verifyEmailReader is a 404-class error, not a 500', async () => {
    const res = await app.graphql('mutation { verifyEmailReader(token: "zzz") }')
    expect(res.errors?.[0]).toMatchObject({
      extensions: { statusCode: 404 },
      message: 'Email verification is not enabled for this collection.',
    })
  })
  it('GET /globals/discussion-settings?data=notjson is a 400', async () => {
    expectClientError(await rawRest(app, 'GET', '/globals/discussion-settings?data=notjson'))
    expectClientError(await rawRest(app, 'GET', '/globals/discussion-settings?data=a&data=b'))
  })
})

describe('upstream: what only Payload core can change', () => {
  let app: NewsroomTestApp
  beforeAll(async () => {
    app = await startNewsroomApp()
  })
  afterAll(() => app?.shutdown())

  it('upstream: a POST with X-HTTP-Method-Override: GET and a JSON body that is not JSON makes the handler throw', async () => {
    // payload/dist/utilities/handleEndpoints.js reads `request.json()` before its try/catch and any hook of ours.
    await expect(
      rawRest(app, 'POST', '/articles', { body: '{', headers: { ...JSON_TYPE, 'X-HTTP-Method-Override': 'GET' } }),
    ).rejects.toMatchObject({ name: 'SyntaxError' })
  })

  it('upstream: GraphQL Access.canAccessAdmin for anyone but an admin user is an error (a false is dropped)', async () => {
    // payload/dist/auth/getAccessResults.js sets `canAccessAdmin: false`; sanitizePermissions removes false values,
    // and the field is non-null in the schema (@payloadcms/graphql).
    const res = await rawGraphQL(app, JSON.stringify({ query: '{ Access { canAccessAdmin } }' }))
    expect(res.json?.errors?.[0]?.path).toEqual(['Access', 'canAccessAdmin'])
    const editor = await rawGraphQL(app, JSON.stringify({ query: '{ Access { canAccessAdmin } }' }), {
      token: app.editorToken,
    })
    expect(editor.json?.data?.Access?.canAccessAdmin).toBe(true)
  })

  it('upstream: invalid JSON to /api/graphql makes the handler throw (Next answers 500)', async () => {
    // @payloadcms/next/dist/routes/graphql/handler.js parses the body outside any catch; nothing of ours runs first.
    await expect(rawGraphQL(app, '{bad')).rejects.toMatchObject({ message: 'Invalid JSON', status: 400 })
  })
})
