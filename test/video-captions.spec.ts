/**
 * Caption tracks and transcripts on videos, end to end: editors store WebVTT tracks (language tags in canonical
 * form) and a transcript; invalid WebVTT, language tags, labels or two default tracks answer 400 with field
 * errors and store nothing, on drafts too; and a video's captions and transcript are gated exactly like its
 * playable URL — a sentinel word planted in both never reaches a requester who may not watch, on REST, GraphQL,
 * the Local API with `overrideAccess: false`, population from an article (relationship and Lexical block),
 * `select`, and `where`/`sort` probes; while entitled requesters get it on the same surfaces.
 */
import type { Payload, TypedUser } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { randomUUID } from 'node:crypto'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import { block, lexical, paragraph } from './helpers/lexical.js'

const DAY = 24 * 60 * 60 * 1000
const VTT_SECRET = 'quokka-captionsecret-6613'
const TRANSCRIPT_SECRET = 'narwhal-transcriptsecret-2907'
const DECOY = 'nonexistent-decoy-4410'

const vtt = (cue: string) => `WEBVTT\n\n00:00:00.000 --> 00:00:02.500\n${cue}\n`

let app: NewsroomTestApp
let payload: Payload
type Role = { token?: string; user?: TypedUser }
const roles = {} as Record<'anonymous' | 'editor' | 'member' | 'subscriber', Role>
const ids = {} as Record<'article' | 'free' | 'locked', string>

const reader = async (subscription: Record<string, unknown>): Promise<Role> => {
  const email = `c-${randomUUID().slice(0, 8)}@readers.test`
  await payload.create({
    collection: 'readers',
    data: { _verified: true, email, password: READER_PASSWORD, subscription },
  })
  const token = await app.rest.login('readers', email, READER_PASSWORD)
  const doc = (await payload.find({ collection: 'readers', where: { email: { equals: email } } })).docs[0]
  return { token, user: { ...doc, collection: 'readers' } as unknown as TypedUser }
}

const countVideos = async () => (await payload.count({ collection: 'videos' })).totalDocs

beforeAll(async () => {
  app = await startNewsroomApp()
  payload = app.payload
  const editor = (await payload.find({ collection: 'users', limit: 1 })).docs[0]
  roles.editor = { token: app.editorToken, user: { ...editor, collection: 'users' } as unknown as TypedUser }
  roles.anonymous = {}
  roles.member = await reader({ plan: 'free', status: 'active' })
  roles.subscriber = await reader({
    currentPeriodEnd: new Date(Date.now() + 30 * DAY).toISOString(),
    plan: 'premium',
    status: 'active',
  })
  const locked = await payload.create({
    collection: 'videos',
    data: {
      _status: 'published',
      captions: [
        { default: true, label: 'English', language: 'en', vtt: vtt(`Subscribers hear ${VTT_SECRET}.`) },
        { label: 'Deutsch', language: 'de', vtt: vtt('Nur für Abonnenten.') },
      ],
      title: 'Paid talk',
      transcript: `The speaker says ${TRANSCRIPT_SECRET} at minute three.`,
      url: 'https://media.example.test/paid-talk.mp4',
      visibility: 'paid',
    },
  })
  const free = await payload.create({
    collection: 'videos',
    data: {
      _status: 'published',
      captions: [{ default: true, label: 'English', language: 'en', vtt: vtt('Everyone may read this.') }],
      title: 'Free talk',
      transcript: 'An open transcript.',
      url: 'https://media.example.test/free-talk.mp4',
    },
  })
  // A public article that shows the paid video: related, and embedded in its body.
  const article = await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(
        paragraph('Watch the talk.'),
        block({
          id: '665f0000000000000000c001',
          blockName: '',
          blockType: 'videoEmbed',
          caption: 'Talk',
          video: locked.id,
        }),
      ),
      relatedVideos: [locked.id],
      title: 'An article about the talk',
    },
  })
  ids.locked = String(locked.id)
  ids.free = String(free.id)
  ids.article = String(article.id)
}, 120_000)
afterAll(() => app?.shutdown())

