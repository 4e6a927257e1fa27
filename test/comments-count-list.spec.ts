/**
 * The Articles list in the admin reads the latest version of each article (`draft: true` → `queryDrafts`),
 * whose `commentCount` is a copy taken when that version was saved; comments move only the live document's
 * count. Every draft read (list, edit view, REST/GraphQL `draft`) shows the live count.
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { publishArticle, submit, uniqueEmail, uniqueIp } from './comments-fixtures.js'
import { startNewsroomApp } from './helpers/newsroomApp.js'

let app: NewsroomTestApp
let payload: Payload

beforeAll(async () => {
  app = await startNewsroomApp({ comments: { floodSeconds: 0, manualApproval: false, previouslyApproved: false } })
  payload = app.payload
})
afterAll(() => app?.shutdown())

const approvedCommentOn = async (article: string) => {
  const res = await submit(
    app,
    'REST',
    { article, authorEmail: uniqueEmail(), authorName: 'Counted', body: `Words ${Math.random()}` },
    { ip: uniqueIp() },
  )
  expect(res.status).toBe(201)
  const approved = await app.rest.patch(`/comments/${res.doc!.id}`, {
    body: { status: 'approved' },
    token: app.editorToken,
  })
  expect(approved.status).toBe(200)
}

describe('commentCount in draft reads (the admin list)', () => {
  it('the list query the admin runs shows the live count, not the version copy', async () => {
    const published = await publishArticle(payload)
    const withDraft = await publishArticle(payload)
    await approvedCommentOn(published)
    await approvedCommentOn(published)
    await approvedCommentOn(withDraft)
    // A draft saved after the comments, then one more comment: the draft version's copy says 1.
    const draft = await app.rest.patch(`/articles/${withDraft}`, {
      body: { title: 'Draft title' },
      query: { draft: 'true' },
      token: app.editorToken,
    })
    expect(draft.status).toBe(200)
    await approvedCommentOn(withDraft)

    // What the admin's list view runs (packages/next views/List: payload.find with draft: true).
    const list = await payload.find({
      collection: 'articles',
      depth: 0,
      draft: true,
      limit: 10,
      overrideAccess: false,
      user: (await payload.find({ collection: 'users', limit: 1 })).docs[0],
      where: { id: { in: [published, withDraft] } },
    })
    const counts = Object.fromEntries(list.docs.map((doc) => [doc.id, doc.commentCount]))
    expect(counts).toEqual({ [published]: 2, [withDraft]: 2 })
    // The draft read still shows the draft's own fields.
    expect(list.docs.find((doc) => doc.id === withDraft)?.title).toBe('Draft title')

    // REST and GraphQL draft lists and the draft edit view agree.
    const rest = await app.rest.get('/articles', {
      query: { depth: 0, draft: 'true', where: { id: { in: [published, withDraft] } } },
      token: app.editorToken,
    })
    expect(Object.fromEntries(rest.json.docs.map((doc: any) => [doc.id, doc.commentCount]))).toEqual(counts)
    const one = await app.rest.get(`/articles/${withDraft}`, {
      query: { depth: 0, draft: 'true' },
      token: app.editorToken,
    })
    expect(one.json.commentCount).toBe(2)
    const gql = await app.graphql(
      'query($id: String!) { Articles(draft: true, where: { id: { equals: $id } }) { docs { commentCount } } }',
      { id: withDraft },
      { token: app.editorToken },
    )
    expect(gql.data.Articles.docs[0].commentCount).toBe(2)
  })

  it('a never-published draft counts nothing and a select without the count stays without it', async () => {
    const created = await payload.create({ collection: 'articles', data: { title: 'Only a draft' }, draft: true })
    const list = await payload.find({
      collection: 'articles',
      draft: true,
      select: { title: true },
      where: { id: { equals: created.id } },
    })
    expect(list.docs[0]).not.toHaveProperty('commentCount')
    const full = await payload.find({ collection: 'articles', draft: true, where: { id: { equals: created.id } } })
    expect(full.docs[0].commentCount).toBe(0)
  })
})
