/**
 * The moderation desk's server side (issue #18.5–6): staff replies (approved, marked staff, a flag only server
 * code sets), the author's history, and nothing of it for readers on any surface.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import fc from 'fast-check'

import { DESK_SHORTCUTS, deskShortcutFor, moveCurrent } from '../src/components/comments/deskShortcuts.js'
import { authorHistory } from '../src/moderation/authorHistory.js'
import {
  createReader,
  fingerprintOf,
  publishArticle,
  stored,
  submit,
  uniqueEmail,
  uniqueIp,
} from './comments-fixtures.js'
import { startNewsroomApp } from './helpers/newsroomApp.js'

let app: NewsroomTestApp
let articleId: string

beforeAll(async () => {
  app = await startNewsroomApp({}, { loggingLevels: { Forbidden: 'info', NewsroomClientError: 'info' } as never })
  articleId = await publishArticle(app.payload)
  await app.payload.updateGlobal({ slug: 'discussion-settings', data: { floodSeconds: 0 } as never })
})
afterAll(() => app.shutdown())

const readerComment = async (email = uniqueEmail(), ip = uniqueIp()) => {
  const res = await submit(
    app,
    'REST',
    { article: articleId, authorEmail: email, authorName: 'Rita', body: `Hi ${email} ${Math.random()}` },
    { ip },
  )
  expect(res.status).toBe(201)
  return res.doc!.id as string
}

describe('reply as staff', () => {
  it('stores an approved reply marked staff, in the editor’s name, shown to the public on REST and GraphQL', async () => {
    const parent = await readerComment()
    await app.payload.update({ collection: 'comments', data: { status: 'approved' }, id: parent })
    const res = await app.rest.post(`/comments/${parent}/staff-reply`, {
      body: { body: '  Thanks, we corrected the date.  ' },
      token: app.editorToken,
    })
    expect(res.status).toBe(201)
    const reply = await stored(app.payload, res.json.doc.id)
    expect(reply).toMatchObject({
      authorEmail: 'editor@newsroom.test',
      authorName: 'Edna Editor',
      body: 'Thanks, we corrected the date.',
      parent: parent,
      staff: true,
      status: 'approved',
    })
    expect(String(reply.article)).toBe(articleId)
    const rest = await app.rest.get(`/comments/${reply.id}`, { query: { depth: 0 } })
    expect(rest.json).toMatchObject({ staff: true })
    expect(rest.json.authorEmail).toBeUndefined()
    const gql = await app.graphql(`query ($id: String!) { Comment(id: $id) { staff parent { id } } }`, { id: reply.id })
    expect(gql.data.Comment).toEqual({ parent: { id: parent }, staff: true })
  })

  it.each([
    ['anonymous', () => undefined],
    ['a reader', async () => (await createReader(app)).token],
  ])('%s cannot reply as staff (403, nothing stored)', async (_, token) => {
    const parent = await readerComment()
    const before = (await app.payload.count({ collection: 'comments' })).totalDocs
    const res = await app.rest.post(`/comments/${parent}/staff-reply`, {
      body: { body: 'I am staff' },
      token: await token(),
    })
    expect(res.status).toBe(403)
    expect((await app.payload.count({ collection: 'comments' })).totalDocs).toBe(before)
  })

  it('refuses an empty reply and an unknown parent with a 4xx', async () => {
    const parent = await readerComment()
    const empty = await app.rest.post(`/comments/${parent}/staff-reply`, {
      body: { body: '  ' },
      token: app.editorToken,
    })
    expect(empty.status).toBe(400)
    const missing = await app.rest.post(`/comments/000000000000000000000000/staff-reply`, {
      body: { body: 'x' },
      token: app.editorToken,
    })
    expect(missing.status).toBe(404)
  })

  it('no request sets the flag itself: not a reader, not even an editor over REST or GraphQL', async () => {
    const reader = await submit(app, 'REST', {
      article: articleId,
      authorEmail: uniqueEmail(),
      authorName: 'Faker',
      body: 'Official statement',
      staff: true,
    })
    expect(reader.status).toBe(201)
    expect((await stored(app.payload, reader.doc!.id)).staff).toBe(false)
    const editor = await app.rest.post('/comments', {
      body: { article: articleId, authorEmail: 'e@x.test', authorName: 'E', body: 'x', staff: true },
      token: app.editorToken,
    })
    expect(editor.status).toBe(201)
    expect((await stored(app.payload, editor.json.doc.id)).staff).toBe(false)
    const patched = await app.rest.patch(`/comments/${editor.json.doc.id}`, {
      body: { staff: true },
      token: app.editorToken,
    })
    expect(patched.status).toBe(200)
    expect((await stored(app.payload, editor.json.doc.id)).staff).toBe(false)
    const gql = await app.graphql(
      `mutation ($id: String!) { updateComment(id: $id, data: { staff: true }) { staff } }`,
      { id: editor.json.doc.id },
      { token: app.editorToken },
    )
    expect(gql.data?.updateComment?.staff ?? false).toBe(false)
    expect((await stored(app.payload, editor.json.doc.id)).staff).toBe(false)
  })
})

describe('block this author', () => {
  const disallowed = async () =>
    String(
      ((await app.payload.findGlobal({ slug: 'discussion-settings' })) as { disallowedKeys?: string }).disallowedKeys ??
        '',
    )
      .split('\n')
      .filter(Boolean)

  it("adds the author's email to the disallowed keys (their next comment is spam), and undo takes it out", async () => {
    const email = uniqueEmail('blocked')
    const id = await readerComment(email)
    const res = await app.rest.post(`/comments/${id}/block-author`, { body: {}, token: app.editorToken })
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ blocked: true, changed: true, key: email })
    expect(await disallowed()).toContain(email)
    const again = await app.rest.post(`/comments/${id}/block-author`, { body: {}, token: app.editorToken })
    expect(again.json).toMatchObject({ changed: false })
    const next = await readerComment(email)
    expect((await stored(app.payload, next)).status).toBe('spam')
    const undo = await app.rest.post(`/comments/${id}/block-author`, { body: { undo: true }, token: app.editorToken })
    expect(undo.json).toEqual({ blocked: false, changed: true, key: email })
    expect(await disallowed()).not.toContain(email)
    const after = await readerComment(email)
    expect((await stored(app.payload, after)).status).not.toBe('spam')
  })

  it('loses no key when editors block many authors at once (conditional writes, not read-then-write)', async () => {
    const emails = Array.from({ length: 8 }, () => uniqueEmail('crowd'))
    const ids = await Promise.all(emails.map((email) => readerComment(email)))
    const answers = await Promise.all(
      ids.map((id) => app.rest.post(`/comments/${id}/block-author`, { body: {}, token: app.editorToken })),
    )
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200))
    const keys = await disallowed()
    for (const email of emails) expect(keys).toContain(email)
  })

  it.each([
    ['anonymous', () => undefined],
    ['a reader', async () => (await createReader(app)).token],
  ])('%s cannot block anyone (403, the list unchanged)', async (_, token) => {
    const id = await readerComment()
    const before = await disallowed()
    const res = await app.rest.post(`/comments/${id}/block-author`, { body: {}, token: await token() })
    expect(res.status).toBe(403)
    expect(await disallowed()).toEqual(before)
  })
})

describe("the author's history", () => {
  it('counts approved, pending and spam comments by email and by fingerprint', async () => {
    const email = uniqueEmail('history')
    const ip = uniqueIp()
    const ids = [await readerComment(email, ip), await readerComment(email, ip), await readerComment(email, uniqueIp())]
    await app.payload.update({ collection: 'comments', data: { status: 'approved' }, id: ids[0]! })
    await app.payload.update({ collection: 'comments', data: { status: 'spam' }, id: ids[2]! })
    const history = await authorHistory(app.payload, 'comments', {
      email,
      fingerprint: fingerprintOf(app.payload, ip),
    })
    expect(history).toEqual({
      byEmail: { approved: 1, pending: 1, spam: 1 },
      byFingerprint: { approved: 1, pending: 1, spam: 0 },
    })
    expect(await authorHistory(app.payload, 'comments', {})).toEqual({ byEmail: null, byFingerprint: null })
  })
})

describe('readers never see the desk', () => {
  it('the reason data and the email stay editors-only on REST and GraphQL', async () => {
    const id = await readerComment()
    await app.payload.update({ collection: 'comments', data: { status: 'approved' }, id })
    const reader = await createReader(app)
    for (const token of [undefined, reader.token]) {
      const rest = await app.rest.get(`/comments/${id}`, { query: { depth: 0 }, token })
      expect(rest.status).toBe(200)
      expect(rest.json.moderationReasonDetail).toBeUndefined()
      expect(rest.json.moderationReason).toBeUndefined()
      const gql = await app.graphql(
        `query ($id: String!) { Comment(id: $id) { moderationReasonDetail } }`,
        { id },
        { token },
      )
      expect(gql.data?.Comment?.moderationReasonDetail ?? null).toBeNull()
      const probe = await app.rest.get('/comments', {
        query: { depth: 0, where: { 'moderationReasonDetail.code': { equals: 'firstComment' } } },
        token,
      })
      expect(probe.json.docs ?? []).toEqual([])
    }
    const editor = await app.rest.get(`/comments/${id}`, { query: { depth: 0 }, token: app.editorToken })
    expect(editor.json.moderationReasonDetail).toMatchObject({ code: expect.any(String) })
  })
})

describe('desk shortcuts (pure)', () => {
  const key = (k: string, extra: Partial<Parameters<typeof deskShortcutFor>[0]> = {}) =>
    deskShortcutFor({ altKey: false, ctrlKey: false, key: k, metaKey: false, target: null, ...extra })

  it.each([
    ['j', 'deskShortcutNext'],
    ['k', 'deskShortcutPrevious'],
    ['a', 'deskShortcutApprove'],
    ['u', 'deskShortcutUnapprove'],
    ['s', 'deskShortcutSpam'],
    ['t', 'deskShortcutTrash'],
    ['r', 'deskShortcutReply'],
    ['?', 'deskShortcutHelp'],
  ])('%s → %s', (k, label) => {
    expect(key(k)?.label).toBe(label)
  })

  it('ignores other keys, keys with a modifier, and keys typed into a field', () => {
    expect(key('x')).toBeNull()
    expect(key('A')).toBeNull()
    expect(key('a', { ctrlKey: true })).toBeNull()
    expect(key('s', { metaKey: true })).toBeNull()
    expect(key('j', { altKey: true })).toBeNull()
    for (const tagName of ['INPUT', 'TEXTAREA', 'SELECT']) expect(key('a', { target: { tagName } as never })).toBeNull()
    expect(key('a', { target: { isContentEditable: true, tagName: 'DIV' } as never })).toBeNull()
    expect(key('a', { target: { closest: () => ({}), tagName: 'BUTTON' } as never })).toBeNull()
  })

  it('the statuses map to the status buttons a/u/s/t press', () => {
    expect(DESK_SHORTCUTS.filter((s) => 'status' in s).map((s) => [s.key, (s as { status: string }).status])).toEqual([
      ['a', 'approved'],
      ['u', 'pending'],
      ['s', 'spam'],
      ['t', 'trash'],
    ])
  })

  it('j/k stay within the rows', () => {
    fc.assert(
      fc.property(
        fc.integer({ max: 50, min: -1 }),
        fc.constantFrom<1 | -1>(1, -1),
        fc.integer({ max: 50, min: 0 }),
        (current, by, rows) => {
          const next = moveCurrent(Math.min(current, rows - 1), by, rows)
          return rows === 0 ? next === -1 : next >= 0 && next < rows
        },
      ),
    )
    expect(moveCurrent(-1, 1, 3)).toBe(0)
    expect(moveCurrent(-1, -1, 3)).toBe(2)
    expect(moveCurrent(2, 1, 3)).toBe(2)
    expect(moveCurrent(0, -1, 3)).toBe(0)
  })
})