describe('editors store caption tracks and a transcript', () => {
  it('REST create: tracks with canonical language tags, label, default; GraphQL returns them to the editor', async () => {
    const created = await app.rest.post('/videos', {
      body: {
        _status: 'published',
        captions: [
          { default: true, label: ' English (US) ', language: 'en-us', vtt: `\uFEFF${vtt('Hello.')}` },
          {
            label: 'Português',
            language: 'PT-br',
            vtt: 'WEBVTT - with a header text\n\n00:01.000 --> 00:02.000\nOlá.',
          },
        ],
        title: 'Captioned upload',
        transcript: 'Hello.\n\nOlá.',
        url: 'https://media.example.test/captioned.mp4',
      },
      token: app.editorToken,
    })
    expect(created.status).toBe(201)
    const { doc } = created.json
    expect(doc.captions).toMatchObject([
      { default: true, label: 'English (US)', language: 'en-US' },
      { default: false, label: 'Português', language: 'pt-BR' },
    ])
    expect(doc.transcript).toBe('Hello.\n\nOlá.')
    const gql = await app.graphql(
      `{ Video(id: "${doc.id}") { transcript captions { language label default vtt } } }`,
      {},
      { token: app.editorToken },
    )
    expect(gql.errors).toBeUndefined()
    expect(gql.data.Video.captions).toHaveLength(2)
    expect(gql.data.Video.captions[1]).toMatchObject({ default: false, label: 'Português', language: 'pt-BR' })
    expect(gql.data.Video.captions[1].vtt).toContain('Olá.')
    expect(gql.data.Video.transcript).toBe('Hello.\n\nOlá.')
  })

  it('GraphQL mutation: an editor adds a track', async () => {
    const res = await app.graphql(
      `mutation { createVideo(data: { title: "By GraphQL", url: "https://media.example.test/g.mp4", _status: published,
        captions: [{ language: "fr", label: "Français", default: true, vtt: ${JSON.stringify(vtt('Bonjour.'))} }] }) {
        captions { language label default } } }`,
      {},
      { token: app.editorToken },
    )
    expect(res.errors).toBeUndefined()
    expect(res.data.createVideo.captions).toEqual([{ default: true, label: 'Français', language: 'fr' }])
  })
})

describe('invalid captions: 400 with a field error, nothing stored', () => {
  const base = { _status: 'published', title: 'Refused', url: 'https://media.example.test/refused.mp4' }
  const track = { label: 'English', language: 'en', vtt: vtt('Fine.') }
  it.each([
    ['not WebVTT', [{ ...track, vtt: '1\n00:00:01,000 --> 00:00:02,000\nAn SRT file.' }], 'captions.0.vtt', 'WEBVTT'],
    ['WEBVTT glued to more text', [{ ...track, vtt: 'WEBVTTX\n' }], 'captions.0.vtt', 'WEBVTT'],
    ['empty WebVTT', [{ ...track, vtt: '   ' }], 'captions.0.vtt', 'WebVTT'],
    ['a NUL character', [{ ...track, vtt: 'WEBVTT\n\u0000' }], 'captions.0.vtt', 'NUL'],
    ['an underscore tag', [{ ...track, language: 'en_US' }], 'captions.0.language', 'BCP 47'],
    ['a word, not a tag', [track, { ...track, language: 'english' }], 'captions.1.language', 'BCP 47'],
    ['no language', [{ ...track, language: '' }], 'captions.0.language', 'BCP 47'],
    ['no label', [{ ...track, label: ' ' }], 'captions.0.label', 'label'],
    [
      'two defaults',
      [{ ...track, default: true }, track, { ...track, default: true }],
      'captions.2.default',
      'default',
    ],
  ])('%s', async (_name, captions, path, message) => {
    for (const draft of [false, true]) {
      const before = await countVideos()
      const res = await app.rest.post('/videos', {
        body: { ...base, _status: draft ? 'draft' : 'published', captions },
        query: draft ? { draft: 'true' } : {},
        token: app.editorToken,
      })
      expect(res.status).toBe(400)
      const errors = res.json.errors[0].data.errors as { message: string; path: string }[]
      expect(errors.find((e) => e.path === path)?.message).toContain(message)
      expect(await countVideos()).toBe(before)
    }
  })

  it('a PATCH that adds a second default is refused and the stored tracks stay as they were', async () => {
    const res = await app.rest.patch(`/videos/${ids.free}`, {
      body: {
        captions: [
          { default: true, label: 'English', language: 'en', vtt: vtt('One.') },
          { default: true, label: 'Español', language: 'es', vtt: vtt('Dos.') },
        ],
      },
      token: app.editorToken,
    })
    expect(res.status).toBe(400)
    expect(res.text).toContain('Only one caption track can be the default.')
    const stored = await payload.findByID({ collection: 'videos', id: ids.free })
    expect(stored.captions).toHaveLength(1)
    expect(stored.captions?.[0].vtt).toContain('Everyone may read this.')
  })

  it('GraphQL: an invalid track is refused with an error and nothing is stored', async () => {
    const before = await countVideos()
    const res = await app.graphql(
      `mutation { createVideo(data: { title: "Bad", url: "https://media.example.test/b.mp4", _status: published,
        captions: [{ language: "xx_YY", label: "Bad", vtt: "Not a caption file" }] }) { id } }`,
      {},
      { token: app.editorToken },
    )
    expect(res.errors?.[0].extensions?.statusCode).toBe(400)
    expect(await countVideos()).toBe(before)
  })
})

