/**
 * Gift links (issue #16 part 3): an entitled reader makes a link for one article; the token (≥ 128 random
 * bits, stored hashed) read as `?gift=` or `X-Newsroom-Gift` opens that one published article — never another,
 * a draft or a version — for at most `maxOpens` distinct requesters, `giftsPerMonth` per giver, until revoked
 * or expired. Limits hold under concurrency (decided by unique indexes).
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { randomUUID } from 'node:crypto'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { hashGiftToken } from '../src/access/gifts/giftToken.js'
import { block, lexical, paragraph } from './helpers/lexical.js'
import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'

const SECRET = 'pelican-giftedbody-5521'
const DRAFT = 'heron-giftdraft-7781'
const MAX_OPENS = 3
const PER_MONTH = 4
const DAY = 24 * 60 * 60 * 1000

let app: NewsroomTestApp
let payload: Payload
let giverToken: string
let freeToken: string
const ids: string[] = []

const body = (n: number) =>
  lexical(
    paragraph(`Opening of story ${n}.`),
    block({ id: `665f0000000000000000bb0${n}`, blockName: '', blockType: 'paywallBreak' }),
    paragraph(`Hidden part ${SECRET}-${n}.`),
  )

const reader = async (name: string, subscription: Record<string, unknown>) => {
  const email = `${name}-${randomUUID().slice(0, 6)}@readers.test`
  await payload.create({
    collection: 'readers',
    data: { _verified: true, email, name, password: READER_PASSWORD, subscription },
  })
  return app.rest.login('readers', email, READER_PASSWORD)
}
const ACTIVE = { currentPeriodEnd: new Date(Date.now() + 30 * DAY).toISOString(), plan: 'premium', status: 'active' }

beforeAll(async () => {
  app = await startNewsroomApp({
    premium: { gifts: { giftsPerMonth: PER_MONTH, maxOpens: MAX_OPENS } },
    siteUrl: 'https://news.example.com',
  })
  payload = app.payload
  for (let n = 0; n < 4; n++) {
    const doc = await payload.create({
      collection: 'articles',
      data: {
        _status: 'published',
        content: body(n),
        title: `Gifted story ${n}`,
        visibility: n === 3 ? 'tiers' : 'paid',
        tiers: n === 3 ? ['all-access'] : [],
      },
    })
    ids.push(String(doc.id))
  }
  // A newer unpublished draft of story 0: a gift never reaches it.
  await payload.update({
    collection: 'articles',
    id: ids[0]!,
    data: { content: lexical(paragraph(`Draft words ${DRAFT}`)), title: `Draft ${DRAFT}` },
    draft: true,
  })
  giverToken = await reader('giver', ACTIVE)
  freeToken = await reader('free', { plan: 'free', status: 'active' })
}, 120_000)
afterAll(() => app?.shutdown())

const give = (id: string, token = giverToken) => app.rest.post(`/articles/${id}/gift`, { token })

describe('making a gift link', () => {
  it('an entitled reader gets { token, url, expiresAt }; only the hash is stored', async () => {
    const res = await give(ids[0]!)
    expect(res.status).toBe(201)
    const { expiresAt, token, url } = res.json
    expect(token).toMatch(/^[\w-]{32}$/) // 192 bits
    expect(url).toBe(`https://news.example.com/news/gifted-story-0?gift=${token}`)
    expect(Math.abs(new Date(expiresAt).getTime() - (Date.now() + 14 * DAY))).toBeLessThan(60_000)
    const stored = await payload.find({
      collection: 'newsroom-gifts' as never,
      where: { tokenHash: { equals: hashGiftToken(token) } },
    })
    expect(stored.totalDocs).toBe(1)
    expect(JSON.stringify(stored.docs)).not.toContain(token)
    // The giver lists their gifts, without the hash.
    const mine = await app.rest.get('/newsroom-gifts', { token: giverToken })
    expect(mine.status).toBe(200)
    expect(mine.json.docs.length).toBeGreaterThan(0)
    expect(mine.text).not.toContain('tokenHash')
  })

  it('anonymous, free readers, and articles the giver cannot read are refused', async () => {
    expect((await app.rest.post(`/articles/${ids[0]}/gift`)).status).toBe(403)
    expect((await give(ids[0]!, freeToken)).status).toBe(403)
    // Story 3 is for the all-access tier; the giver's subscription has no tier.
    expect((await give(ids[3]!)).status).toBe(403)
    expect((await give('no-such-story')).status).toBe(404)
    expect((await app.rest.get('/newsroom-gifts', { token: freeToken })).json.docs).toEqual([])
  })

  it('at most giftsPerMonth per giver, also when asked concurrently', async () => {
    const token = await reader('generous', ACTIVE)
    const answers = await Promise.all(Array.from({ length: 12 }, () => give(ids[1]!, token)))
    expect(answers.filter((r) => r.status === 201)).toHaveLength(PER_MONTH)
    expect(answers.filter((r) => r.status === 429)).toHaveLength(12 - PER_MONTH)
  })
})

describe('reading with a gift token', () => {
  it('opens that article on REST (query or header), GraphQL, print and PDF — with “gift” and private caching', async () => {
    const { token } = (await give(ids[1]!)).json
    const viaQuery = await app.rest.get(`/articles/${ids[1]}`, { query: { gift: token } })
    expect(viaQuery.json).toMatchObject({ giftedBy: 'giver', locked: false, unlockedBy: 'gift' })
    expect(viaQuery.text).toContain(`${SECRET}-1`)
    expect(viaQuery.headers.get('cache-control')).toBe('private, no-store')
    const cookie = (viaQuery.headers.get('set-cookie') ?? '').split(';')[0]!
    const viaHeader = await app.rest.get(`/articles/${ids[1]}`, { headers: { cookie, 'x-newsroom-gift': token } })
    expect(viaHeader.text).toContain(`${SECRET}-1`)
    const gql = await app.graphql(`{ Article(id: "${ids[1]}") { content unlockedBy } }`, undefined, {
      headers: { cookie, 'x-newsroom-gift': token },
    })
    expect(gql.data.Article.unlockedBy).toBe('gift')
    expect(JSON.stringify(gql.data)).toContain(`${SECRET}-1`)
    const print = await app.rest.get(`/articles/${ids[1]}/print`, { headers: { cookie }, query: { gift: token } })
    expect(print.text).toContain(`${SECRET}-1`)
    // Without the token: locked again, and no giver named.
    const without = await app.rest.get(`/articles/${ids[1]}`, { headers: { cookie } })
    expect(without.text).not.toContain(SECRET)
    expect(without.json.giftedBy).toBeNull()
  })

  it('never the draft nor a version of the gifted article', async () => {
    const { token } = (await give(ids[0]!)).json
    const draft = await app.rest.get(`/articles/${ids[0]}`, { query: { draft: 'true', gift: token } })
    expect(draft.text).toContain(`${SECRET}-0`)
    expect(draft.text).not.toContain(DRAFT)
    expect((await app.rest.get('/articles/versions', { query: { gift: token } })).status).toBe(403)
    const gqlVersions = await app.graphql('{ versionsArticles { docs { version { content } } } }', undefined, {
      headers: { 'x-newsroom-gift': token },
    })
    expect(JSON.stringify(gqlVersions)).not.toContain(SECRET)
  })

  it('where/sort on the body stays refused with a token (a gift opens one article to read, not to search)', async () => {
    const { token } = (await give(ids[1]!)).json
    const probe = await app.rest.get('/articles', {
      query: { gift: token, where: { 'content.root.children.children.text': { like: SECRET } } },
    })
    expect(probe.status).toBe(400)
  })

  it('property: a gift token never opens a different article', async () => {
    const tokens = await Promise.all(
      [0, 1, 2].map(async (n) => [n, (await give(ids[n]!, await reader(`p${n}`, ACTIVE))).json.token] as const),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...tokens),
        fc.constantFrom(0, 1, 2, 3),
        fc.constantFrom('query', 'header'),
        fc.boolean(),
        async ([giftFor, token], readN, how, list) => {
          const init = how === 'query' ? { query: { gift: token } } : { headers: { 'x-newsroom-gift': token } }
          const res = list
            ? await app.rest.get('/articles', { ...init, query: { ...(init.query ?? {}), limit: 10 } })
            : await app.rest.get(`/articles/${ids[readN]}`, init)
          for (let n = 0; n < 4; n++) {
            if (n !== giftFor && res.text.includes(`${SECRET}-${n}`)) return false
          }
          return true
        },
      ),
      { numRuns: 25 },
    )
  }, 120_000)

  it('never a document of another collection that shares the gifted article’s id (a video)', async () => {
    const { token } = (await give(ids[0]!, await reader('same-id', ACTIVE))).json
    const made = await payload.create({
      collection: 'videos',
      data: { _status: 'published', title: 'Paid clip', url: 'https://youtu.be/dQw4w9WgXcQ', visibility: 'paid' },
    })
    // The same stored video again, under the article's id (ids are per collection; an editor may choose them).
    const stored = (await payload.db.findOne({ collection: 'videos', where: { id: { equals: made.id } } })) as Record<
      string,
      unknown
    >
    const { id: _id, ...data } = stored
    await payload.db.create({ collection: 'videos', customID: ids[0]!, data: { ...data, slug: 'paid-clip-same-id' } })
    for (const init of [{ query: { gift: token } }, { headers: { 'x-newsroom-gift': token } }]) {
      const res = await app.rest.get(`/videos/${ids[0]}`, init)
      expect(res.status).toBe(200)
      expect(res.json).toMatchObject({ embedUrl: null, locked: true, providerId: null, url: null })
    }
    // No place was taken by it: the article still opens for MAX_OPENS requesters.
    const readers = await Promise.all(
      Array.from({ length: MAX_OPENS }, () => app.rest.get(`/articles/${ids[0]}`, { query: { gift: token } })),
    )
    for (const read of readers) expect(read.json).toMatchObject({ locked: false, unlockedBy: 'gift' })
  })

  it('opens for at most maxOpens distinct requesters, decided atomically', async () => {
    const { token } = (await give(ids[2]!, await reader('opens', ACTIVE))).json
    // Each cookieless request is a new requester (it is handed a cookie).
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => app.rest.get(`/articles/${ids[2]}`, { query: { gift: token } })),
    )
    const opened = answers.filter((r) => r.text.includes(`${SECRET}-2`))
    expect(opened).toHaveLength(MAX_OPENS)
    // A requester who opened it keeps it open; a new one does not.
    const cookie = (opened[0]!.headers.get('set-cookie') ?? '').split(';')[0]!
    expect((await app.rest.get(`/articles/${ids[2]}`, { headers: { cookie }, query: { gift: token } })).text).toContain(
      `${SECRET}-2`,
    )
    expect((await app.rest.get(`/articles/${ids[2]}`, { query: { gift: token } })).text).not.toContain(SECRET)
    // A logged-in reader counts by account.
    expect((await app.rest.get(`/articles/${ids[2]}`, { query: { gift: token }, token: freeToken })).json.locked).toBe(
      true,
    )
  })

  it('a place is taken only by reading the gifted article: the token sent elsewhere, or by a subscriber, takes none', async () => {
    const { token } = (await give(ids[1]!, await reader('elsewhere', ACTIVE))).json
    // Cookieless, so each would be a new requester: other articles, lists, videos, the meter, GraphQL.
    const elsewhere = [
      () => app.rest.get(`/articles/${ids[0]}`, { query: { gift: token } }),
      () => app.rest.get('/articles', { query: { gift: token, where: { id: { not_equals: ids[1] } } } }),
      () => app.rest.get('/videos', { headers: { 'X-Newsroom-Gift': token } }),
      () =>
        app.graphql(`{ Article(id: "${ids[0]}") { locked } }`, undefined, { headers: { 'X-Newsroom-Gift': token } }),
      () => app.graphql('{ meter { used } }', undefined, { headers: { 'X-Newsroom-Gift': token } }),
    ]
    for (let round = 0; round < MAX_OPENS; round++) await Promise.all(elsewhere.map((ask) => ask()))
    // An entitled reader reads it by subscription, not by the gift.
    const bySubscription = await app.rest.get(`/articles/${ids[1]}`, {
      query: { gift: token },
      token: await reader('subscribed', ACTIVE),
    })
    expect(bySubscription.json).toMatchObject({ locked: false, unlockedBy: 'subscription' })
    // Every place is still there for those who read it.
    const readers = await Promise.all(
      Array.from({ length: MAX_OPENS }, () => app.rest.get(`/articles/${ids[1]}`, { query: { gift: token } })),
    )
    for (const read of readers) expect(read.json).toMatchObject({ locked: false, unlockedBy: 'gift' })
    expect((await app.rest.get(`/articles/${ids[1]}`, { query: { gift: token } })).json.locked).toBe(true)
  })

  it('revoked by the giver (for good), or expired: closed', async () => {
    giverToken = await reader('revoker', ACTIVE)
    const { token } = (await give(ids[1]!)).json
    const gift = (
      await payload.find({
        collection: 'newsroom-gifts' as never,
        where: { tokenHash: { equals: hashGiftToken(token) } },
      })
    ).docs[0] as { id: string }
    expect((await app.rest.get(`/articles/${ids[1]}`, { query: { gift: token } })).json.locked).toBe(false)
    // Another reader cannot revoke it, nor see it.
    expect(
      (await app.rest.patch(`/newsroom-gifts/${gift.id}`, { body: { revoked: true }, token: freeToken })).status,
    ).toBeGreaterThanOrEqual(403)
    const revoked = await app.rest.patch(`/newsroom-gifts/${gift.id}`, { body: { revoked: true }, token: giverToken })
    expect(revoked.status).toBe(200)
    expect((await app.rest.get(`/articles/${ids[1]}`, { query: { gift: token } })).text).not.toContain(SECRET)
    await app.rest.patch(`/newsroom-gifts/${gift.id}`, { body: { revoked: false }, token: giverToken })
    expect((await app.rest.get(`/articles/${ids[1]}`, { query: { gift: token } })).json.locked).toBe(true)
    // The giver cannot move a gift to another article.
    await app.rest.patch(`/newsroom-gifts/${gift.id}`, { body: { article: ids[0], revoked: false }, token: giverToken })
    const after = (await payload.findByID({ collection: 'newsroom-gifts' as never, id: gift.id })) as unknown as {
      article: { id: string } | string
    }
    expect(typeof after.article === 'object' ? after.article.id : after.article).toBe(ids[1])

    const second = (await give(ids[1]!)).json.token
    await payload.update({
      collection: 'newsroom-gifts' as never,
      data: { expiresAt: new Date(Date.now() - 1000).toISOString() } as never,
      where: { tokenHash: { equals: hashGiftToken(second) } },
    })
    expect((await app.rest.get(`/articles/${ids[1]}`, { query: { gift: second } })).json.locked).toBe(true)
  })

  it('malformed or unknown tokens open nothing and never fail the read', async () => {
    for (const gift of ['x', 'A'.repeat(32), '../../etc', 'A'.repeat(5000)]) {
      const res = await app.rest.get(`/articles/${ids[1]}`, { query: { gift } })
      expect(res.status).toBe(200)
      expect(res.json.locked).toBe(true)
    }
  })
})
