/**
 * `articles.commentCount` counts approved comments and stays right through every change: creation,
 * moderation (status changes), moving a comment, deletion, and publishing a draft of the article.
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import {
  commentCountOf,
  graphqlWithHeaders,
  publishArticle,
  submit,
  uniqueEmail,
  uniqueIp,
} from './comments-fixtures.js'
import { lexicalParagraphs, startNewsroomApp } from './helpers/newsroomApp.js'

let app: NewsroomTestApp
let payload: Payload

beforeAll(async () => {
  app = await startNewsroomApp({ comments: { floodSeconds: 0 } })
  payload = app.payload
})
afterAll(() => app?.shutdown())

const setStatus = async (id: number | string, status: string) => {
  const res = await app.rest.patch(`/comments/${id}`, { body: { status }, token: app.editorToken })
  expect(res.status).toBe(200)
}
const submitTo = async (article: string, authorEmail = uniqueEmail(), ip = uniqueIp()) => {
  const res = await submit(
    app,
    'REST',
    { article, authorEmail, authorName: 'Counted', body: `Words ${Math.random()}` },
    { ip },
  )
  expect(res.status).toBe(201)
  return res.doc!
}

describe('commentCount', () => {
  it('follows approvals, status changes and deletions', async () => {
    const article = await publishArticle(payload)
    const ip = uniqueIp()
    const first = await submitTo(article, undefined, ip)
    expect(first.status).toBe('pending')
    expect(await commentCountOf(payload, article)).toBe(0)

    await setStatus(first.id, 'approved')
    expect(await commentCountOf(payload, article)).toBe(1)

    // Approving twice counts once.
    await setStatus(first.id, 'approved')
    expect(await commentCountOf(payload, article)).toBe(1)

    // A previously approved author is approved on arrival.
    const second = await submitTo(
      article,
      (await payload.findByID({ collection: 'comments', id: first.id })).authorEmail as string,
      ip,
    )
    expect(second.status).toBe('approved')
    expect(await commentCountOf(payload, article)).toBe(2)

    await setStatus(second.id, 'spam')
    expect(await commentCountOf(payload, article)).toBe(1)
    await setStatus(second.id, 'trash')
    expect(await commentCountOf(payload, article)).toBe(1)

    expect((await app.rest.delete(`/comments/${first.id}`, { token: app.editorToken })).status).toBe(200)
    expect(await commentCountOf(payload, article)).toBe(0)
    // Deleting a comment that was not approved changes nothing.
    expect((await app.rest.delete(`/comments/${second.id}`, { token: app.editorToken })).status).toBe(200)
    expect(await commentCountOf(payload, article)).toBe(0)
  })

  it('moves with a comment an editor moves to another article', async () => {
    const from = await publishArticle(payload)
    const to = await publishArticle(payload)
    const comment = await submitTo(from)
    await setStatus(comment.id, 'approved')
    const res = await app.rest.patch(`/comments/${comment.id}`, { body: { article: to }, token: app.editorToken })
    expect(res.status).toBe(200)
    expect([await commentCountOf(payload, from), await commentCountOf(payload, to)]).toEqual([0, 1])
  })

  it('is public on REST and GraphQL, and nobody writes it through the API', async () => {
    const article = await publishArticle(payload)
    await setStatus((await submitTo(article)).id, 'approved')
    expect((await app.rest.get(`/articles/${article}`, { query: { depth: 0 } })).json.commentCount).toBe(1)
    const gql = await graphqlWithHeaders(app, 'query($id: String!) { Article(id: $id) { commentCount } }', {
      id: article,
    })
    expect(gql.data.Article.commentCount).toBe(1)
    const forged = await app.rest.patch(`/articles/${article}`, { body: { commentCount: 99 }, token: app.editorToken })
    expect(forged.status).toBe(200)
    expect(await commentCountOf(payload, article)).toBe(1)
  })

  it('publishing a draft that was saved before new comments keeps the live count', async () => {
    const article = await publishArticle(payload)
    await setStatus((await submitTo(article)).id, 'approved')
    // An editor saves a draft (its version holds commentCount 1)…
    await app.rest.patch(`/articles/${article}`, {
      body: { title: 'Draft title' },
      query: { draft: 'true' },
      token: app.editorToken,
    })
    // …more comments are approved meanwhile…
    await setStatus((await submitTo(article)).id, 'approved')
    await setStatus((await submitTo(article)).id, 'approved')
    expect(await commentCountOf(payload, article)).toBe(3)
    // …then publishes the draft: the stale copy must not overwrite the live count.
    const published = await app.rest.patch(`/articles/${article}`, {
      body: { _status: 'published', content: lexicalParagraphs('Revised.') },
      token: app.editorToken,
    })
    expect(published.status).toBe(200)
    expect(await commentCountOf(payload, article)).toBe(3)
  })

  it('an article save repairs a count that drifted', async () => {
    const article = await publishArticle(payload)
    await setStatus((await submitTo(article)).id, 'approved')
    await payload.db.updateOne({ collection: 'articles', data: { commentCount: 42 }, id: article, returning: false })
    await payload.update({ collection: 'articles', data: { title: 'Saved again' }, id: article })
    expect(await commentCountOf(payload, article)).toBe(1)
  })
})
