/**
 * `commentCount` equals the approved comments after any interleaving of concurrent moderation: editors
 * approving, holding, spamming, trashing, deleting, moving and editing the same comments at the same moment
 * through the real REST handler, and reader reports crossing the threshold — without any recount.
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import {
  commentCountOf,
  createReader,
  publishArticle,
  setDiscussion,
  submit,
  uniqueEmail,
  uniqueIp,
} from './comments-fixtures.js'
import { startNewsroomApp } from './helpers/newsroomApp.js'

let app: NewsroomTestApp
let payload: Payload

beforeAll(async () => {
  app = await startNewsroomApp({ comments: { floodSeconds: 0 } })
  payload = app.payload
  await setDiscussion(payload, { floodSeconds: 0, reportThreshold: 1 })
})
afterAll(() => app?.shutdown())

const approvedOn = async (article: string) =>
  (
    await payload.count({
      collection: 'comments',
      where: { and: [{ article: { equals: article } }, { status: { equals: 'approved' } }] },
    })
  ).totalDocs

const newComment = async (article: string): Promise<string> => {
  const res = await submit(
    app,
    'REST',
    { article, authorEmail: uniqueEmail(), authorName: 'Counted', body: `Words ${Math.random()}` },
    { ip: uniqueIp() },
  )
  expect(res.status).toBe(201)
  return String(res.doc!.id)
}

type Action =
  | { comment: number; kind: 'delete' }
  | { comment: number; kind: 'edit' }
  | { comment: number; kind: 'move'; to: number }
  | { comment: number; kind: 'report' }
  | { comment: number; kind: 'status'; status: 'approved' | 'pending' | 'spam' | 'trash' }

const STATUSES = ['approved', 'pending', 'spam', 'trash'] as const

const action = (comments: number, articles: number): fc.Arbitrary<Action> =>
  fc.oneof(
    {
      arbitrary: fc.record({
        comment: fc.nat(comments - 1),
        kind: fc.constant('status' as const),
        status: fc.constantFrom(...STATUSES),
      }),
      weight: 6,
    },
    { arbitrary: fc.record({ comment: fc.nat(comments - 1), kind: fc.constant('report' as const) }), weight: 2 },
    { arbitrary: fc.record({ comment: fc.nat(comments - 1), kind: fc.constant('edit' as const) }), weight: 1 },
    {
      arbitrary: fc.record({
        comment: fc.nat(comments - 1),
        kind: fc.constant('move' as const),
        to: fc.nat(articles - 1),
      }),
      weight: 1,
    },
    { arbitrary: fc.record({ comment: fc.nat(comments - 1), kind: fc.constant('delete' as const) }), weight: 1 },
  )

describe('commentCount under concurrent moderation', () => {
  it('two editors approving the same comments at the same moment count each once', async () => {
    const article = await publishArticle(payload)
    const ids = await Promise.all(Array.from({ length: 30 }, () => newComment(article)))
    const approve = (id: string) =>
      app.rest.patch(`/comments/${id}`, { body: { status: 'approved' }, token: app.editorToken })
    const answers = await Promise.all(ids.flatMap((id) => [approve(id), approve(id), approve(id)]))
    expect(answers.every((a) => a.status === 200)).toBe(true)
    expect(await commentCountOf(payload, article)).toBe(30)
    // And approving on one side while the other marks spam: whichever status is stored is what is counted.
    const mixed = await Promise.all(
      ids.flatMap((id) => [
        app.rest.patch(`/comments/${id}`, { body: { status: 'spam' }, token: app.editorToken }),
        approve(id),
      ]),
    )
    expect(mixed.every((a) => a.status === 200)).toBe(true)
    expect(await commentCountOf(payload, article)).toBe(await approvedOn(article))
  })

  it('any interleaving of status changes, reports, edits, moves and deletes (model-based)', async () => {
    const articles = await Promise.all([publishArticle(payload), publishArticle(payload)])
    await fc.assert(
      fc.asyncProperty(
        // Rounds of actions; the actions of one round run at the same moment, as from many instances.
        fc.array(fc.array(action(6, articles.length), { maxLength: 8, minLength: 2 }), { maxLength: 4, minLength: 1 }),
        async (rounds) => {
          const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => newComment(articles[i % articles.length])))
          const reporter = await createReader(app)
          const run = async (a: Action) => {
            const id = ids[a.comment]
            const asEditor = { token: app.editorToken }
            switch (a.kind) {
              case 'delete':
                return app.rest.delete(`/comments/${id}`, asEditor)
              case 'edit':
                return app.rest.patch(`/comments/${id}`, { body: { body: `Edited ${Math.random()}` }, ...asEditor })
              case 'move':
                return app.rest.patch(`/comments/${id}`, { body: { article: articles[a.to] }, ...asEditor })
              case 'report':
                return app.rest.post(`/comments/${id}/report`, { body: { reason: 'Rude.' }, token: reporter.token })
              case 'status':
                return app.rest.patch(`/comments/${id}`, { body: { status: a.status }, ...asEditor })
            }
          }
          for (const round of rounds) {
            // Payload itself answers 500 when a comment is deleted while another write to it is under way
            // (upstream race, test/README.md), so a comment deleted in a round gets nothing else in that round.
            const deleted = new Set(round.filter((a) => a.kind === 'delete').map((a) => a.comment))
            const concurrent = round.filter(
              (a, i) =>
                !deleted.has(a.comment) ||
                (a.kind === 'delete' && round.findIndex((b) => b.kind === 'delete' && b.comment === a.comment) === i),
            )
            const answers = await Promise.all(concurrent.map(run))
            // A deleted comment answers 404 to what comes after; a report of a non-approved one is refused.
            for (const answer of answers) expect(answer.status).toBeLessThan(500)
          }
          for (const article of articles) expect(await commentCountOf(payload, article)).toBe(await approvedOn(article))
        },
      ),
      { numRuns: 12 },
    )
  })
})
