/**
 * `where`/`sort` on gated fields by an entitled subscriber of one tier: allowed while no document of the
 * collection is closed to their tier, refused (400) from the very next request once one is — another instance may
 * publish it at any moment, so "none closed" is looked up on every request and never remembered. (A "closed"
 * answer is remembered by an instance for a minute: it can only refuse a little longer, never open anything.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { lexical, paragraph, text } from './helpers/lexical.js'
import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'

let app: NewsroomTestApp
let digital: string
let allAccess: string
let digitalOnly: string

const DAY = 24 * 3600 * 1000
const article = (title: string, visibility: string, tiers: string[] = []) =>
  app.payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(paragraph(text(`${title} body`))),
      tiers,
      title,
      visibility,
    } as never,
  })

/** A verified reader whose active subscription is of `tier`, logged in over REST: their token. */
const tierReader = async (tier: string) => {
  const email = `${tier}@newsroom.test`
  await app.payload.create({
    collection: 'readers',
    data: {
      _verified: true,
      email,
      password: READER_PASSWORD,
      subscription: {
        currentPeriodEnd: new Date(Date.now() + 30 * DAY).toISOString(),
        plan: 'premium',
        status: 'active',
        tier,
      },
    } as never,
  })
  return app.rest.login('readers', email, READER_PASSWORD)
}

beforeAll(async () => {
  app = await startNewsroomApp({})
  digital = await tierReader('digital')
  allAccess = await tierReader('all-access')
}, 120_000)
afterAll(() => app?.shutdown())

const searchBody = (word: string) =>
  app.rest.get('/articles', {
    query: { where: { 'content.root.children.children.text': { like: word } } },
    token: digital,
  })

describe('where on gated fields, subscriber of one tier', () => {
  it('allowed with no closed document; refused on the next request once one is published; its own tier stays open', async () => {
    await article('Paid story', 'paid')
    digitalOnly = String((await article('Digital story', 'tiers', ['digital'])).id)
    const open = await searchBody('Paid')
    expect(open.status).toBe(200)
    expect(open.json.docs.map((d: { title: string }) => d.title)).toEqual(['Paid story'])

    await article('All-access story', 'tiers', ['all-access'])
    const refused = await searchBody('Paid')
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.json)).toMatch(/content/)
    expect((await app.rest.get('/articles', { query: { sort: 'content' }, token: digital })).status).toBe(400)
    // Lists without a gated path are unaffected; the closed document is listed locked.
    const list = await app.rest.get('/articles', { query: { limit: 10 }, token: digital })
    expect(list.status).toBe(200)
    const closed = list.json.docs.find((d: { title: string }) => d.title === 'All-access story')
    expect(closed).toMatchObject({ content: null, locked: true })
  })

  it('one Local API context reused for another user asks again (the answer is per user)', async () => {
    const reader = async (email: string) =>
      (await app.payload.find({ collection: 'readers', where: { email: { equals: email } } })).docs[0]
    const [wide, narrow] = [await reader('all-access@newsroom.test'), await reader('digital@newsroom.test')]
    await article('Context story', 'paid')
    // Nothing closed to all-access any more; the all-access story stays closed to the digital tier.
    await app.payload.delete({ collection: 'articles', id: digitalOnly })
    const context = {}
    const where = { 'content.root.children.children.text': { like: 'Context' } }
    const asWide = await app.payload.find({
      collection: 'articles',
      context,
      overrideAccess: false,
      user: { ...wide, collection: 'readers' },
      where,
    })
    expect(asWide.docs.length).toBeGreaterThan(0)
    await expect(
      app.payload.find({
        collection: 'articles',
        context,
        overrideAccess: false,
        user: { ...narrow, collection: 'readers' },
        where,
      }),
    ).rejects.toMatchObject({ status: 400 })
  })

  it('a document whose visibility cannot be read counts as closed (fail closed), even to the widest tier', async () => {
    const odd = await article('Unreadable visibility story', 'paid')
    await app.payload.db.updateOne({
      collection: 'articles',
      data: { premium: null, visibility: null },
      req: undefined,
      where: { id: { equals: odd.id } },
    })
    const res = await app.rest.get('/articles', {
      query: { where: { 'content.root.children.children.text': { like: 'Unreadable' } } },
      token: allAccess,
    })
    expect(res.status).toBe(400)
  })
})
