/**
 * Preview links of drafts (collections/articles/endpoints/previewLinks.ts, src/preview/previewToken.ts):
 * only editors create them; the reader site's server reads that one article's latest draft with the token
 * until it expires; an expired, forged or altered token (another article, a later expiry, another secret)
 * is refused, and the token opens nothing else. Also the admin's live preview URL.
 */
import type { Payload, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { createPreviewToken } from '../collections/articles/endpoints/previewLinks.js'
import { resolveOptions } from '../src/defaults.js'
import { previewKey, signPreviewToken, verifyPreviewToken } from '../src/preview/previewToken.js'
import { block, lexical, paragraph } from './helpers/lexical.js'
import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'

const DRAFT_WORD = 'periwinkle-draftonly-4410'
const BODY_WORD = 'saxophone-belowbreak-7731'
const OTHER_WORD = 'tangerine-otherdraft-2284'

let app: NewsroomTestApp
let payload: Payload
let readerToken: string
let premiumId: string
let otherId: string
const options = resolveOptions({ siteUrl: 'https://news.example.com' })

beforeAll(async () => {
  app = await startNewsroomApp({ siteUrl: 'https://news.example.com' })
  payload = app.payload
  await payload.create({
    collection: 'readers',
    data: {
      _verified: true,
      email: 'sub@readers.test',
      name: 'Sub',
      password: READER_PASSWORD,
      subscription: { plan: 'premium', status: 'active' },
    },
  })
  readerToken = await app.rest.login('readers', 'sub@readers.test', READER_PASSWORD)
  const premium = await payload.create({
    collection: 'articles',
    data: { _status: 'published', content: lexical(paragraph('Published text.')), premium: true, title: 'Live story' },
  })
  premiumId = String(premium.id)
  await payload.update({
    collection: 'articles',
    data: {
      content: lexical(
        paragraph(`Intro of the draft ${DRAFT_WORD}.`),
        block({ id: '665f00000000000000000011', blockName: '', blockType: 'paywallBreak' }),
        paragraph(`Subscribers only: ${BODY_WORD}.`),
      ),
      title: `Draft title ${DRAFT_WORD}`,
    },
    draft: true,
    id: premium.id,
  })
  const other = await payload.create({
    collection: 'articles',
    data: { _status: 'draft', content: lexical(paragraph(`Other ${OTHER_WORD}`)), title: `Other ${OTHER_WORD}` },
    draft: true,
  })
  otherId = String(other.id)
})
afterAll(() => app?.shutdown())

const createLink = (id: string, token?: string) => app.rest.post(`/articles/${id}/preview-link`, { token })
const readPreview = (token: string, view?: string) =>
  app.rest.get('/articles/preview', { query: { token, ...(view ? { view } : {}) } })
const editorLink = async (id = premiumId) => {
  const res = await createLink(id, app.editorToken)
  expect(res.status).toBe(201)
  return res.json as { expiresAt: string; token: string; url: string }
}

describe('creating a preview link', () => {
  it('editors get a signed link to the reader site, valid for preview.linkSeconds', async () => {
    const before = Date.now()
    const link = await editorLink()
    expect(link.url).toBe(`https://news.example.com/preview?token=${encodeURIComponent(link.token)}`)
    const expires = new Date(link.expiresAt).getTime()
    expect(expires - before).toBeGreaterThan(3590_000)
    expect(expires - before).toBeLessThanOrEqual(3601_000)
  })

  it('anyone else gets 403, a malformed id 400, an unknown article 404', async () => {
    expect((await createLink(premiumId)).status).toBe(403)
    expect((await createLink(premiumId, readerToken)).status).toBe(403)
    expect((await createLink('not-an-id!', app.editorToken)).status).toBe(400)
    expect((await createLink('6b0f6bc53b3e57c501a0ffff', app.editorToken)).status).toBe(404)
  })
})

describe('reading a preview with the token', () => {
  it('shows the latest draft (not the published version) to the token holder, no login needed', async () => {
    const { token } = await editorLink()
    const res = await readPreview(token)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.text).toContain(DRAFT_WORD)
    expect(res.text).toContain(BODY_WORD)
    expect(res.json.article.locked).toBe(false)
    // Nothing editors-only comes with it.
    const allowed = new Set(['author', 'categories', 'content', 'excerpt', 'heroImage', 'id', 'locked', 'premium'])
    // The gate's own facts (forced into every select): who may read it and how it was opened.
    for (const key of ['visibility', 'unlockedBy', 'giftedBy']) allowed.add(key)
    for (const key of ['publishedAt', 'slug', 'teaser', 'title', 'updatedAt']) allowed.add(key)
    expect(Object.keys(res.json.article).filter((key) => !allowed.has(key))).toEqual([])
    expect(res.json.article).not.toHaveProperty('comments')
  })

  it('view=public is what a non-subscriber will see: the teaser, no body below the break', async () => {
    const { token } = await editorLink()
    const res = await readPreview(token, 'public')
    expect(res.status).toBe(200)
    expect(res.json.article).toMatchObject({ content: null, locked: true })
    expect(JSON.stringify(res.json.article.teaser)).toContain(DRAFT_WORD)
    expect(res.text).not.toContain(BODY_WORD)
    expect((await readPreview(token, 'everything')).status).toBe(400)
  })

  it('shows later edits of the same draft while the link lives (the link names the article, not a version)', async () => {
    const { token } = await editorLink(otherId)
    await payload.update({ collection: 'articles', data: { title: `Edited ${OTHER_WORD}` }, draft: true, id: otherId })
    expect((await readPreview(token)).json.article.title).toBe(`Edited ${OTHER_WORD}`)
  })

  it('refuses an expired token (403) and a missing or malformed one (400)', async () => {
    const expired = createPreviewToken(payload.secret, options, premiumId, new Date(Date.now() - 3601_000)).token
    const res = await readPreview(expired)
    expect(res.status).toBe(403)
    expect(res.json.errors[0].message).toMatch(/expired/)
    expect(res.text).not.toContain(DRAFT_WORD)
    expect((await app.rest.get('/articles/preview')).status).toBe(400)
    expect((await readPreview('abc')).status).toBe(400)
  })

  it('refuses forgeries: another article, a later expiry, another secret, a bad signature (403)', async () => {
    const { token } = await editorLink()
    const [id, expires, signature] = token.split('.') as [string, string, string]
    const forgeries = [
      `${otherId}.${expires}.${signature}`,
      `${id}.${Number(expires) + 86_400}.${signature}`,
      signPreviewToken(previewKey('another-secret'), { articleId: id, expiresAt: new Date(Date.now() + 60_000) }),
      `${id}.${expires}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      // An expired forgery reads as a forgery, not as "expired" (the signature is checked first).
      `${id}.${Number(expires) - 86_400}.${signature}`,
    ]
    for (const forged of forgeries) {
      const res = await readPreview(forged)
      expect({ forged, status: res.status }).toEqual({ forged, status: 403 })
      expect(res.json.errors[0].message).toMatch(/not valid/)
      expect(res.text).not.toContain(DRAFT_WORD)
      expect(res.text).not.toContain(OTHER_WORD)
    }
  })

  it('opens nothing else: not as a login, not for drafts or versions through the API', async () => {
    const { token } = await editorLink()
    const asJwt = await app.rest.get(`/articles/${premiumId}`, { query: { draft: 'true' }, token })
    expect(asJwt.text).not.toContain(DRAFT_WORD)
    const versions = await app.rest.get('/articles/versions', { headers: { authorization: `Bearer ${token}` } })
    expect(versions.status).toBe(403)
    const gql = await app.graphql('{ Articles(draft: true) { docs { title } } }', {}, { token })
    expect(JSON.stringify(gql.data ?? {})).not.toContain(DRAFT_WORD)
  })
})

describe('the token rules (pure)', () => {
  const key = previewKey('unit-secret')
  const now = new Date('2026-01-01T00:00:00Z')
  const valid = signPreviewToken(key, {
    articleId: '6b0f6bc53b3e57c501a0ab42',
    expiresAt: new Date(now.getTime() + 60_000),
  })

  it('a valid token verifies to its article and expiry', () => {
    expect(verifyPreviewToken(key, valid, now)).toEqual({
      grant: { articleId: '6b0f6bc53b3e57c501a0ab42', expiresAt: new Date(now.getTime() + 60_000) },
      ok: true,
    })
    expect(verifyPreviewToken(key, valid, new Date(now.getTime() + 60_000))).toEqual({ ok: false, reason: 'expired' })
  })

  it('no change of a single character of a valid token verifies', () => {
    fc.assert(
      fc.property(fc.nat({ max: valid.length - 1 }), fc.string({ maxLength: 1, minLength: 1 }), (at, char) => {
        const changed = valid.slice(0, at) + char + valid.slice(at + 1)
        fc.pre(changed !== valid)
        expect(verifyPreviewToken(key, changed, now).ok).toBe(false)
      }),
      { numRuns: 2000 },
    )
  })

  it('arbitrary strings never verify', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => expect(verifyPreviewToken(key, s, now).ok).toBe(false)))
  })
})

describe('live preview in the admin', () => {
  it('points editors at the reader site preview of the draft; nothing for others or unsaved documents', async () => {
    const collection = payload.collections.articles!.config
    const url = collection.admin.livePreview?.url as (args: Record<string, unknown>) => null | string
    const editor = (await payload.find({ collection: 'users', limit: 1 })).docs[0]
    const req = { payload, user: { ...editor, collection: 'users' } } as unknown as PayloadRequest
    const link = url({ collectionConfig: collection, data: { id: premiumId }, locale: undefined, req })!
    expect(link).toMatch(/^https:\/\/news\.example\.com\/preview\?token=/)
    const token = decodeURIComponent(new URL(link).searchParams.get('token')!)
    expect((await readPreview(token)).text).toContain(DRAFT_WORD)
    // The same link across saves for a while (the frame keeps its URL and the chosen view), expiring later than linkSeconds.
    expect(url({ collectionConfig: collection, data: { id: premiumId }, locale: undefined, req })).toBe(link)
    const expires = Number(token.split('.')[1]) * 1000
    expect(expires - Date.now()).toBeGreaterThan(3590_000)
    expect(expires - Date.now()).toBeLessThanOrEqual(4200_000)
    expect(url({ data: {}, req })).toBeNull()
    expect(url({ data: { id: premiumId }, req: { payload, user: null } })).toBeNull()
  })
})