type Surface = [name: string, run: (role: Role) => Promise<string>]

const restText = async (role: Role, path: `/${string}`, query: Record<string, unknown> = {}) => {
  const res = await app.rest.get(path, { query, token: role.token })
  expect(res.status).toBe(200)
  return res.text
}
const gqlText = async (role: Role, query: string) => {
  const res = await app.graphql(query, {}, { token: role.token })
  expect(res.errors).toBeUndefined()
  return JSON.stringify(res.data)
}
const localText = async (run: (as: { overrideAccess: false; user?: TypedUser }) => Promise<unknown>, role: Role) =>
  JSON.stringify(await run({ overrideAccess: false, user: role.user }))

const surfaces: Surface[] = [
  ['REST findByID', (r) => restText(r, `/videos/${ids.locked}`)],
  ['REST find', (r) => restText(r, '/videos', { where: { id: { equals: ids.locked } } })],
  [
    'REST select captions + transcript',
    (r) => restText(r, `/videos/${ids.locked}`, { select: { captions: true, transcript: true } }),
  ],
  [
    'REST select excluding the gate fields',
    (r) => restText(r, `/videos/${ids.locked}`, { select: { locked: false, premium: false, visibility: false } }),
  ],
  ['REST article → relatedVideos (depth 1)', (r) => restText(r, `/articles/${ids.article}`, { depth: 1 })],
  ['REST article body → videoEmbed (depth 2)', (r) => restText(r, `/articles/${ids.article}`, { depth: 2 })],
  [
    'GraphQL Video',
    (r) => gqlText(r, `{ Video(id: "${ids.locked}") { id transcript captions { vtt label language default } } }`),
  ],
  [
    'GraphQL Videos',
    (r) =>
      gqlText(r, `{ Videos(where: { id: { equals: "${ids.locked}" } }) { docs { id transcript captions { vtt } } } }`),
  ],
  [
    'GraphQL article → relatedVideos',
    (r) => gqlText(r, `{ Article(id: "${ids.article}") { relatedVideos { id transcript captions { vtt } } } }`),
  ],
  ['GraphQL article body → videoEmbed', (r) => gqlText(r, `{ Article(id: "${ids.article}") { content(depth: 2) } }`)],
  ['Local findByID', (r) => localText((as) => payload.findByID({ collection: 'videos', id: ids.locked, ...as }), r)],
  [
    'Local find with select',
    (r) =>
      localText((as) => payload.find({ collection: 'videos', select: { captions: true, transcript: true }, ...as }), r),
  ],
  [
    'Local article → relatedVideos (depth 1)',
    (r) => localText((as) => payload.findByID({ collection: 'articles', depth: 1, id: ids.article, ...as }), r),
  ],
]

