/**
 * Reader tools: a logged-in reader edits or deletes their own comment within the edit window (through
 * Payload's own update/delete, REST and GraphQL), and reports comments (enough reports send a comment back
 * to moderation).
 */
import type { Payload } from 'payload'

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import {
  commentCountOf,
  readerPool,
  graphqlWithHeaders,
  publishArticle,
  setDiscussion,
  stored,
  submit,
  type TestReader,
  uniqueEmail,
} from './comments-fixtures.js'
import { startNewsroomApp } from './helpers/newsroomApp.js'

const DEFAULT_SETTINGS = { editWindowSeconds: 900, notifyEditors: 'desk@example.org', reportThreshold: 3 }

let app: NewsroomTestApp
let payload: Payload
let articleId: string
let pool: Awaited<ReturnType<typeof readerPool>>
/** A reader nobody used yet. */
const freshReader = () => pool.next()

beforeAll(async () => {
  app = await startNewsroomApp({ comments: { disallowedKeys: ['forbidden-word'], floodSeconds: 0 } })
  payload = app.payload
  articleId = await publishArticle(payload)
  pool = await readerPool(app, 50)
})
afterAll(() => app?.shutdown())
afterEach(() => setDiscussion(payload, DEFAULT_SETTINGS))

/** A comment by `reader`, approved by an editor unless told otherwise. */
const commentBy = async (reader: TestReader, { approve = true, article = articleId } = {}) => {
  const res = await submit(
    app,
    'REST',
    { article, body: `My first thoughts ${Math.random()}` },
    { token: reader.token },
  )
  expect(res.status).toBe(201)
  const id = String(res.doc!.id)
  if (approve) await payload.update({ collection: 'comments', data: { status: 'approved' } as never, id })
  return id
}

const patch = (id: string, body: Record<string, unknown>, token?: string) =>
  app.rest.patch(`/comments/${id}`, { body, query: { depth: 0 }, token })

describe('editing your own comment', () => {
  it('a reader edits the text of their comment (REST); a clean edit keeps it approved', async () => {
    const reader = freshReader()
    const id = await commentBy(reader)
    const res = await patch(id, { authorUrl: 'https://rita.example.org', body: '  Second thoughts.  ' }, reader.token)
    expect(res.status).toBe(200)
    expect(await stored(payload, id)).toMatchObject({
      authorUrl: 'https://rita.example.org',
      body: 'Second thoughts.',
      status: 'approved',
    })
  })

  it('a reader edits through GraphQL updateComment', async () => {
    const reader = freshReader()
    const id = await commentBy(reader)
    const res = await graphqlWithHeaders(
      app,
      'mutation($id: String!, $data: mutationCommentUpdateInput!) { updateComment(id: $id, data: $data) { id body status } }',
      { data: { body: 'Edited over GraphQL.' }, id },
      { token: reader.token },
    )
    expect(res.errors).toBeUndefined()
    expect(res.data.updateComment).toMatchObject({ body: 'Edited over GraphQL.', status: 'approved' })
  })

  it('an edit goes through moderation again: too many links → pending (and out of the count)', async () => {
    const reader = freshReader()
    const id = await commentBy(reader)
    expect(await commentCountOf(payload, articleId)).toBeGreaterThan(0)
    const before = await commentCountOf(payload, articleId)
    const res = await patch(
      id,
      { body: 'Now with https://a.example https://b.example https://c.example' },
      reader.token,
    )
    expect(res.status).toBe(200)
    expect(await stored(payload, id)).toMatchObject({
      moderationReason: 'Edited: 3 links, more than 2',
      status: 'pending',
    })
    expect(await commentCountOf(payload, articleId)).toBe(before - 1)
  })

  it('an edit with a disallowed key becomes spam, and the reader is told only "pending"', async () => {
    const reader = freshReader()
    const id = await commentBy(reader)
    const res = await patch(id, { body: 'Now with forbidden-word' }, reader.token)
    expect(res.status).toBe(200)
    expect(res.json.doc.status).toBe('pending')
    expect((await stored(payload, id)).status).toBe('spam')
    // Still theirs to edit, like any held comment (a 403 would tell spam from pending), and it stays spam.
    expect((await patch(id, { body: 'Innocent again' }, reader.token)).status).toBe(200)
    expect((await stored(payload, id)).status).toBe('spam')
  })

  it('a reader cannot change the status, article, name or email, nor backdate it', async () => {
    const reader = freshReader()
    const id = await commentBy(reader, { approve: false })
    const before = await stored(payload, id)
    const other = await publishArticle(payload)
    const res = await patch(
      id,
      {
        article: other,
        authorEmail: 'new@example.org',
        authorName: 'Someone Else',
        createdAt: '2100-01-01T00:00:00.000Z',
        status: 'approved',
      },
      reader.token,
    )
    expect(res.status).toBe(200)
    const after = await stored(payload, id)
    expect(after).toMatchObject({
      authorEmail: before.authorEmail,
      authorName: before.authorName,
      createdAt: before.createdAt,
      status: 'pending',
    })
    expect(String(after.article?.id ?? after.article)).toBe(articleId)
  })

  it('bad input in an edit is a field-level 400 and changes nothing', async () => {
    const reader = freshReader()
    const id = await commentBy(reader)
    const res = await patch(id, { authorUrl: 'javascript:alert(1)', body: '' }, reader.token)
    expect(res.status).toBe(400)
    expect(res.json.errors[0].data.errors.map((e: { path: string }) => e.path).sort()).toEqual(['authorUrl', 'body'])
    expect((await stored(payload, id)).status).toBe('approved')
  })

  it.each([
    ['another reader', async () => freshReader().token],
    ['the public', async () => undefined],
  ])('%s cannot edit or delete it (403)', async (_, tokenOf) => {
    const reader = freshReader()
    const id = await commentBy(reader)
    const token = await tokenOf()
    expect((await patch(id, { body: 'Hijacked' }, token)).status).toBe(403)
    expect((await app.rest.delete(`/comments/${id}`, { token })).status).toBe(403)
    expect((await stored(payload, id)).body).not.toBe('Hijacked')
  })

  it('after the edit window the comment is the reader’s no more', async () => {
    const reader = freshReader()
    const id = await commentBy(reader)
    await setDiscussion(payload, { editWindowSeconds: 60 })
    await payload.db.updateOne({
      collection: 'comments',
      data: { createdAt: new Date(Date.now() - 61_000).toISOString() },
      id,
      returning: false,
    })
    expect((await patch(id, { body: 'Too late' }, reader.token)).status).toBe(403)
    expect((await app.rest.delete(`/comments/${id}`, { token: reader.token })).status).toBe(403)
  })

  it('editWindowSeconds 0 turns editing off', async () => {
    const reader = freshReader()
    const id = await commentBy(reader)
    await setDiscussion(payload, { editWindowSeconds: 0 })
    expect((await patch(id, { body: 'No' }, reader.token)).status).toBe(403)
  })
})

