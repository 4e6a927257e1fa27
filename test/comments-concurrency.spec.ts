/**
 * Many submissions at once through the real REST handler: none lost, none duplicated, the approved count
 * exact; and the same submission sent twice at the same moment (a double click) is stored once.
 */
import type { Payload } from 'payload'

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { newsroomPlugin } from '../src/index.js'
import {
  commentCountOf,
  fingerprintOf,
  publishArticle,
  setDiscussion,
  submit,
  uniqueEmail,
  uniqueIp,
} from './comments-fixtures.js'
import { initPayload } from './harness/initPayload.js'
import { EDITOR, editorsCollection, HARNESS_TRUSTED_PROXIES } from './helpers/newsroomApp.js'

const CONCURRENT = 200

let app: NewsroomTestApp
let payload: Payload

beforeAll(async () => {
  // (The embedded server's monitoring workaround, `serverMonitoringMode: 'poll'`, lives in the harness.)
  const instance = await initPayload({
    admin: { user: 'users' },
    collections: [editorsCollection],
    plugins: [newsroomPlugin({ trustedProxies: HARNESS_TRUSTED_PROXIES })],
  })
  await instance.payload.create({ collection: 'users', data: { ...EDITOR } })
  app = { ...instance, editorToken: await instance.rest.login('users', EDITOR.email, EDITOR.password) }
  payload = app.payload
})
afterAll(() => app?.shutdown())
afterEach(() => setDiscussion(payload, { floodSeconds: 15 }))

const commentsOf = async (article: string) =>
  (
    await payload.find({
      collection: 'comments',
      depth: 0,
      limit: 0,
      pagination: false,
      where: { article: { equals: article } },
    })
  ).docs as Record<string, any>[]

describe(`${CONCURRENT} concurrent submissions`, () => {
  it('all persist, each exactly once', async () => {
    const article = await publishArticle(payload)
    const bodies = Array.from({ length: CONCURRENT }, (_, i) => `Concurrent comment number ${i}`)
    const answers = await Promise.all(
      bodies.map((body) =>
        submit(app, 'REST', { article, authorEmail: uniqueEmail(), authorName: 'Crowd', body }, { ip: uniqueIp() }),
      ),
    )
    expect(answers.map((a) => a.status)).toEqual(Array(CONCURRENT).fill(201))
    const docs = await commentsOf(article)
    expect(docs).toHaveLength(CONCURRENT)
    expect(new Set(docs.map((d) => String(d.id))).size).toBe(CONCURRENT)
    expect(docs.map((d) => d.body).sort()).toEqual([...bodies].sort())
    expect(new Set(answers.map((a) => String(a.doc!.id)))).toEqual(new Set(docs.map((d) => String(d.id))))
  })

  it('approved on arrival (previously approved authors), they are all counted', async () => {
    const seedArticle = await publishArticle(payload)
    const article = await publishArticle(payload)
    const editor = (await payload.find({ collection: 'users', limit: 1 })).docs[0]
    // Regular visitors: each has an approved comment, left from the address they comment from now.
    const authors = Array.from({ length: CONCURRENT }, () => ({ authorEmail: uniqueEmail('regular'), ip: uniqueIp() }))
    for (let i = 0; i < authors.length; i += 50) {
      await Promise.all(
        authors.slice(i, i + 50).map(({ authorEmail, ip }) =>
          payload.create({
            collection: 'comments',
            data: {
              article: seedArticle,
              authorEmail,
              authorName: 'Regular',
              body: 'Earlier approved comment',
              fingerprint: fingerprintOf(payload, ip),
              status: 'approved',
            } as never,
            overrideAccess: false,
            user: editor as never,
          }),
        ),
      )
    }
    // The seed comments were just written by the same requesters: the flood rule would (rightly) refuse.
    await setDiscussion(payload, { floodSeconds: 0 })
    const answers = await Promise.all(
      authors.map(({ authorEmail, ip }, i) =>
        submit(app, 'REST', { article, authorEmail, authorName: 'Regular', body: `Again, number ${i}` }, { ip }),
      ),
    )
    expect(answers.every((a) => a.status === 201 && a.doc?.status === 'approved')).toBe(true)
    expect(await commentsOf(article)).toHaveLength(CONCURRENT)
    expect(await commentCountOf(payload, article)).toBe(CONCURRENT)
    expect(await commentCountOf(payload, seedArticle)).toBe(CONCURRENT)
  })
})

describe('the same submission sent several times at once', () => {
  it.each([
    ['flood on: one stored, the rest 429', 15, 429],
    ['flood off: one stored, the rest 409 (duplicate)', 0, 409],
  ])('%s', async (_, floodSeconds, refusal) => {
    await setDiscussion(payload, { floodSeconds })
    const article = await publishArticle(payload)
    for (let round = 0; round < 3; round++) {
      const data = {
        article,
        authorEmail: uniqueEmail(),
        authorName: 'Double Clicker',
        body: `Clicked twice, round ${round}`,
      }
      const ip = uniqueIp()
      const answers = await Promise.all(Array.from({ length: 5 }, () => submit(app, 'REST', data, { ip })))
      const statuses = answers.map((a) => a.status).sort()
      expect(statuses).toEqual([201, refusal, refusal, refusal, refusal].sort())
    }
    expect(await commentsOf(article)).toHaveLength(3)
  })

  it.each([
    ['flood on: one stored, the rest 429', 15, 429],
    ['flood off: one stored, the rest 409 (duplicate)', 0, 409],
  ])(
    'the same email and words from several requesters at once (the contract: same email): %s',
    async (_, floodSeconds, refusal) => {
      await setDiscussion(payload, { floodSeconds })
      const article = await publishArticle(payload)
      const data = {
        article,
        authorEmail: uniqueEmail(),
        authorName: 'Many Devices',
        body: 'Sent from everywhere at once',
      }
      const answers = await Promise.all(Array.from({ length: 5 }, () => submit(app, 'REST', data, { ip: uniqueIp() })))
      expect(answers.map((a) => a.status).sort()).toEqual([201, refusal, refusal, refusal, refusal].sort())
      expect(await commentsOf(article)).toHaveLength(1)
    },
  )

  it('a honeypot submission sent several times at once: every copy is stored as spam and answered 201 (spam is decided before flood)', async () => {
    const article = await publishArticle(payload)
    const data = { article, authorEmail: uniqueEmail(), authorName: 'Bot', body: 'Bot text', phone: 'filled' }
    const ip = uniqueIp()
    const answers = await Promise.all(Array.from({ length: 5 }, () => submit(app, 'REST', data, { ip })))
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201])
    const saved = await commentsOf(article)
    expect(saved.map((c) => c.status)).toEqual(['spam', 'spam', 'spam', 'spam', 'spam'])
  })
})
