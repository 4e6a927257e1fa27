/**
 * Issue 11, finding 4: a reader's own comment stored as spam is indistinguishable from one held as pending,
 * on every surface the reader has (REST and GraphQL edit, delete, reads, counts, reports). An edit of a spam
 * comment stays spam; a delete deletes it as for pending.
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'
import type { TestReader } from './comments-fixtures.js'

import { createReader, publishArticle, stored } from './comments-fixtures.js'
import { startNewsroomApp } from './helpers/newsroomApp.js'

let app: NewsroomTestApp
let payload: Payload
let article: string
let reader: TestReader

/** Two comments of the reader, identical but for the stored verdict (as the rules or an editor left them). */
const ownPair = async () => {
  const make = async (status: 'pending' | 'spam') =>
    String(
      (
        await payload.create({
          collection: 'comments',
          data: {
            article,
            authorEmail: reader.email,
            authorName: 'Rita',
            body: 'Same words.',
            reader: reader.id,
            status,
          } as never,
        })
      ).id,
    )
  return { pending: await make('pending'), spam: await make('spam') }
}

/** A response with ids and timestamps blanked, so two comments' answers compare as equal. */
const shape = (value: unknown, ids: string[]): unknown =>
  JSON.parse(
    JSON.stringify(value ?? null)
      .replace(new RegExp(ids.join('|'), 'g'), '<id>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>'),
  )

beforeAll(async () => {
  app = await startNewsroomApp()
  payload = app.payload
  article = await publishArticle(payload)
  reader = await createReader(app, { name: 'Rita' })
})
afterAll(() => app?.shutdown())

describe('own spam answers exactly like own pending', () => {
  it('REST PATCH: same status and body; the spam comment stays spam', async () => {
    const { pending, spam } = await ownPair()
    const edit = (id: string) =>
      app.rest.patch(`/comments/${id}`, { body: { body: 'Edited words.' }, query: { depth: 0 }, token: reader.token })
    const [a, b] = [await edit(pending), await edit(spam)]
    // Today: pending 200, spam 403 — an oracle for the editors-only disallowed list.
    expect(b.status).toBe(a.status)
    expect(a.status).toBe(200)
    expect(shape(b.json, [pending, spam])).toEqual(shape(a.json, [pending, spam]))
    expect((await stored(payload, spam)).status).toBe('spam')
    expect((await stored(payload, spam)).body).toBe('Edited words.')
  })

  it('REST DELETE: same status and body; both are gone', async () => {
    const { pending, spam } = await ownPair()
    const remove = (id: string) => app.rest.delete(`/comments/${id}`, { query: { depth: 0 }, token: reader.token })
    const [a, b] = [await remove(pending), await remove(spam)]
    expect(b.status).toBe(a.status)
    expect(a.status).toBe(200)
    expect(shape(b.json, [pending, spam])).toEqual(shape(a.json, [pending, spam]))
    expect(await payload.findByID({ collection: 'comments', disableErrors: true, id: spam })).toBeNull()
  })

  it('GraphQL updateComment and deleteComment: same data and errors', async () => {
    const { pending, spam } = await ownPair()
    const update = (id: string) =>
      app.graphql(
        'mutation ($id: String!) { updateComment(id: $id, data: { body: "Edited." }) { id status body } }',
        { id },
        { token: reader.token },
      )
    const [a, b] = [await update(pending), await update(spam)]
    expect(shape(b, [pending, spam])).toEqual(shape(a, [pending, spam]))
    expect(a.data?.updateComment?.status).toBe('pending')
    const remove = (id: string) =>
      app.graphql('mutation ($id: String!) { deleteComment(id: $id) { id status } }', { id }, { token: reader.token })
    const [c, d] = [await remove(pending), await remove(spam)]
    expect(shape(d, [pending, spam])).toEqual(shape(c, [pending, spam]))
    expect(c.data?.deleteComment?.status).toBe('pending')
  })

  it('reads, counts and reports: same answers', async () => {
    const { pending, spam } = await ownPair()
    const other = await createReader(app)
    for (const probe of [
      (id: string) => app.rest.get(`/comments/${id}`, { token: reader.token }),
      (id: string) => app.rest.get('/comments', { query: { where: { id: { equals: id } } }, token: reader.token }),
      (id: string) =>
        app.rest.get('/comments/count', { query: { where: { id: { equals: id } } }, token: reader.token }),
      (id: string) => app.rest.post(`/comments/${id}/report`, { body: { reason: 'x' }, token: reader.token }),
      (id: string) => app.rest.post(`/comments/${id}/report`, { body: { reason: 'x' }, token: other.token }),
    ]) {
      const [a, b] = [await probe(pending), await probe(spam)]
      expect([b.status, shape(b.json, [pending, spam])]).toEqual([a.status, shape(a.json, [pending, spam])])
    }
    const gql = (id: string) =>
      app.graphql('query ($id: String!) { Comment(id: $id) { id status } }', { id }, { token: reader.token })
    expect(shape(await gql(spam), [pending, spam])).toEqual(shape(await gql(pending), [pending, spam]))
  })

  it('an edit that trips the disallowed list afterwards still answers like pending, and edits keep working', async () => {
    await payload.updateGlobal({ slug: 'discussion-settings', data: { disallowedKeys: 'forbidden-probe' } as never })
    try {
      const { pending } = await ownPair()
      const probe = await app.rest.patch(`/comments/${pending}`, {
        body: { body: 'forbidden-probe' },
        token: reader.token,
      })
      expect([probe.status, probe.json.doc.status]).toEqual([200, 'pending'])
      expect((await stored(payload, pending)).status).toBe('spam')
      const again = await app.rest.patch(`/comments/${pending}`, {
        body: { body: 'harmless again' },
        token: reader.token,
      })
      expect([again.status, again.json.doc.status]).toEqual([200, 'pending'])
      expect((await stored(payload, pending)).status).toBe('spam')
    } finally {
      await payload.updateGlobal({ slug: 'discussion-settings', data: { disallowedKeys: '' } as never })
    }
  })
})
