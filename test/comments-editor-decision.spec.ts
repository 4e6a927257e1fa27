/**
 * An editor's status change is recorded as the comment's moderation reason (who, what, when), on every surface
 * editors use: REST one by one and in bulk (the admin's row and bulk actions), GraphQL, the Local API as the editor.
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { editorDecisionReason } from '../collections/comments/hooks/recordEditorDecision.js'
import { EDITOR, startNewsroomApp } from './helpers/newsroomApp.js'

const ISO = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z'
const decidedBy = (decision: string) => new RegExp(`^${decision} by ${EDITOR.email.replace(/\./g, '\\.')} on ${ISO}$`)

let app: NewsroomTestApp
let payload: Payload
let article: string
let counter = 0

beforeAll(async () => {
  app = await startNewsroomApp({ comments: { floodSeconds: 0 } })
  payload = app.payload
  article = String(
    (await payload.create({ collection: 'articles', data: { _status: 'published', title: 'Discussed' } as never })).id,
  )
})
afterAll(() => app?.shutdown())

/** A comment from the public, held for moderation. */
const publicComment = async (): Promise<string> => {
  const n = ++counter
  const res = await app.rest.post('/comments', {
    body: { article, authorEmail: `visitor-${n}@example.org`, authorName: 'Visitor', body: `Comment number ${n}.` },
    headers: { 'user-agent': 'decision-spec', 'x-forwarded-for': `192.0.2.${n}` },
    query: { depth: 0 },
  })
  expect(res.status).toBe(201)
  return String(res.json.doc.id)
}

const stored = async (id: string) =>
  (await payload.findByID({ collection: 'comments', depth: 0, id })) as unknown as {
    moderationReason: null | string
    status: string
  }

const editorUser = async () => ({
  ...(await payload.find({ collection: 'users', limit: 1 })).docs[0]!,
  collection: 'users' as const,
})

describe('editorDecisionReason', () => {
  const at = new Date('2026-01-31T09:00:00.000Z')
  it.each([
    ['approved', 'Approved by e@x.test on 2026-01-31T09:00:00.000Z'],
    ['spam', 'Marked as spam by e@x.test on 2026-01-31T09:00:00.000Z'],
    ['trash', 'Moved to trash by e@x.test on 2026-01-31T09:00:00.000Z'],
    ['pending', 'Set back to pending by e@x.test on 2026-01-31T09:00:00.000Z'],
    ['published', null],
  ])('%s → %p', (status, expected) => {
    expect(editorDecisionReason(status, 'e@x.test', at)).toBe(expected)
  })
})

describe('an editor changing a comment’s status records the decision', () => {
  it('REST: a held comment marked as spam no longer says it awaits moderation', async () => {
    const id = await publicComment()
    expect(await stored(id)).toMatchObject({
      moderationReason: 'First comment by this author (none approved yet)',
      status: 'pending',
    })
    const before = Date.now()
    const res = await app.rest.patch(`/comments/${id}`, { body: { status: 'spam' }, token: app.editorToken })
    expect(res.status).toBe(200)
    const { moderationReason, status } = await stored(id)
    expect(status).toBe('spam')
    expect(moderationReason).toMatch(decidedBy('Marked as spam'))
    const at = new Date(moderationReason!.split(' on ')[1]!).getTime()
    expect(at).toBeGreaterThanOrEqual(before - 1000)
    expect(at).toBeLessThanOrEqual(Date.now() + 1000)
  })

  it('REST bulk update (the admin’s bulk actions): every comment moved gets the reason', async () => {
    const ids = [await publicComment(), await publicComment()]
    const res = await app.rest.patch('/comments', {
      body: { status: 'trash' },
      query: { depth: 0, where: { id: { in: ids.join(',') } } },
      token: app.editorToken,
    })
    expect(res.status).toBe(200)
    for (const id of ids) expect((await stored(id)).moderationReason).toMatch(decidedBy('Moved to trash'))
  })

  it('GraphQL: approving records it', async () => {
    const id = await publicComment()
    const res = await app.graphql(
      `mutation ($id: String!) { updateComment(id: $id, data: { status: approved }) { status } }`,
      { id },
      { token: app.editorToken },
    )
    expect(res.errors).toBeUndefined()
    expect((await stored(id)).moderationReason).toMatch(decidedBy('Approved'))
  })

  it('Local API as the editor (overrideAccess: false): sending it back to pending records it', async () => {
    const id = await publicComment()
    const user = await editorUser()
    await payload.update({
      collection: 'comments',
      data: { status: 'approved' } as never,
      id,
      overrideAccess: false,
      user,
    })
    await payload.update({
      collection: 'comments',
      data: { status: 'pending' } as never,
      id,
      overrideAccess: false,
      user,
    })
    expect((await stored(id)).moderationReason).toMatch(decidedBy('Set back to pending'))
  })

  it('a save that leaves the status as it is keeps the reason', async () => {
    const id = await publicComment()
    await app.rest.patch(`/comments/${id}`, { body: { status: 'approved' }, token: app.editorToken })
    const reason = (await stored(id)).moderationReason
    expect(reason).toMatch(decidedBy('Approved'))
    const res = await app.rest.patch(`/comments/${id}`, {
      body: { body: 'Typo fixed by the editor.', status: 'approved' },
      token: app.editorToken,
    })
    expect(res.status).toBe(200)
    expect(await stored(id)).toMatchObject({ moderationReason: reason, status: 'approved' })
  })

  it('a reason the editor writes in the same save is kept', async () => {
    const id = await publicComment()
    await app.rest.patch(`/comments/${id}`, {
      body: { moderationReason: 'Confirmed by phone.', status: 'approved' },
      token: app.editorToken,
    })
    expect(await stored(id)).toMatchObject({ moderationReason: 'Confirmed by phone.', status: 'approved' })
  })

  it('server code (Local API with overrideAccess) is not an editor: its reason stands', async () => {
    const id = await publicComment()
    await payload.update({
      collection: 'comments',
      data: { moderationReason: 'Hidden after reports.', status: 'pending' } as never,
      id,
    })
    await payload.update({ collection: 'comments', data: { status: 'spam' } as never, id })
    expect(await stored(id)).toMatchObject({ moderationReason: 'Hidden after reports.', status: 'spam' })
  })
})