describe('a video the requester may not watch: captions and transcript withheld everywhere', () => {
  it.each(surfaces)('%s', async (_name, run) => {
    for (const who of ['anonymous', 'member'] as const) {
      const text = await run(roles[who])
      expect(text).not.toContain(VTT_SECRET)
      expect(text).not.toContain(TRANSCRIPT_SECRET)
      // Not only absent: the video is in the answer (so the surface answered at all).
      expect(text).toContain(ids.locked)
    }
    for (const who of ['subscriber', 'editor'] as const) {
      const text = await run(roles[who])
      expect(text).toContain(VTT_SECRET)
      expect(text).toContain(TRANSCRIPT_SECRET)
    }
  })

  it('REST and GraphQL answer explicit nulls with locked: true', async () => {
    const rest = await app.rest.get(`/videos/${ids.locked}`, { token: roles.member.token })
    expect(rest.json).toMatchObject({ captions: null, locked: true, transcript: null })
    const gql = await app.graphql(`{ Video(id: "${ids.locked}") { locked transcript captions { vtt } } }`)
    expect(gql.data.Video).toEqual({ captions: null, locked: true, transcript: null })
  })

  it('the free video’s captions reach everyone', async () => {
    const res = await app.rest.get(`/videos/${ids.free}`)
    expect(res.json.captions[0].vtt).toContain('Everyone may read this.')
    expect(res.json.transcript).toBe('An open transcript.')
  })

  it.each([
    ['captions.vtt', (w: string) => ({ 'captions.vtt': { like: w } })],
    ['transcript', (w: string) => ({ transcript: { like: w } })],
    ['captions.label', (w: string) => ({ 'captions.label': { like: w } })],
  ])('where on %s: refused (400) to those who may not watch, a working query for editors', async (_name, where) => {
    for (const who of ['anonymous', 'member'] as const) {
      for (const word of [VTT_SECRET, TRANSCRIPT_SECRET, DECOY]) {
        const res = await app.rest.get('/videos', { query: { where: where(word) }, token: roles[who].token })
        expect(res.status).toBe(400)
        const gql = await app.graphql(
          `query ($w: Video_where) { Videos(where: $w) { totalDocs } }`,
          { w: where(word) },
          { token: roles[who].token },
        )
        expect(gql.data?.Videos ?? null).toBeNull()
      }
    }
    const editor = await app.rest.get('/videos', { query: { where: where(DECOY) }, token: app.editorToken })
    expect(editor.status).toBe(200)
    expect(editor.json.totalDocs).toBe(0)
  })

  it('Local findDistinct on the transcript: refused to those who may not watch, the values for editors', async () => {
    const distinct = (role: Role) =>
      payload.findDistinct({
        collection: 'videos',
        field: 'transcript',
        overrideAccess: false,
        user: role.user,
      } as never)
    for (const who of ['anonymous', 'member'] as const) {
      const outcome = await distinct(roles[who]).then(
        (result) => JSON.stringify(result),
        (error: { status?: number }) => error.status,
      )
      expect(outcome).toBe(403)
    }
    expect(JSON.stringify(await distinct(roles.editor))).toContain(TRANSCRIPT_SECRET)
  })

  it('sort on a caption field: refused to those who may not watch', async () => {
    for (const sort of ['captions.language', 'transcript', '-transcript']) {
      expect((await app.rest.get('/videos', { query: { sort } })).status).toBe(400)
      expect((await app.rest.get('/videos', { query: { sort }, token: app.editorToken })).status).toBe(200)
    }
  })
})

describe('property: what the API stores and whom it shows it to', () => {
  // Mostly valid values, so that many runs store a video and the leak side of the property is exercised.
  const VALID_LANGUAGES = ['en', 'de-CH', 'pt-br', 'zh-Hant-TW', 'und']
  const VALID_HEADERS = ['WEBVTT', '\uFEFFWEBVTT', 'WEBVTT Kind: captions', 'WEBVTT\t']
  const mostly = (valid: string[], invalid: string[]) =>
    fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 6 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 })
  const languages = mostly(VALID_LANGUAGES, ['en_US', 'english', 'x', '', '12'])
  const validLanguage = (tag: string) => VALID_LANGUAGES.includes(tag)
  const bodies = fc.record({
    header: mostly(VALID_HEADERS, ['webvtt', 'WEBVTTX', '', 'SRT', ' WEBVTT']),
    text: fc.string({ maxLength: 40 }),
  })
  const validHeader = (header: string) => VALID_HEADERS.includes(header)
  const tracks = fc.array(fc.record({ body: bodies, default: fc.boolean(), language: languages }), { maxLength: 3 })

  it('a video saves iff every track is WebVTT with a BCP 47 tag and at most one is default; a locked one never shows a track', async () => {
    await fc.assert(
      fc.asyncProperty(tracks, fc.constantFrom('public', 'paid'), async (list, visibility) => {
        const secret = `s${randomUUID().replace(/-/g, '')}`
        const captions = list.map((t, i) => ({
          default: t.default,
          label: `Track ${i}`,
          language: t.language,
          vtt: `${t.body.header}\n\n00:00.000 --> 00:01.000\n${secret} ${t.body.text}`,
        }))
        const valid =
          list.every((t) => validHeader(t.body.header) && validLanguage(t.language)) &&
          list.filter((t) => t.default).length <= 1
        const before = await countVideos()
        const res = await app.rest.post('/videos', {
          body: { _status: 'published', captions, title: secret, url: 'https://media.example.test/p.mp4', visibility },
          token: app.editorToken,
        })
        expect(res.status).toBe(valid ? 201 : 400)
        if (!valid) {
          expect(await countVideos()).toBe(before)
          return
        }
        const id = res.json.doc.id
        const anonymous = await app.rest.get(`/videos/${id}`)
        const subscriber = await app.rest.get(`/videos/${id}`, { token: roles.subscriber.token })
        const showsTracks = captions.length > 0
        expect(anonymous.text.includes(secret + ' ')).toBe(visibility === 'public' && showsTracks)
        expect(subscriber.json.captions.map((c: { vtt: string }) => c.vtt)).toEqual(captions.map((c) => c.vtt))
      }),
      { numRuns: 30 },
    )
  })
})
