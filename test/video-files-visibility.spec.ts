/**
 * A video's uploaded file follows its video's visibility (members, paid, tiers) on every read path: REST by
 * id and list, GraphQL, the Local API with `overrideAccess: false`, and the static file route. A file
 * several videos play keeps the strictest of their accesses; uploads from before visibility (flag only)
 * read as `paid`; non-video uploads stay public.
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { PREMIUM_VIDEO_FILE_FIELD } from '../fields/premiumVideoFileField.js'
import { VIDEO_FILE_TIERS_FIELD, VIDEO_FILE_VISIBILITY_FIELD } from '../fields/videoFileAccessFields.js'
import { decideAccess, NOBODY, type RequesterFacts } from '../src/utilities/accessDecision.js'
import { strictestVisibility } from '../src/utilities/strictestVisibility.js'
import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import { tinyMp4 } from './helpers/media.js'

type Doc = Record<string, any>
type Who = 'allAccess' | 'anonymous' | 'digital' | 'editor' | 'member'
type Clip = 'legacy' | 'members' | 'other' | 'paid' | 'shared' | 'tiers'

const DAY = 24 * 60 * 60 * 1000
const staticDir = mkdtempSync(path.join(tmpdir(), 'newsroom-tierfiles-'))
let app: NewsroomTestApp
let payload: Payload
const tokens = {} as Record<Who, string | undefined>
const users = {} as Record<Who, Doc | undefined>
const clips = {} as Record<Clip, Doc>

const reader = async (name: Who, subscription: Record<string, unknown>) => {
  const email = `f-${randomUUID().slice(0, 8)}@readers.test`
  const doc = await payload.create({
    collection: 'readers',
    data: { _verified: true, email, password: READER_PASSWORD, subscription } as never,
  })
  users[name] = { ...doc, collection: 'readers' }
  tokens[name] = await app.rest.login('readers', email, READER_PASSWORD)
}

const video = (data: Doc) =>
  payload.create({ collection: 'videos', data: { _status: 'published', ...data } as never }) as Promise<Doc>

beforeAll(async () => {
  app = await startNewsroomApp(
    { overrides: { media: { upload: { mimeTypes: ['image/*', 'video/*'], staticDir } } } },
    { loggingLevels: { QueryError: 'info' } },
  )
  payload = app.payload
  const future = new Date(Date.now() + 30 * DAY).toISOString()
  await reader('member', { plan: 'free', status: 'active' })
  await reader('digital', { currentPeriodEnd: future, plan: 'premium', status: 'active', tier: 'digital' })
  await reader('allAccess', { currentPeriodEnd: future, plan: 'premium', status: 'active', tier: 'all-access' })
  tokens.anonymous = undefined
  users.anonymous = undefined
  tokens.editor = app.editorToken
  users.editor = { ...(await payload.find({ collection: 'users', limit: 1 })).docs[0], collection: 'users' }
  const mp4 = tinyMp4()
  for (const name of ['legacy', 'members', 'other', 'paid', 'shared', 'tiers'] as const) {
    clips[name] = (await payload.create({
      collection: 'media',
      data: { alt: name } as never,
      file: { data: mp4, mimetype: 'video/mp4', name: `${name}-clip.mp4`, size: mp4.length },
    })) as Doc
  }
  await video({ file: clips.tiers.id, tiers: ['all-access'], title: 'Tier clip', visibility: 'tiers' })
  await video({ file: clips.members.id, title: 'Members clip', visibility: 'members' })
  await video({ file: clips.paid.id, title: 'Paid clip', visibility: 'paid' })
  // One file, three videos: tiers is stricter than paid, and only the tier both tiers videos list opens it.
  await video({ file: clips.shared.id, title: 'Shared paid', visibility: 'paid' })
  await video({ file: clips.shared.id, tiers: ['all-access', 'print'], title: 'Shared tier', visibility: 'tiers' })
  await video({ file: clips.shared.id, tiers: ['digital', 'all-access'], title: 'Shared tier 2', visibility: 'tiers' })
  // An upload flagged before visibility existed: the flag alone, no stored visibility.
  await payload.db.updateOne({
    collection: 'media',
    data: { [PREMIUM_VIDEO_FILE_FIELD]: true },
    where: { id: { equals: clips.legacy.id } },
  })
}, 120_000)
afterAll(async () => {
  await app?.shutdown()
  rmSync(staticDir, { force: true, recursive: true })
})

// Who may fetch each file.
const expected: Record<Clip, Who[]> = {
  legacy: ['digital', 'allAccess', 'editor'],
  members: ['member', 'digital', 'allAccess', 'editor'],
  other: ['anonymous', 'member', 'digital', 'allAccess', 'editor'],
  paid: ['digital', 'allAccess', 'editor'],
  shared: ['allAccess', 'editor'],
  tiers: ['allAccess', 'editor'],
}
const everyone: Who[] = ['anonymous', 'member', 'digital', 'allAccess', 'editor']
const cases = everyone.map((who) => [who] as const)

describe('a video file follows its video’s visibility', () => {
  it('the media document stores the strictest access of the videos that play it', async () => {
    const read = (clip: Clip) => payload.findByID({ collection: 'media', id: clips[clip].id }) as Promise<Doc>
    expect(await read('tiers')).toMatchObject({
      [PREMIUM_VIDEO_FILE_FIELD]: true,
      [VIDEO_FILE_TIERS_FIELD]: ['all-access'],
      [VIDEO_FILE_VISIBILITY_FIELD]: 'tiers',
    })
    expect(await read('shared')).toMatchObject({
      [VIDEO_FILE_TIERS_FIELD]: ['all-access'],
      [VIDEO_FILE_VISIBILITY_FIELD]: 'tiers',
    })
    expect(await read('members')).toMatchObject({ [VIDEO_FILE_VISIBILITY_FIELD]: 'members' })
    expect((await read('other'))[PREMIUM_VIDEO_FILE_FIELD]).toBe(false)
  })

  it('an editor cannot open a file by hand', async () => {
    const res = await app.rest.patch(`/media/${clips.tiers.id}`, {
      body: { [VIDEO_FILE_TIERS_FIELD]: ['digital'], [VIDEO_FILE_VISIBILITY_FIELD]: 'public' },
      token: app.editorToken,
    })
    expect(res.status).toBe(200)
    expect(res.json.doc).toMatchObject({
      [VIDEO_FILE_TIERS_FIELD]: ['all-access'],
      [VIDEO_FILE_VISIBILITY_FIELD]: 'tiers',
    })
  })

  it.each(cases)('REST by id and the static file route: %s', async (who) => {
    for (const clip of Object.keys(expected) as Clip[]) {
      const open = expected[clip].includes(who)
      const byId = await app.rest.get(`/media/${clips[clip].id}`, { token: tokens[who] })
      expect([clip, byId.status]).toEqual([clip, open ? 200 : 404])
      const file = await app.rest.get(`/media/file/${encodeURIComponent(clips[clip].filename)}`, { token: tokens[who] })
      expect([clip, file.status]).toEqual([clip, open ? 200 : 403])
    }
  })

  it.each(cases)('REST list, GraphQL and the Local API (overrideAccess: false): %s', async (who) => {
    const want = (Object.keys(expected) as Clip[])
      .filter((clip) => expected[clip].includes(who))
      .map((clip) => String(clips[clip].id))
      .sort()
    const ours = (docs: Doc[]) =>
      docs
        .map((d) => String(d.id))
        .filter((id) => Object.values(clips).some((c) => String(c.id) === id))
        .sort()
    const list = await app.rest.get('/media', { query: { limit: 100 }, token: tokens[who] })
    expect(ours(list.json.docs)).toEqual(want)
    const gql = await app.graphql(`{ allMedia(limit: 100) { docs { id } } }`, undefined, { token: tokens[who] })
    expect(ours(gql.data.allMedia.docs)).toEqual(want)
    const local = await payload.find({ collection: 'media', limit: 100, overrideAccess: false, user: users[who] })
    expect(ours(local.docs)).toEqual(want)
    for (const clip of ['tiers', 'members'] as const) {
      const one = await payload.findByID({
        collection: 'media',
        disableErrors: true,
        id: clips[clip].id,
        overrideAccess: false,
        user: users[who],
      })
      expect([clip, one !== null]).toEqual([clip, expected[clip].includes(who)])
    }
  })

  it('follows the video: a tiers file opens to a newly listed tier, and is public once the video is public', async () => {
    const clip = clips.other
    const fetchAs = (who: Who) =>
      app.rest.get(`/media/file/${encodeURIComponent(clip.filename)}`, { token: tokens[who] })
    const v = await video({ file: clip.id, tiers: ['print'], title: 'Moving', visibility: 'tiers' })
    expect((await fetchAs('digital')).status).toBe(403)
    expect((await fetchAs('allAccess')).status).toBe(403)
    await payload.update({ collection: 'videos', data: { tiers: ['digital'] } as never, id: v.id })
    expect((await fetchAs('digital')).status).toBe(200)
    expect((await fetchAs('allAccess')).status).toBe(403)
    await payload.update({ collection: 'videos', data: { visibility: 'public' } as never, id: v.id })
    expect((await fetchAs('anonymous')).status).toBe(200)
    await payload.delete({ collection: 'videos', id: v.id })
    expect(await payload.findByID({ collection: 'media', id: clip.id })).toMatchObject({
      [PREMIUM_VIDEO_FILE_FIELD]: false,
    })
  })
})

describe('strictestVisibility (pure)', () => {
  const tier = fc.constantFrom('a', 'b', 'c')
  const video = fc.record({
    premium: fc.option(fc.boolean(), { nil: undefined }),
    tiers: fc.array(tier, { maxLength: 3 }),
    visibility: fc.option(fc.constantFrom('public', 'members', 'paid', 'tiers'), { nil: undefined }),
  })
  const requester: fc.Arbitrary<RequesterFacts> = fc.record({
    editor: fc.constant(false),
    entitled: fc.boolean(),
    giftArticle: fc.constant(null),
    member: fc.boolean(),
    metered: fc.constant(new Set<string>()),
    tier: fc.option(tier, { nil: null }),
  })

  it('opens the file to exactly the requesters every video opens to', () => {
    fc.assert(
      fc.property(fc.array(video, { maxLength: 4 }), requester, (videos, who) => {
        const combined = strictestVisibility(videos)
        const each = videos.every((v) => !decideAccess(v, who).locked)
        expect(!decideAccess(combined, who).locked).toBe(each)
      }),
    )
  })

  it('no video: public', () => {
    expect(strictestVisibility([])).toEqual({ tiers: [], visibility: 'public' })
    expect(decideAccess(strictestVisibility([]), NOBODY).locked).toBe(false)
  })
})
