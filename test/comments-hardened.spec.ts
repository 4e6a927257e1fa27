/**
 * The opt-in `comments: { hardenAgainstProbing: true }` end to end, over REST and GraphQL: the moderation
 * answers stop being side channels on editors-only data. Spam (honeypot, disallowed keys) meets the refusals
 * (closed, flood, duplicate) like any comment, and a typed-in email alone never makes "the same requester"
 * (flood, duplicate) nor "a previously approved author": only the fingerprint or a logged-in reader's account.
 * The contract's default behaviour is proven in comments.spec.ts.
 */
import type { Payload } from 'payload'

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import {
  createReader,
  publishArticle,
  setDiscussion,
  stored,
  submit,
  type Surface,
  SURFACES,
  uniqueEmail,
  uniqueIp,
} from './comments-fixtures.js'
import { startNewsroomApp } from './helpers/newsroomApp.js'

let app: NewsroomTestApp
let payload: Payload
let articleId: string
let editor: Record<string, any>

beforeAll(async () => {
  app = await startNewsroomApp({
    comments: { disallowedKeys: ['forbidden-word'], floodSeconds: 15, hardenAgainstProbing: true },
  })
  payload = app.payload
  articleId = await publishArticle(payload)
  editor = (await payload.find({ collection: 'users', limit: 1 })).docs[0] as Record<string, any>
})
afterAll(() => app?.shutdown())
afterEach(() => setDiscussion(payload, { floodSeconds: 15 }))

const comment = (overrides: Record<string, unknown> = {}) => ({
  article: articleId,
  authorEmail: uniqueEmail(),
  authorName: 'Hana Hardened',
  body: `A careful comment ${Math.random()}`,
  ...overrides,
})

describe.each(SURFACES)('hardenAgainstProbing: %s submission', (surface: Surface) => {
  /** A visitor's approved comment: submitted from `ip`, approved by an editor. */
  const approvedFrom = async (ip: string, authorEmail: string) => {
    const first = await submit(app, surface, comment({ authorEmail }), { ip })
    expect(first.status).toBe(201)
    await payload.update({ collection: 'comments', data: { status: 'approved' } as never, id: first.doc!.id })
  }

  it('spam outside any refusal is still stored as spam and answered 201 as "pending"', async () => {
    const bot = await submit(app, surface, { ...comment(), phone: 'bot' })
    const listed = await submit(app, surface, comment({ body: 'Some forbidden-word here.' }))
    expect([bot.status, listed.status]).toEqual([201, 201])
    expect([bot.doc?.status, listed.doc?.status]).toEqual(['pending', 'pending'])
    expect((await stored(payload, bot.doc!.id)).status).toBe('spam')
    expect((await stored(payload, listed.doc!.id)).status).toBe('spam')
  })

  it('flood — a spam comment is refused 429 like any other (its answer must not reveal the key lists)', async () => {
    const ip = uniqueIp()
    expect((await submit(app, surface, comment(), { ip })).status).toBe(201)
    expect((await submit(app, surface, comment({ body: 'forbidden-word' }), { ip })).status).toBe(429)
    expect((await submit(app, surface, { ...comment(), phone: 'bot' }, { ip })).status).toBe(429)
    expect((await submit(app, surface, comment(), { ip })).status).toBe(429)
  })

  it('spam meets the refusals — a disallowed key or the honeypot on a closed article is 403, as without them', async () => {
    const closed = await publishArticle(payload, { allowComments: false })
    const spam = await submit(app, surface, comment({ article: closed, body: 'forbidden-word' }))
    const bot = await submit(app, surface, { ...comment({ article: closed }), phone: 'bot' })
    const ham = await submit(app, surface, comment({ article: closed, body: 'kind words' }))
    expect([spam.status, bot.status, ham.status]).toEqual([403, 403, 403])
  })

  it('flood — the same requester (IP + user agent) is still refused 429 with Retry-After', async () => {
    const ip = uniqueIp()
    expect((await submit(app, surface, comment(), { ip })).status).toBe(201)
    const res = await submit(app, surface, comment(), { ip })
    expect(res.status).toBe(429)
    expect(Number(res.retryAfter)).toBeGreaterThanOrEqual(1)
  })

  it('flood — someone else typing the same email is not refused (the answer would reveal who commented)', async () => {
    const authorEmail = uniqueEmail()
    expect((await submit(app, surface, comment({ authorEmail }))).status).toBe(201)
    expect((await submit(app, surface, comment({ authorEmail }))).status).toBe(201)
  })

  it('flood — a logged-in reader is slowed down by account email, from any address', async () => {
    const account = await createReader(app)
    expect((await submit(app, surface, comment(), { token: account.token })).status).toBe(201)
    expect((await submit(app, surface, comment(), { token: account.token })).status).toBe(429)
  })

  it('duplicate — 409 from the same requester only; from another one the 409 would confirm a guessed email', async () => {
    await setDiscussion(payload, { floodSeconds: 0 })
    const data = comment()
    const ip = uniqueIp()
    expect((await submit(app, surface, data, { ip })).status).toBe(201)
    expect((await submit(app, surface, data, { ip })).status).toBe(409)
    expect((await submit(app, surface, data)).status).toBe(201)
  })

  it('previously approved — the same email from the same requester is approved at once', async () => {
    await setDiscussion(payload, { floodSeconds: 0 })
    const authorEmail = uniqueEmail()
    const ip = uniqueIp()
    await approvedFrom(ip, authorEmail)
    const res = await submit(app, surface, comment({ authorEmail }), { ip })
    expect(res.doc?.status).toBe('approved')
  })

  it('previously approved — typing a known email from elsewhere earns nothing (no impostors, no email oracle)', async () => {
    await setDiscussion(payload, { floodSeconds: 0 })
    const authorEmail = uniqueEmail()
    await approvedFrom(uniqueIp(), authorEmail)
    const impostor = await submit(app, surface, comment({ authorEmail }))
    const stranger = await submit(app, surface, comment())
    expect(impostor.doc?.status).toBe('pending')
    expect(impostor.doc?.status).toBe(stranger.doc?.status)
    expect(await stored(payload, impostor.doc!.id)).toMatchObject({
      moderationReason: 'First comment by this author (none approved yet)',
      status: 'pending',
    })
  })

  it('previously approved — a logged-in reader is recognised by account from any address; her address typed in by someone else earns nothing', async () => {
    await setDiscussion(payload, { floodSeconds: 0 })
    const account = await createReader(app, { name: 'Vera Verified' })
    await payload.create({
      collection: 'comments',
      data: { ...comment({ authorEmail: account.email, reader: account.id }), status: 'approved' } as never,
      overrideAccess: false,
      user: editor as never,
    })
    const genuine = await submit(app, surface, comment(), { token: account.token })
    expect(genuine.doc?.status).toBe('approved')
    const impostor = await submit(app, surface, comment({ authorEmail: account.email, authorName: 'Vera Verified' }))
    expect(impostor.doc?.status).toBe('pending')
  })
})
