/**
 * Rule 7 for queries: values the database cannot cast, operator objects and paths through joins are a
 * 400 with a message, never a 500 (src/hooks/rejectMalformedWhere.ts). Found by the red team (F4).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'

type Json = Record<string, any>

describe('F4: queries that answer 500 or crash (rule 7)', () => {
  let app: NewsroomTestApp

  beforeAll(async () => {
    app = await startNewsroomApp({ comments: { floodSeconds: 0 } })
    await app.payload.create({ collection: 'articles', data: { _status: 'published', title: 'Target' } as never })
  })
  afterAll(() => app?.shutdown())

  it.each([
    ['/articles', { where: { premium: { equals: 'maybe' } } }],
    ['/articles', { where: { commentCount: { greater_than: 'abc' } } }],
    ['/articles', { where: { title: { equals: { $ne: 'x' } } } }],
    ['/comments', { where: { authorName: { equals: { $gt: '' } } } }],
    ['/comments', { where: { body: { in: [{ $gt: '' }] } } }],
    ['/comments', { where: { id: { in: ['zzz'] } } }],
    ['/comments', { where: { id: { not_in: ['zzz'] } } }],
  ] as const)('GET %s %j answers 400, not 500', async (apiPath, query) => {
    const res = await app.rest.get(apiPath as `/${string}`, { query: query as Json })
    expect(res.status).toBe(400)
  })

  it.each(['comments', 'readers', 'media', 'comment-reports', 'newsroom-email-log'])(
    'GET /%s/versions (no versions) as a reader answers 403 or 404, not 500',
    async (slug) => {
      await app.payload.create({
        collection: 'readers',
        data: { _verified: true, email: `v-${slug}@readers.test`, password: READER_PASSWORD } as never,
      })
      const token = await app.rest.login('readers', `v-${slug}@readers.test`, READER_PASSWORD)
      const res = await app.rest.get(`/${slug}/versions`, { token })
      expect([403, 404]).toContain(res.status)
    },
  )

  it('a where through the articles’ comments join answers 400 without an unhandled promise rejection', async () => {
    const rejections: unknown[] = []
    const onRejection = (reason: unknown) => rejections.push(reason)
    process.on('unhandledRejection', onRejection)
    try {
      const res = await app.rest.get('/comments', {
        query: { where: { 'article.comments.authorEmail': { equals: 'x@example.org' } } },
      })
      expect(res.status).toBe(400)
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(rejections).toEqual([])
    } finally {
      process.off('unhandledRejection', onRejection)
    }
  })
})

describe('well-formed queries still work', () => {
  let app: NewsroomTestApp
  beforeAll(async () => {
    app = await startNewsroomApp()
    await app.payload.create({
      collection: 'articles',
      data: { _status: 'published', premium: true, title: 'Premium one' } as never,
    })
  })
  afterAll(() => app?.shutdown())

  it.each([
    [{ premium: { equals: 'true' } }, 1],
    [{ premium: { equals: false } }, 0],
    [{ commentCount: { greater_than_equal: '0' } }, 1],
    [{ commentsCloseAt: { exists: 'false' } }, 1],
    // Published articles always have a publishedAt (src/hooks/setPublishedAt.ts).
    [{ publishedAt: { exists: 'true' } }, 1],
    [{ id: { not_in: ['0123456789abcdef01234567'] } }, 1],
    [{ or: [{ title: { like: 'premium' } }, { premium: { equals: true } }] }, 1],
  ] as const)('where %j finds %i', async (where, count) => {
    const res = await app.rest.get('/articles', { query: { where } })
    expect(res.status).toBe(200)
    expect(res.json.totalDocs).toBe(count)
  })
})