describe('deleting your own comment', () => {
  it('REST delete: replies move up to the deleted comment’s parent, the count drops', async () => {
    const reader = freshReader()
    const id = await commentBy(reader)
    const reply = await payload.create({
      collection: 'comments',
      data: {
        article: articleId,
        authorEmail: uniqueEmail(),
        authorName: 'Replier',
        body: 'A reply',
        parent: id,
        status: 'approved',
      } as never,
    })
    const before = await commentCountOf(payload, articleId)
    const res = await app.rest.delete(`/comments/${id}`, { token: reader.token })
    expect(res.status).toBe(200)
    expect(await payload.count({ collection: 'comments', where: { id: { equals: id } } })).toMatchObject({
      totalDocs: 0,
    })
    expect((await stored(payload, reply.id)).parent ?? null).toBeNull()
    expect(await commentCountOf(payload, articleId)).toBe(before - 1)
  })

  it('GraphQL deleteComment', async () => {
    const reader = freshReader()
    const id = await commentBy(reader, { approve: false })
    const res = await graphqlWithHeaders(
      app,
      'mutation($id: String!) { deleteComment(id: $id) { id } }',
      { id },
      { token: reader.token },
    )
    expect(res.errors).toBeUndefined()
    expect(await payload.count({ collection: 'comments', where: { id: { equals: id } } })).toMatchObject({
      totalDocs: 0,
    })
  })
})

