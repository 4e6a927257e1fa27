/**
 * Issue #11 finding 7: public REST lists are pages of 1–100, as GraphQL's are (src/graphql/boundedLists.ts).
 * `?limit=0`, `pagination=false` and `joins[comments][limit]=0` used to hand anyone every document.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { MAX_REST_LIMIT, restListProblem } from '../src/hooks/boundRestLists.js'
import { lexicalParagraphs, READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'

type Json = Record<string, any>

const UNBOUNDED: [string, Json][] = [
  ['limit=0', { limit: 0 }],
  ['limit=101', { limit: 101 }],
  ['limit=1000000', { limit: 1_000_000 }],
  ['limit=-1', { limit: -1 }],
  ['limit=2.5', { limit: 2.5 }],
  ['pagination=false', { pagination: false }],
  ['pagination=false with a small limit', { limit: 5, pagination: false }],
]

describe('REST list bounds', () => {
  let app: NewsroomTestApp
  let readerToken: string
  let articleId: string
  let videoId: string

  beforeAll(async () => {
    app = await startNewsroomApp({ comments: { floodSeconds: 0 } })
    const article = await app.payload.create({
      collection: 'articles',
      data: { _status: 'published', content: lexicalParagraphs('Body.'), title: 'Bounded' } as never,
    })
    articleId = String(article.id)
    for (let i = 0; i < 12; i++) {
      await app.payload.create({
        collection: 'comments',
        data: {
          article: article.id,
          authorEmail: `c${i}@example.org`,
          authorName: `C${i}`,
          body: `Comment ${i}`,
          status: 'approved',
        } as never,
        overrideAccess: true,
      })
    }
    const video = await app.payload.create({
      collection: 'videos',
      data: { _status: 'published', title: 'Clip', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' } as never,
    })
    videoId = String(video.id)
    await app.payload.create({
      collection: 'readers',
      data: { _verified: true, email: 'bounded@readers.test', password: READER_PASSWORD } as never,
    })
    readerToken = await app.rest.login('readers', 'bounded@readers.test', READER_PASSWORD)
  })
  afterAll(() => app?.shutdown())

  describe.each(['articles', 'comments', 'videos', 'media', 'readers'])('/api/%s', (slug) => {
    it.each(UNBOUNDED)('%s answers 400 with a message to the public and to readers', async (_name, query) => {
      for (const token of [undefined, readerToken]) {
        const res = await app.rest.get(`/${slug}`, { query, token })
        expect(res.status).toBe(400)
        expect(res.json.errors[0].message).toMatch(
          /^"limit" must be between 1 and 100\.$|^"pagination=false" is not allowed|^Invalid query: limit must be a whole number\.$/,
        )
      }
    })

    it('an editor may list without bounds', async () => {
      const res = await app.rest.get(`/${slug}`, { query: { limit: 0 }, token: app.editorToken })
      expect(res.status).toBe(200)
      expect(res.json.docs).toBeInstanceOf(Array)
    })
  })

  it('limits 1 and 100 are pages, for anyone', async () => {
    for (const limit of [1, MAX_REST_LIMIT]) {
      const res = await app.rest.get('/comments', { query: { limit } })
      expect(res.status).toBe(200)
      expect(res.json.limit).toBe(limit)
    }
  })

  it.each([
    ['joins[comments][limit]=0', { comments: { limit: 0 } }],
    ['joins[comments][limit]=101', { comments: { limit: 101 } }],
  ])('%s on an article (list and by id) answers 400', async (_name, joins) => {
    for (const path of ['/articles', `/articles/${articleId}`] as const) {
      const res = await app.rest.get(path as `/${string}`, { query: { joins } })
      expect(res.status).toBe(400)
      expect(res.json.errors[0].message).toBe('"joins[comments][limit]" must be between 1 and 100.')
    }
  })

  it('joins[relatedArticles][limit]=0 on a video answers 400', async () => {
    const res = await app.rest.get(`/videos/${videoId}`, { query: { joins: { relatedArticles: { limit: 0 } } } })
    expect(res.status).toBe(400)
  })

  it('a bounded join page is served, and an editor may ask for the whole join', async () => {
    const pub = await app.rest.get(`/articles/${articleId}`, { query: { joins: { comments: { limit: 5 } } } })
    expect(pub.status).toBe(200)
    expect(pub.json.comments.docs).toHaveLength(5)
    const editor = await app.rest.get(`/articles/${articleId}`, {
      query: { joins: { comments: { limit: 0 } } },
      token: app.editorToken,
    })
    expect(editor.status).toBe(200)
    expect(editor.json.comments.docs).toHaveLength(12)
  })

  it("the plugin's own reads inside a request are not the client's paging (print with ?limit=0 still prints)", async () => {
    const res = await app.rest.get(`/articles/${articleId}/print`, { query: { limit: 0 } })
    expect(res.status).toBe(200)
  })

  it('server code (Local API) is not bounded', async () => {
    const all = await app.payload.find({ collection: 'comments', overrideAccess: false, pagination: false })
    expect(all.docs.length).toBe(12)
  })

  // Contract rule 8 on GraphQL, in any host app (not only the dev app's config): the plugin adds the rule.
  it.each([
    ['limit: 0', '{ Comments(limit: 0) { docs { id } } }'],
    ['limit: 101', '{ Articles(limit: 101) { docs { id } } }'],
    ['pagination: false', '{ Videos(pagination: false) { docs { id } } }'],
    ['a join limit of 0', '{ Articles(limit: 5) { docs { comments(limit: 0) { docs { id } } } } }'],
  ])('GraphQL %s is refused with a message', async (_name, query) => {
    for (const token of [undefined, readerToken]) {
      const res = await app.graphql(query, undefined, { token })
      expect(res.data ?? null).toBeNull()
      expect(res.errors?.[0]?.message).toMatch(
        /^"limit" must be between 1 and 100\.$|^"pagination: false" is not allowed/,
      )
    }
  })
})

describe('restListProblem (pure)', () => {
  it('property: a client-given limit is accepted exactly when it is an integer 1…100', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 1000, min: -1000 }), fc.double({ noNaN: true })), (limit) => {
        const accepted = restListProblem({ limit: String(limit) }, { limit }) === null
        expect(accepted).toBe(Number.isInteger(limit) && limit >= 1 && limit <= MAX_REST_LIMIT)
      }),
    )
  })

  it('property: values the client did not send are never judged (reads the plugin makes itself)', () => {
    fc.assert(
      fc.property(fc.integer({ max: 10_000, min: 0 }), fc.boolean(), (limit, pagination) => {
        expect(restListProblem({}, { joins: { comments: { limit: 0 } }, limit, pagination })).toBeNull()
      }),
    )
  })
})
