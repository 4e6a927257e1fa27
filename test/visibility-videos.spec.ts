/**
 * Visibility on videos and the premium migration path end to end: members and tier videos gate their playable
 * URLs by the same decision as articles; `where` on gated fields is refused to a subscriber while a tier
 * document is closed to them; `premium` and `visibility` stay in step on REST and GraphQL.
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomUUID } from 'node:crypto'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'

const DAY = 24 * 60 * 60 * 1000
const MEMBERS_ID = 'Mm1Mm2Mm3Mm'
const TIERS_ID = 'Tt1Tt2Tt3Tt'
let app: NewsroomTestApp
let payload: Payload
const tokens = {} as Record<'allAccess' | 'digital' | 'member', string>
const ids = {} as Record<'members' | 'tiers', string>

const reader = async (subscription: Record<string, unknown>) => {
  const email = `v-${randomUUID().slice(0, 8)}@readers.test`
  await payload.create({
    collection: 'readers',
    data: { _verified: true, email, password: READER_PASSWORD, subscription },
  })
  return app.rest.login('readers', email, READER_PASSWORD)
}

beforeAll(async () => {
  app = await startNewsroomApp()
  payload = app.payload
  const future = new Date(Date.now() + 30 * DAY).toISOString()
  tokens.member = await reader({ plan: 'free', status: 'active' })
  tokens.digital = await reader({ currentPeriodEnd: future, plan: 'premium', status: 'active', tier: 'digital' })
  tokens.allAccess = await reader({ currentPeriodEnd: future, plan: 'premium', status: 'active', tier: 'all-access' })
  const members = await payload.create({
    collection: 'videos',
    data: {
      _status: 'published',
      title: 'Members video',
      url: `https://youtu.be/${MEMBERS_ID}`,
      visibility: 'members',
    },
  })
  const tiers = await payload.create({
    collection: 'videos',
    data: {
      _status: 'published',
      tiers: ['all-access'],
      title: 'Tier video',
      url: `https://youtu.be/${TIERS_ID}`,
      visibility: 'tiers',
    },
  })
  ids.members = String(members.id)
  ids.tiers = String(tiers.id)
}, 120_000)
afterAll(() => app?.shutdown())

describe('videos by visibility', () => {
  it.each([
    ['anonymous', undefined, false, false],
    ['member', 'member', true, false],
    ['digital', 'digital', true, false],
    ['allAccess', 'allAccess', true, true],
  ] as const)('%s (token of %s): members video open %s, tier video open %s', async (_name, who, members, tiers) => {
    const token = who ? tokens[who] : undefined
    const m = await app.rest.get(`/videos/${ids.members}`, { token })
    const t = await app.rest.get(`/videos/${ids.tiers}`, { token })
    expect(m.text.includes(MEMBERS_ID)).toBe(members)
    expect(t.text.includes(TIERS_ID)).toBe(tiers)
    expect(m.json.locked).toBe(!members)
    expect(t.json).toMatchObject({ locked: !tiers, unlockedBy: tiers ? 'subscription' : null })
  })

  it('where on a gated field: refused to a subscriber while a tier document is closed to them, allowed otherwise', async () => {
    const probe = (token: string | undefined) =>
      app.rest.get('/videos', { query: { where: { url: { like: TIERS_ID } } }, token })
    expect((await probe(undefined)).status).toBe(400)
    expect((await probe(tokens.member)).status).toBe(400)
    expect((await probe(tokens.digital)).status).toBe(400)
    const open = await probe(tokens.allAccess)
    expect(open.status).toBe(200)
    expect(open.json.totalDocs).toBe(1)
    expect((await probe(app.editorToken)).status).toBe(200)
  })
})

describe('premium keeps working', () => {
  it('premium: true alone means paid; unticking makes it public; GraphQL has both', async () => {
    const created = await app.rest.post('/articles', {
      body: { _status: 'published', premium: true, title: `Legacy ${randomUUID().slice(0, 6)}` },
      token: app.editorToken,
    })
    expect(created.status).toBe(201)
    expect(created.json.doc).toMatchObject({ premium: true, visibility: 'paid' })
    const id = created.json.doc.id
    const gql = await app.graphql(`{ Article(id: "${id}") { premium visibility locked unlockedBy } }`)
    expect(gql.data.Article).toEqual({ locked: true, premium: true, unlockedBy: null, visibility: 'paid' })
    const freed = await app.rest.patch(`/articles/${id}`, { body: { premium: false }, token: app.editorToken })
    expect(freed.json.doc).toMatchObject({ premium: false, visibility: 'public' })
    const members = await app.rest.patch(`/articles/${id}`, { body: { visibility: 'members' }, token: app.editorToken })
    expect(members.json.doc).toMatchObject({ premium: true, visibility: 'members' })
    // A title edit keeps the visibility.
    const titled = await app.rest.patch(`/articles/${id}`, { body: { title: 'Renamed' }, token: app.editorToken })
    expect(titled.json.doc).toMatchObject({ premium: true, visibility: 'members' })
  })

  it('a tiers visibility needs at least one tier (400 with a field error)', async () => {
    const res = await app.rest.post('/articles', {
      body: { _status: 'published', title: 'No tiers', visibility: 'tiers' },
      token: app.editorToken,
    })
    expect(res.status).toBe(400)
    expect(res.text).toContain('tier')
  })

  it('readers cannot set their own tier', async () => {
    const me = await app.rest.get('/readers/me', { token: tokens.member })
    const res = await app.rest.patch(`/readers/${me.json.user.id}`, {
      body: { subscription: { tier: 'all-access' } },
      token: tokens.member,
    })
    const stored = await payload.findByID({ collection: 'readers', id: me.json.user.id })
    expect(res.status).toBeLessThan(500)
    expect((stored as { subscription?: { tier?: unknown } }).subscription?.tier ?? null).toBeNull()
  })
})
