/**
 * `publishedAt` is filled in when an article or a video is published without one (src/hooks/setPublishedAt.ts):
 * lists sort newest first by it, print shows it, and the comments' close-after-days rule counts from it.
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { setPublishedAt } from '../src/hooks/setPublishedAt.js'
import { startNewsroomApp } from './helpers/newsroomApp.js'

const EARLIER = '2024-03-01T08:00:00.000Z'
const NOW = 'now'

describe('setPublishedAt', () => {
  const run = (data: Record<string, unknown>, originalDoc?: Record<string, unknown>) =>
    setPublishedAt({ data, originalDoc, operation: originalDoc ? 'update' : 'create' } as never) as Record<
      string,
      unknown
    >

  it.each([
    ['published without a date', { _status: 'published' }, undefined, NOW],
    ['published with a date', { _status: 'published', publishedAt: EARLIER }, undefined, EARLIER],
    [
      'published, the date cleared',
      { _status: 'published', publishedAt: null },
      { _status: 'published', publishedAt: EARLIER },
      NOW,
    ],
    ['a draft', { _status: 'draft' }, undefined, undefined],
    ['a draft published later', { _status: 'published' }, { _status: 'draft', publishedAt: null }, NOW],
    [
      'republished: the first date stays',
      { _status: 'published' },
      { _status: 'published', publishedAt: EARLIER },
      undefined,
    ],
    ['a published one edited without a status', { title: 'x' }, { _status: 'published', publishedAt: null }, NOW],
    [
      'a draft saved over a published one',
      { _status: 'draft' },
      { _status: 'published', publishedAt: null },
      undefined,
    ],
  ])('%s', (_name, data, originalDoc, expected) => {
    const before = Date.now()
    const result = run(data, originalDoc)
    if (expected === NOW) {
      expect(new Date(result.publishedAt as string).getTime()).toBeGreaterThanOrEqual(before)
      expect(new Date(result.publishedAt as string).getTime()).toBeLessThanOrEqual(Date.now())
    } else expect(result.publishedAt).toBe(expected)
  })
})

describe('through Payload', () => {
  let app: NewsroomTestApp
  let payload: Payload
  beforeAll(async () => {
    app = await startNewsroomApp()
    payload = app.payload
  })
  afterAll(() => app?.shutdown())

  const isRecent = (value: unknown, since: number) => {
    const at = new Date(value as string).getTime()
    return at >= since - 1000 && at <= Date.now() + 1000
  }

  it('REST: an article published from the API gets "now"; a draft gets none until it is published', async () => {
    const before = Date.now()
    const published = await app.rest.post('/articles', {
      body: { _status: 'published', title: 'Straight out' },
      token: app.editorToken,
    })
    expect(published.status).toBe(201)
    expect(isRecent(published.json.doc.publishedAt, before)).toBe(true)

    const draft = await app.rest.post('/articles', {
      body: { title: 'Work in progress' },
      query: { draft: 'true' },
      token: app.editorToken,
    })
    expect(draft.status).toBe(201)
    expect(draft.json.doc.publishedAt ?? null).toBeNull()
    const publishing = await app.rest.patch(`/articles/${draft.json.doc.id}`, {
      body: { _status: 'published' },
      token: app.editorToken,
    })
    expect(isRecent(publishing.json.doc.publishedAt, before)).toBe(true)
    // The public sees the date too.
    expect(isRecent((await app.rest.get(`/articles/${draft.json.doc.id}`)).json.publishedAt, before)).toBe(true)
  })

  it('GraphQL: publishing sets it as well', async () => {
    const before = Date.now()
    const res = await app.graphql(
      'mutation { createArticle(data: { title: "Via GraphQL", _status: published }) { publishedAt } }',
      undefined,
      {
        token: app.editorToken,
      },
    )
    expect(res.errors).toBeUndefined()
    expect(isRecent(res.data.createArticle.publishedAt, before)).toBe(true)
  })

  it('a date the editor set is kept, and republishing keeps the first date', async () => {
    const article = await payload.create({
      collection: 'articles',
      data: { _status: 'published', publishedAt: EARLIER, title: 'Backdated' } as never,
    })
    expect(article.publishedAt).toBe(EARLIER)
    const republished = await payload.update({
      collection: 'articles',
      data: { _status: 'published', title: 'Backdated, edited' } as never,
      id: article.id,
    })
    expect(republished.publishedAt).toBe(EARLIER)
  })

  it('a video published without a date gets "now" through the same hook', async () => {
    const before = Date.now()
    const video = await payload.create({
      collection: 'videos',
      data: { _status: 'published', title: 'Clip', url: 'https://youtu.be/aaaaaaaaaaa' } as never,
    })
    expect(isRecent(video.publishedAt, before)).toBe(true)
    const draft = await payload.create({
      collection: 'videos',
      data: { _status: 'draft', title: 'Clip draft' } as never,
      draft: true,
    })
    expect(draft.publishedAt ?? null).toBeNull()
  })
})
