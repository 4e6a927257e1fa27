/**
 * Metered sampling (issue #16 part 2): only an explicit unlock spends the meter; lists, previews and repeated
 * reads never do; anonymous requesters by a signed HttpOnly cookie, readers by account; GraphQL `meter` and
 * `unlockArticle`; the count decided by the database (property test over unlocks, rollovers and concurrency).
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { randomUUID } from 'node:crypto'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { unlockWithMeter } from '../src/access/meter/meterStore.js'
import { meterPeriodOf } from '../src/access/meter/meterPeriod.js'
import { METER_COOKIE, readCookie, verifyMeterCookie } from '../src/access/meter/requesterKey.js'
import { resolveOptions } from '../src/defaults.js'
import { lexical, paragraph, block } from './helpers/lexical.js'
import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'

const SECRET = 'cormorant-meteredbody-3317'
const FREE = 3
let app: NewsroomTestApp
let payload: Payload
let memberToken: string
const articles: string[] = []
const options = resolveOptions({ premium: { meter: { audience: 'everyone', free: FREE, periodDays: 30 } } })

const gatedBody = (n: number) =>
  lexical(
    paragraph(`Introduction number ${n} for everyone.`),
    block({ id: `665f0000000000000000aa0${n % 10}`, blockName: '', blockType: 'paywallBreak' }),
    paragraph(`Only unlocked readers see ${SECRET}-${n}.`),
  )

const makeReader = async (name: string) => {
  const email = `${name}-${randomUUID().slice(0, 6)}@readers.test`
  await payload.create({
    collection: 'readers',
    data: { _verified: true, email, name, password: READER_PASSWORD, subscription: { plan: 'free', status: 'active' } },
  })
  return app.rest.login('readers', email, READER_PASSWORD)
}

beforeAll(async () => {
  app = await startNewsroomApp({ premium: { meter: { audience: 'everyone', free: FREE, periodDays: 30 } } })
  payload = app.payload
  for (let n = 0; n < 6; n++) {
    const doc = await payload.create({
      collection: 'articles',
      data: {
        _status: 'published',
        content: gatedBody(n),
        title: `Metered ${n}`,
        visibility: n === 5 ? 'members' : 'paid',
      },
    })
    articles.push(String(doc.id))
  }
  memberToken = await makeReader('member')
}, 120_000)
afterAll(() => app?.shutdown())

const unlock = (id: string, init: { cookie?: string; token?: string } = {}) =>
  app.rest.post(`/articles/${id}/unlock`, {
    headers: init.cookie ? { cookie: init.cookie } : {},
    token: init.token,
  })
const meterOf = async (token?: string, cookie?: string) =>
  (
    await app.graphql('{ meter { used limit remaining resetsAt } }', undefined, {
      headers: cookie ? { cookie } : {},
      token,
    })
  ).data?.meter

describe('a reader by account', () => {
  it('lists and reads never spend; an unlock spends one and opens that article only; a repeat spends none', async () => {
    const token = await makeReader('reader')
    const list = await app.rest.get('/articles', { query: { limit: 10 }, token })
    // The members-only article is open to any reader; the paid ones are not, and the list spends nothing.
    expect(list.text).toContain(`${SECRET}-5`)
    for (let n = 0; n < 5; n++) expect(list.text).not.toContain(`${SECRET}-${n}`)
    expect(await meterOf(token)).toMatchObject({ limit: FREE, remaining: FREE, used: 0 })

    const first = await unlock(articles[0]!, { token })
    expect(first.status).toBe(200)
    expect(first.json).toMatchObject({ id: articles[0], locked: false, unlockedBy: 'meter' })
    expect(first.text).toContain(`${SECRET}-0`)
    expect(first.headers.get('cache-control')).toBe('private, no-store')

    const again = await unlock(articles[0]!, { token })
    expect(again.status).toBe(200)
    const read = await app.rest.get(`/articles/${articles[0]}`, { token })
    expect(read.json).toMatchObject({ locked: false, unlockedBy: 'meter' })
    expect(read.text).toContain(`${SECRET}-0`)
    const other = await app.rest.get(`/articles/${articles[1]}`, { token })
    expect(other.json).toMatchObject({ content: null, locked: true, unlockedBy: null })
    expect(await meterOf(token)).toMatchObject({ remaining: FREE - 1, used: 1 })

    // GraphQL, print and the Local API follow the same unlock.
    const gql = await app.graphql(`{ Article(id: "${articles[0]}") { content locked unlockedBy } }`, undefined, {
      token,
    })
    expect(JSON.stringify(gql.data)).toContain(`${SECRET}-0`)
    expect(gql.data.Article.unlockedBy).toBe('meter')
    const print = await app.rest.get(`/articles/${articles[0]}/print`, { token })
    expect(print.text).toContain(`${SECRET}-0`)
  })

  it('after N unlocks: 403 with the meter, and the earlier ones stay open', async () => {
    const token = await makeReader('heavy')
    for (let n = 0; n < FREE; n++) expect((await unlock(articles[n]!, { token })).status).toBe(200)
    const refused = await unlock(articles[FREE]!, { token })
    expect(refused.status).toBe(403)
    expect(refused.json.meter).toMatchObject({ limit: FREE, remaining: 0, used: FREE })
    expect(new Date(refused.json.meter.resetsAt).getTime()).toBeGreaterThan(Date.now())
    expect(refused.text).not.toContain(SECRET)
    expect((await app.rest.get(`/articles/${articles[FREE]}`, { token })).text).not.toContain(SECRET)
    expect((await app.rest.get(`/articles/${articles[0]}`, { token })).text).toContain(`${SECRET}-0`)
  })

  it('GraphQL unlockArticle: the article, or a 403 error carrying the meter', async () => {
    const token = await makeReader('gql')
    const ok = await app.graphql(
      `mutation { unlockArticle(id: "${articles[2]}") { id content locked unlockedBy } }`,
      undefined,
      { token },
    )
    expect(ok.data.unlockArticle).toMatchObject({ id: articles[2], locked: false, unlockedBy: 'meter' })
    expect(JSON.stringify(ok.data)).toContain(`${SECRET}-2`)
    for (const n of [3, 4])
      await app.graphql(`mutation { unlockArticle(id: "${articles[n]}") { id } }`, undefined, { token })
    const refused = await app.graphql(`mutation { unlockArticle(id: "${articles[0]}") { id content } }`, undefined, {
      token,
    })
    expect(refused.errors?.[0]?.extensions?.statusCode).toBe(403)
    expect(JSON.stringify(refused)).not.toContain(SECRET)
  })
})

describe('an anonymous requester (audience everyone)', () => {
  it('gets a signed HttpOnly cookie on the first unlock; the cookie identifies it later', async () => {
    const first = await unlock(articles[1]!)
    expect(first.status).toBe(200)
    // The answer is the unlocked article, as for a reader (it was the locked one, the cookie only set).
    expect(first.json).toMatchObject({ locked: false, unlockedBy: 'meter' })
    expect(first.text).toContain(SECRET)
    const setCookie = first.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(new RegExp(`^${METER_COOKIE}=`))
    expect(setCookie).toMatch(/HttpOnly/)
    const cookie = setCookie.split(';')[0]!
    expect(verifyMeterCookie(payload.secret, readCookie(cookie, METER_COOKIE))).not.toBeNull()

    const read = await app.rest.get(`/articles/${articles[1]}`, { headers: { cookie } })
    expect(read.json).toMatchObject({ locked: false, unlockedBy: 'meter' })
    expect(read.headers.get('cache-control')).toBe('private, no-store')
    expect((await app.rest.get(`/articles/${articles[1]}`)).text).not.toContain(SECRET)
    expect(await meterOf(undefined, cookie)).toMatchObject({ used: 1 })
  })

  it('a forged or tampered cookie identifies nobody', async () => {
    const first = await unlock(articles[2]!)
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!
    const tampered = cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
    const read = await app.rest.get(`/articles/${articles[2]}`, { headers: { cookie: tampered } })
    expect(read.json).toMatchObject({ content: null, locked: true })
    const forged = `${METER_COOKIE}=${randomUUID()}.AAAA`
    expect((await app.rest.get(`/articles/${articles[2]}`, { headers: { cookie: forged } })).text).not.toContain(SECRET)
  })
})

describe('bad input', () => {
  it('an id that is neither id nor slug is 400, a missing article 404, never a 500', async () => {
    expect((await app.rest.post('/articles/%24%7Bbad%7D/unlock', { token: memberToken })).status).toBe(400)
    expect((await app.rest.post('/articles/no-such-article/unlock', { token: memberToken })).status).toBe(404)
  })
})

describe('members audience', () => {
  it('anonymous requesters may not unlock; readers may', async () => {
    const members = await startNewsroomApp({ premium: { meter: { audience: 'members', free: 1, periodDays: 30 } } })
    try {
      const doc = await members.payload.create({
        collection: 'articles',
        data: { _status: 'published', content: gatedBody(7), title: 'Members meter', visibility: 'paid' },
      })
      const anon = await members.rest.post(`/articles/${doc.id}/unlock`)
      expect(anon.status).toBe(403)
      expect(anon.json.meter).toMatchObject({ limit: 1 })
      expect(anon.headers.get('set-cookie')).toBeNull()
      // Editors turn the meter off at runtime in the Access settings global.
      await members.payload.updateGlobal({
        slug: 'newsroom-access-settings' as never,
        data: { meter: { enabled: false } } as never,
      })
      const email = `m-${randomUUID().slice(0, 6)}@readers.test`
      await members.payload.create({
        collection: 'readers',
        data: { _verified: true, email, password: READER_PASSWORD, subscription: { plan: 'free', status: 'active' } },
      })
      const token = await members.rest.login('readers', email, READER_PASSWORD)
      expect((await members.rest.post(`/articles/${doc.id}/unlock`, { token })).status).toBe(403)
      await members.payload.updateGlobal({
        slug: 'newsroom-access-settings' as never,
        data: { meter: { enabled: true } } as never,
      })
      const ok = await members.rest.post(`/articles/${doc.id}/unlock`, { token })
      expect(ok.status).toBe(200)
      expect(ok.text).toContain(`${SECRET}-7`)
    } finally {
      await members.shutdown()
    }
  })
})

describe('the count is the database’s (property)', () => {
  it('any sequence of unlocks, period rollovers and concurrent batches never exceeds N per period', async () => {
    const settings = { audience: 'everyone' as const, free: 2, periodDays: 1 }
    const DAY = 24 * 60 * 60 * 1000
    const step = fc.record({
      articles: fc.array(fc.constantFrom('p1', 'p2', 'p3', 'p4'), { maxLength: 6, minLength: 1 }),
      days: fc.constantFrom(0, 0, 0, 1, 2),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 5, minLength: 1 }), async (steps) => {
        const requester = `prop:${randomUUID()}`
        let now = new Date(Date.UTC(2030, 0, 1, 12))
        const unlockedPerPeriod = new Map<string, Set<string>>()
        for (const s of steps) {
          now = new Date(now.getTime() + s.days * DAY)
          const period = meterPeriodOf(now, settings.periodDays).key
          const outcomes = await Promise.all(
            s.articles.map((article) => unlockWithMeter(payload, options, settings, { article, now, requester })),
          )
          const seen = unlockedPerPeriod.get(period) ?? new Set()
          outcomes.forEach((o, i) => {
            if (o.outcome !== 'exhausted') seen.add(s.articles[i]!)
          })
          unlockedPerPeriod.set(period, seen)
          const stored = await payload.count({
            collection: options.slugs.meterUnlocks as never,
            where: { and: [{ requester: { equals: requester } }, { period: { equals: period } }] },
          })
          // Never more than N stored, and every article answered as open is one of them.
          if (stored.totalDocs > settings.free || seen.size > settings.free) return false
          // Nothing refused while a slot was free: as many as possible were granted.
          const distinct = new Set(s.articles).size
          if (seen.size < Math.min(settings.free, distinct)) return false
        }
        return true
      }),
      { numRuns: 15 },
    )
  }, 120_000)
})