describe('reporting a comment', () => {
  const report = (id: string, token?: string, body: Record<string, unknown> = { reason: 'Rude.' }) =>
    app.rest.post(`/comments/${id}/report`, { body, token })
  const reportsOf = async (id: string) =>
    (await payload.count({ collection: 'comment-reports', where: { comment: { equals: id } } })).totalDocs

  it('a reader reports once; a second report is acknowledged, not counted', async () => {
    const author = freshReader()
    const id = await commentBy(author)
    const reporter = freshReader()
    const first = await report(id, reporter.token)
    expect(first.status).toBe(201)
    const again = await report(id, reporter.token)
    expect(again.status).toBe(200)
    expect(again.json.message).toBe('You have already reported this comment.')
    // Payload's own create says so with a 409.
    const direct = await app.rest.post('/comment-reports', { body: { comment: id }, token: reporter.token })
    expect(direct.status).toBe(409)
    expect(await reportsOf(id)).toBe(1)
  })

  it('the reporter is the logged-in reader, whatever the body says', async () => {
    const author = freshReader()
    const id = await commentBy(author)
    const reporter = freshReader()
    const res = await app.rest.post('/comment-reports', {
      body: { comment: id, reader: author.id },
      token: reporter.token,
    })
    expect(res.status).toBe(201)
    const saved = await payload.find({ collection: 'comment-reports', depth: 0, where: { comment: { equals: id } } })
    expect(saved.docs.map((d) => String(d.reader))).toEqual([reporter.id])
  })

  it('GraphQL createCommentReport works for readers', async () => {
    const author = freshReader()
    const id = await commentBy(author)
    const reporter = freshReader()
    const res = await graphqlWithHeaders(
      app,
      'mutation($data: mutationCommentReportInput!) { createCommentReport(data: $data) { id } }',
      { data: { comment: id, reason: 'Off topic' } },
      { token: reporter.token },
    )
    expect(res.errors).toBeUndefined()
    expect(await reportsOf(id)).toBe(1)
  })

  it('the public cannot report (401 on the endpoint, 403 on the collection)', async () => {
    const id = await commentBy(freshReader())
    expect((await report(id)).status).toBe(401)
    expect((await app.rest.post('/comment-reports', { body: { comment: id } })).status).toBe(403)
    expect(await reportsOf(id)).toBe(0)
  })

  it.each([
    [
      'your own comment',
      async (author: TestReader) => ({ id: await commentBy(author), token: author.token }),
      'You cannot report your own comment.',
    ],
    [
      'a comment awaiting moderation',
      async (author: TestReader) => ({ id: await commentBy(author, { approve: false }), token: freshReader().token }),
      'Comment not found.',
    ],
    [
      'an unknown comment',
      async () => ({ id: '000000000000000000000000', token: freshReader().token }),
      'Comment not found.',
    ],
    ['a malformed id', async () => ({ id: 'not-an-id', token: freshReader().token }), 'Comment not found.'],
  ])('reporting %s is a 400', async (_, setup, message) => {
    const { id, token } = await setup(freshReader())
    const res = await report(id, token)
    expect(res.status).toBe(400)
    expect(res.json.errors[0].data.errors).toEqual([{ message, path: 'comment' }])
  })

  it('enough reports send the comment back to pending, out of the count, and tell the editors', async () => {
    await setDiscussion(payload, { reportThreshold: 2 })
    const id = await commentBy(freshReader())
    const before = await commentCountOf(payload, articleId)
    expect((await report(id, freshReader().token)).status).toBe(201)
    expect((await stored(payload, id)).status).toBe('approved')
    expect((await report(id, freshReader().token)).status).toBe(201)
    expect(await stored(payload, id)).toMatchObject({
      moderationReason: 'Reported by 2 readers; back in moderation',
      status: 'pending',
    })
    expect(await commentCountOf(payload, articleId)).toBe(before - 1)
    const jobs = await payload.find({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: 'newsroomNotifyEditorsOfComment' } },
    })
    expect(
      jobs.docs.some(
        (job) =>
          (job.input as { commentId?: string; reason?: string }).commentId === id &&
          (job.input as { reason?: string }).reason === 'reported',
      ),
    ).toBe(true)

    // An editor who approves it again has reviewed the reports: they are cleared and the count is back.
    await app.rest.patch(`/comments/${id}`, { body: { status: 'approved' }, token: app.editorToken })
    expect(await reportsOf(id)).toBe(0)
    expect(await commentCountOf(payload, articleId)).toBe(before)
  })

  it('reports crossing the threshold at the same moment move the comment (and the count) once', async () => {
    await setDiscussion(payload, { reportThreshold: 3 })
    const id = await commentBy(freshReader())
    const before = await commentCountOf(payload, articleId)
    const reporters = await Promise.all(Array.from({ length: 6 }, () => freshReader()))
    const answers = await Promise.all(reporters.map((r) => report(id, r.token)))
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201))
    expect((await stored(payload, id)).status).toBe('pending')
    expect(await commentCountOf(payload, articleId)).toBe(before - 1)
  })

  it('deleting a comment deletes its reports', async () => {
    const id = await commentBy(freshReader())
    await report(id, freshReader().token)
    expect(await reportsOf(id)).toBe(1)
    await app.rest.delete(`/comments/${id}`, { token: app.editorToken })
    expect(await reportsOf(id)).toBe(0)
  })
})
