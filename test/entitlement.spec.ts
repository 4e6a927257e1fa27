/**
 * Who is entitled to premium content:
 *  - the default rule over a reader's subscription (pure, table-driven);
 *  - `isEntitled`: editors always, `premium.hasAccess` replacing the rule, one answer per request;
 *  - end to end with a host that brings its own `members` auth collection (`slugs.readers: false`).
 */
import type { CollectionConfig, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { isolateObjectProperty } from 'payload'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { isEntitled } from '../src/access/entitlement.js'
import { resolveOptions } from '../src/defaults.js'
import { isSubscriptionEntitled } from '../src/utilities/isSubscriptionEntitled.js'
import { lexicalParagraphs, startNewsroomApp } from './helpers/newsroomApp.js'

const NOW = new Date('2025-06-01T12:00:00.000Z')
const FUTURE = '2025-07-01T00:00:00.000Z'
const PAST = '2025-05-01T00:00:00.000Z'

describe('isSubscriptionEntitled (the default rule)', () => {
  it.each([
    {
      entitled: true,
      rule: 'premium, active, period running',
      sub: { currentPeriodEnd: FUTURE, plan: 'premium', status: 'active' },
    },
    {
      entitled: true,
      rule: 'a Date object works as well as an ISO string',
      sub: { currentPeriodEnd: new Date(FUTURE), plan: 'premium', status: 'active' },
    },
    {
      entitled: true,
      rule: 'no period end is an open-ended subscription',
      sub: { currentPeriodEnd: null, plan: 'premium', status: 'active' },
    },
    { entitled: true, rule: 'a missing period end as well', sub: { plan: 'premium', status: 'active' } },
    {
      entitled: false,
      rule: 'the period has ended (expired subscriber)',
      sub: { currentPeriodEnd: PAST, plan: 'premium', status: 'active' },
    },
    {
      entitled: false,
      rule: 'a period ending exactly now has ended',
      sub: { currentPeriodEnd: NOW.toISOString(), plan: 'premium', status: 'active' },
    },
    {
      entitled: false,
      rule: 'an unreadable period end fails closed',
      sub: { currentPeriodEnd: 'soon', plan: 'premium', status: 'active' },
    },
    {
      entitled: false,
      rule: 'past_due is not active',
      sub: { currentPeriodEnd: FUTURE, plan: 'premium', status: 'past_due' },
    },
    {
      entitled: false,
      rule: 'canceled is not active',
      sub: { currentPeriodEnd: FUTURE, plan: 'premium', status: 'canceled' },
    },
    { entitled: false, rule: 'the free plan', sub: { currentPeriodEnd: FUTURE, plan: 'free', status: 'active' } },
    { entitled: false, rule: 'an unknown plan', sub: { currentPeriodEnd: FUTURE, plan: 'PREMIUM', status: 'active' } },
    { entitled: false, rule: 'no plan', sub: { currentPeriodEnd: FUTURE, status: 'active' } },
    { entitled: false, rule: 'no subscription (null)', sub: null },
    { entitled: false, rule: 'no subscription (undefined)', sub: undefined },
  ])('$rule → $entitled', ({ entitled, sub }) => {
    expect(isSubscriptionEntitled(sub, NOW)).toBe(entitled)
  })
})

/** A request as Payload hands it to access functions, with just what `isEntitled` looks at. */
const fakeReq = (user: null | Record<string, unknown>): PayloadRequest =>
  ({
    context: {},
    payload: { config: { admin: { user: 'users' } }, logger: { error: jest.fn() } },
    user,
  }) as unknown as PayloadRequest

const activeSub = { currentPeriodEnd: '2999-01-01T00:00:00.000Z', plan: 'premium', status: 'active' }
const expiredSub = { currentPeriodEnd: '2000-01-01T00:00:00.000Z', plan: 'premium', status: 'active' }

describe('isEntitled', () => {
  const defaults = resolveOptions()

  it.each([
    { entitled: false, role: 'anonymous', user: null },
    {
      entitled: false,
      role: 'free reader',
      user: { collection: 'readers', id: 1, subscription: { plan: 'free', status: 'active' } },
    },
    { entitled: false, role: 'expired subscriber', user: { collection: 'readers', id: 2, subscription: expiredSub } },
    { entitled: true, role: 'active subscriber', user: { collection: 'readers', id: 3, subscription: activeSub } },
    { entitled: true, role: 'editor (admin user collection)', user: { collection: 'users', id: 4 } },
    {
      entitled: false,
      role: 'a user of another auth collection, even with a premium-looking subscription',
      user: { collection: 'members', id: 5, subscription: activeSub },
    },
  ])('default rule: $role → $entitled', async ({ entitled, user }) => {
    await expect(isEntitled(fakeReq(user), defaults)).resolves.toBe(entitled)
  })

  it('premium.hasAccess replaces the rule for everyone but editors', async () => {
    const options = resolveOptions({ premium: { hasAccess: ({ user }) => user?.id === 'vip' } })
    await expect(isEntitled(fakeReq({ collection: 'readers', id: 3, subscription: activeSub }), options)).resolves.toBe(
      false,
    )
    await expect(isEntitled(fakeReq({ collection: 'readers', id: 'vip' }), options)).resolves.toBe(true)
    await expect(isEntitled(fakeReq({ collection: 'users', id: 'editor' }), options)).resolves.toBe(true)
  })

  it('decides once per request, also through the per-resolver proxies GraphQL wraps req in', async () => {
    const hasAccess = jest.fn(async () => true)
    const options = resolveOptions({ premium: { hasAccess } })
    const req = fakeReq({ collection: 'readers', id: 1 })
    const answers = await Promise.all([
      isEntitled(req, options),
      isEntitled(req, options),
      isEntitled(isolateObjectProperty(req, ['locale', 'transactionID']), options),
      isEntitled(isolateObjectProperty(req, 'fallbackLocale'), options),
    ])
    expect(answers).toEqual([true, true, true, true])
    expect(hasAccess).toHaveBeenCalledTimes(1)

    await isEntitled(fakeReq({ collection: 'readers', id: 1 }), options)
    expect(hasAccess).toHaveBeenCalledTimes(2)
  })

  it('decides again when the user of the request changes', async () => {
    const options = resolveOptions()
    const req = fakeReq({ collection: 'readers', id: 1, subscription: activeSub })
    await expect(isEntitled(req, options)).resolves.toBe(true)
    req.user = { collection: 'readers', id: 2, subscription: expiredSub } as unknown as PayloadRequest['user']
    await expect(isEntitled(req, options)).resolves.toBe(false)
    req.user = null
    await expect(isEntitled(req, options)).resolves.toBe(false)
  })

  it('a throwing hasAccess fails closed and is logged', async () => {
    const options = resolveOptions({
      premium: {
        hasAccess: () => {
          throw new Error('billing service down')
        },
      },
    })
    const req = fakeReq({ collection: 'readers', id: 1 })
    await expect(isEntitled(req, options)).resolves.toBe(false)
    expect(req.payload.logger.error).toHaveBeenCalledTimes(1)
  })

  it('slugs.readers: false without premium.hasAccess is a configuration error', () => {
    expect(() => resolveOptions({ slugs: { readers: false } })).toThrow(/premium\.hasAccess/)
  })
})

/* ---------- End to end: a host with its own `members` auth collection ---------- */

const SECRET = 'quetzal-membersonly-4471'
const PASSWORD = 'member-password-1'

const Members: CollectionConfig = {
  slug: 'members',
  access: { read: ({ req }) => Boolean(req.user) },
  auth: true,
  fields: [{ name: 'tier', type: 'select', defaultValue: 'silver', options: ['silver', 'gold'] }],
}

/** Calls of the host rule, per Request object (one entry per request that asked). */
const hasAccessCalls: unknown[] = []

describe('host auth collection with premium.hasAccess (slugs.readers: false)', () => {
  let app: NewsroomTestApp
  let goldToken: string
  let silverToken: string
  let premiumID: number | string

  beforeAll(async () => {
    app = await startNewsroomApp(
      {
        premium: {
          hasAccess: ({ user }) => {
            hasAccessCalls.push(user?.id ?? null)
            return user?.collection === 'members' && (user as { tier?: string }).tier === 'gold'
          },
        },
        slugs: { readers: false },
      },
      { collections: [Members] },
    )
    const { payload, rest } = app
    await payload.create({ collection: 'members', data: { email: 'gold@m.test', password: PASSWORD, tier: 'gold' } })
    await payload.create({
      collection: 'members',
      data: { email: 'silver@m.test', password: PASSWORD, tier: 'silver' },
    })
    goldToken = await rest.login('members', 'gold@m.test', PASSWORD)
    silverToken = await rest.login('members', 'silver@m.test', PASSWORD)
    for (let i = 0; i < 6; i++) {
      const article = await payload.create({
        collection: 'articles',
        data: {
          _status: 'published',
          content: lexicalParagraphs(`Intro ${i}`, `Still free ${i}`, `Body ${i} ${SECRET}`),
          premium: true,
          title: `Members only ${i}`,
        },
      })
      premiumID = article.id
    }
  })

  afterAll(async () => {
    await app?.shutdown()
  })

  it('adds no readers collection', () => {
    expect(app.payload.collections.readers).toBeUndefined()
  })

  it.each([
    { entitled: true, role: 'gold member', token: () => goldToken },
    { entitled: false, role: 'silver member', token: () => silverToken },
    { entitled: false, role: 'anonymous', token: () => undefined },
    { entitled: true, role: 'editor', token: () => app.editorToken },
  ])('REST: $role entitled = $entitled', async ({ entitled, token }) => {
    const res = await app.rest.get(`/articles/${premiumID}`, { token: token() })
    expect(res.status).toBe(200)
    expect(res.json.locked).toBe(!entitled)
    expect(res.text.includes(SECRET)).toBe(entitled)
    if (!entitled) expect(res.json.content).toBeNull()
  })

  it.each([
    { entitled: true, role: 'gold member', token: () => goldToken },
    { entitled: false, role: 'silver member', token: () => silverToken },
  ])('GraphQL: $role entitled = $entitled', async ({ entitled, token }) => {
    const res = await app.graphql<{ Articles: { docs: { content: unknown; locked: boolean; teaser: unknown }[] } }>(
      '{ Articles(limit: 10) { docs { locked teaser content } } }',
      undefined,
      { token: token() },
    )
    expect(res.errors).toBeUndefined()
    const docs = res.data!.Articles.docs
    expect(docs).toHaveLength(6)
    expect(docs.every((d) => d.locked === !entitled)).toBe(true)
    expect(JSON.stringify(docs).includes(SECRET)).toBe(entitled)
    expect(JSON.stringify(docs.map((d) => d.teaser))).toContain('Intro 0')
  })

  it('Local API with overrideAccess: false and the member as user', async () => {
    const gold = (await app.payload.find({ collection: 'members', where: { tier: { equals: 'gold' } } })).docs[0]
    const silver = (await app.payload.find({ collection: 'members', where: { tier: { equals: 'silver' } } })).docs[0]
    const asGold = await app.payload.findByID({
      collection: 'articles',
      id: premiumID,
      overrideAccess: false,
      user: gold,
    })
    const asSilver = await app.payload.findByID({
      collection: 'articles',
      id: premiumID,
      overrideAccess: false,
      user: silver,
    })
    expect(JSON.stringify(asGold)).toContain(SECRET)
    expect(asSilver).toMatchObject({ content: null, locked: true })
    expect(JSON.stringify(asSilver)).not.toContain(SECRET)
  })

  it('asks the host rule once per request, not once per document', async () => {
    hasAccessCalls.length = 0
    const rest = await app.rest.get('/articles', { query: { depth: 2, limit: 10 }, token: goldToken })
    expect(rest.json.docs).toHaveLength(6)
    expect(hasAccessCalls).toHaveLength(1)

    hasAccessCalls.length = 0
    const graphql = await app.graphql('{ Articles(limit: 10) { docs { content locked } } }', undefined, {
      token: silverToken,
    })
    expect(graphql.errors).toBeUndefined()
    expect(hasAccessCalls).toHaveLength(1)
  })
})
