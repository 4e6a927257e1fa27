/**
 * Red team: attacks on every surface that held when tried (REST, GraphQL, Local API with `overrideAccess: false`,
 * print/PDF/email, population, joins, relationship query paths, system collections, bad input).
 * Complements leak-matrix.spec.ts and comments-privacy.spec.ts with the probes those do not make.
 *
 * Every attack asserts the precise safe outcome (status, message, the exact docs or nulls returned), and where
 * the attack is a query (a possible boolean oracle) that the answer for the secret equals the answer for a decoy.
 * Where useful, the same request from someone allowed to see the secret proves the surface really reaches it.
 *
 * Attacks that once succeeded were fixed in the plugin and their probes kept here (the open-findings file that
 * listed them while open was emptied and removed).
 */
import type { Payload, TypedUser } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { REST_GET } from '@payloadcms/next/routes'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { clearSentEmails, sentEmails } from './harness/captureEmailAdapter.js'
import { runWithPayloadInstance } from './harness/instanceRouting.js'
import { EDITOR, READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import { lexical, paragraph, paywallBreak, text, videoBlock } from './helpers/lexical.js'
import { flat, parsePdf } from './helpers/documents.js'
import { tinyMp4 } from './helpers/media.js'

/* ---------- secrets: unique words that must never reach the wrong requester ---------- */

const BODY = 'quokkaPremiumSentinel5521'
const VIDEO_ID = 'Rt7NvQm2Kx9'
const DRAFT = 'gazeboDraftSentinel3310'
const DRAFT_VIDEO = 'lanternDraftVideo7781'
const DECOY = 'decoyWordThatIsNowhere0000'
const EMAIL = 'hidden-mailbox-4471@gmail.com'
const REASON = 'hiddenReasonSentinel2293'
const PENDING = 'pendingBodySentinel8812'
const SPAM_PARENT = 'spamParentSentinel6620'
const UNPUBLISHED = 'unpublishedTitleSentinel4410'

const DAY = 86_400_000
const SUBSCRIBE_URL = 'https://news.test/subscribe'

type RoleName = 'active' | 'anonymous' | 'editor' | 'expired' | 'free'
type Role = { token?: string; user?: TypedUser }
type Json = Record<string, any>

const OUTSIDERS = ['anonymous', 'free', 'expired'] as const

/** A reader account with the given subscription (set by an editor, as the contract says), logged in. */
const signUp = async (
  app: NewsroomTestApp,
  email: string,
  subscription: Record<string, unknown>,
): Promise<Role & { id: string }> => {
  const doc = await app.payload.create({
    collection: 'readers',
    data: { _verified: true, email, name: email.split('@')[0], password: READER_PASSWORD, subscription } as never,
  })
  const token = await app.rest.login('readers', email, READER_PASSWORD)
  return { id: String(doc.id), token, user: { ...doc, collection: 'readers' } as unknown as TypedUser }
}

const makeRoles = async (app: NewsroomTestApp): Promise<Record<RoleName, Role>> => {
  const editor = (await app.payload.find({ collection: 'users', where: { email: { equals: EDITOR.email } } })).docs[0]
  return {
    active: await signUp(app, 'active@readers.test', {
      currentPeriodEnd: new Date(Date.now() + 30 * DAY).toISOString(),
      plan: 'premium',
      status: 'active',
    }),
    anonymous: {},
    editor: { token: app.editorToken, user: { ...editor, collection: 'users' } as unknown as TypedUser },
    expired: await signUp(app, 'expired@readers.test', {
      currentPeriodEnd: new Date(Date.now() - DAY).toISOString(),
      plan: 'premium',
      status: 'active',
    }),
    free: await signUp(app, 'free@readers.test', { plan: 'free', status: 'active' }),
  }
}

/** GraphQL errors carry Payload's status; a clean answer is 200. */
const gqlStatus = (res: { errors?: { extensions?: { statusCode?: number } }[]; status: number }) =>
  res.errors?.length ? Number(res.errors[0]!.extensions?.statusCode ?? res.status) : res.status

/** Local API as this role: the requester's access, never the trusted default. */
const as = (role: Role) => ({ overrideAccess: false as const, user: role.user })

const localError = async (run: () => Promise<unknown>) => {
  try {
    await run()
    return null
  } catch (error) {
    return { message: (error as Error).message, status: (error as { status?: number }).status }
  }
}

const ids = (docs: { id: unknown }[]) => docs.map((doc) => String(doc.id)).sort()

/* ===================================================================================================== */

describe('premium content: articles, videos, media, print, PDF, email', () => {
  let app: NewsroomTestApp
  let payload: Payload
  let roles: Record<RoleName, Role>
  const doc = {} as Record<
    | 'breakFirst'
    | 'breakLate'
    | 'draftOnly'
    | 'draftVideo'
    | 'freeWithVideo'
    | 'noBreak'
    | 'premium'
    | 'premiumClip'
    | 'video'
    | 'videoUpload',
    string
  >

  const get = (role: RoleName, apiPath: `/${string}`, query?: Json) =>
    app.rest.get(apiPath, { query, token: roles[role].token })
  const gql = (role: RoleName, query: string, variables?: Json) =>
    app.graphql(query, variables, { token: roles[role].token })

  /** GET through the REST handler keeping the body as bytes (PDF). */
  const getBytes = async (apiPath: string, token?: string) => {
    const slug = apiPath.split('/').filter(Boolean)
    const request = new Request(`http://localhost:3000/api/${slug.join('/')}`, {
      headers: token ? { Authorization: `JWT ${token}` } : {},
    })
    const response = await runWithPayloadInstance(app.key, () =>
      REST_GET(app.config)(request, { params: Promise.resolve({ slug }) }),
    )
    return { body: Buffer.from(await response.arrayBuffer()), headers: response.headers, status: response.status }
  }

  beforeAll(async () => {
    const staticDir = mkdtempSync(path.join(tmpdir(), 'newsroom-redteam-'))
    app = await startNewsroomApp(
      {
        overrides: { media: { upload: { mimeTypes: ['image/*', 'video/*'], staticDir } } },
        premium: { subscribeUrl: SUBSCRIBE_URL },
        siteUrl: 'https://news.test',
      },
      { loggingLevels: { QueryError: 'info', ValidationError: 'info' } },
    )
    payload = app.payload
    roles = await makeRoles(app)

    const video = await payload.create({
      collection: 'videos',
      data: {
        _status: 'published',
        premium: true,
        title: 'Premium clip',
        url: `https://www.youtube.com/watch?v=${VIDEO_ID}`,
      } as never,
    })
    doc.video = String(video.id)
    const draftVideo = await payload.create({
      collection: 'videos',
      data: { _status: 'draft', title: `Draft ${DRAFT_VIDEO}`, url: 'https://vimeo.com/76979871' } as never,
      draft: true,
    })
    doc.draftVideo = String(draftVideo.id)
    const mp4 = tinyMp4()
    const clip = await payload.create({
      collection: 'media',
      data: { alt: 'clip' } as never,
      file: { data: mp4, mimetype: 'video/mp4', name: 'premium-clip.mp4', size: mp4.length },
    })
    doc.premiumClip = String(clip.id)
    const videoUpload = await payload.create({
      collection: 'videos',
      data: { _status: 'published', file: clip.id, premium: true, title: 'Premium upload' } as never,
    })
    doc.videoUpload = String(videoUpload.id)

    const premium = await payload.create({
      collection: 'articles',
      data: {
        _status: 'published',
        content: lexical(
          paragraph(text('Open intro for everyone.')),
          paywallBreak(),
          paragraph(text(`Subscribers read ${BODY}.`)),
          videoBlock(video.id, 'Watch'),
        ),
        premium: true,
        publishedAt: new Date().toISOString(),
        relatedVideos: [video.id, draftVideo.id],
        slug: 'premium-story',
        title: 'Premium story',
      } as never,
    })
    doc.premium = String(premium.id)
    // A newer unpublished draft: the public keeps reading the published version.
    await payload.update({
      collection: 'articles',
      data: { content: lexical(paragraph(text(`Draft intro ${DRAFT}`))), title: `Draft title ${DRAFT}` } as never,
      draft: true,
      id: premium.id,
    })
    const draftOnly = await payload.create({
      collection: 'articles',
      data: {
        _status: 'draft',
        content: lexical(paragraph(text(DRAFT))),
        relatedVideos: [video.id],
        slug: 'draft-only',
        title: `Unpublished ${DRAFT}`,
      } as never,
      draft: true,
    })
    doc.draftOnly = String(draftOnly.id)

    const create = async (slug: string, content: unknown) =>
      String(
        (
          await payload.create({
            collection: 'articles',
            data: { _status: 'published', content, premium: true, slug, title: slug } as never,
          })
        ).id,
      )
    doc.freeWithVideo = String(
      (
        await payload.create({
          collection: 'articles',
          data: {
            _status: 'published',
            content: lexical(paragraph(text('A free article with a premium clip.')), videoBlock(video.id, 'Clip')),
            premium: false,
            slug: 'free-with-video',
            title: 'Free with video',
          } as never,
        })
      ).id,
    )
    doc.noBreak = await create(
      'no-break',
      lexical(paragraph(text('one')), paragraph(text('two')), paragraph(text(`three ${BODY}`))),
    )
    doc.breakFirst = await create('break-first', lexical(paywallBreak(), paragraph(text(`all paid ${BODY}`))))
    doc.breakLate = await create(
      'break-late',
      lexical(
        paragraph(text('a1')),
        paragraph(text('a2')),
        paragraph(text('a3')),
        paragraph(text('a4')),
        paywallBreak(),
        paragraph(text(`after ${BODY}`)),
        paywallBreak(),
        paragraph(text(`after second break ${BODY}`)),
      ),
    )
  })
  afterAll(() => app?.shutdown())

  /* ---------- where / sort probing ---------- */

  it.each(OUTSIDERS)(
    '%s: where on content (exists, nested and/or paths) is refused 400, the same for secret and decoy',
    async (role) => {
      const nested = (word: string) => ({
        and: [
          {
            or: [
              { title: { equals: 'x' } },
              { and: [{ premium: { equals: true } }, { 'content.root.children.children.text': { like: word } }] },
            ],
          },
        ],
      })
      for (const where of [
        { content: { exists: true } },
        { content: { exists: false } },
        { content: { not_equals: null } },
        nested(BODY),
      ]) {
        const res = await get(role, '/articles', { where })
        expect(res.status).toBe(400)
        expect(res.json.errors[0].name).toBe('QueryError')
        expect(res.json.errors[0].message).toMatch(
          /^The following path cannot be queried: content(\.root\.children\.children\.text)?$/,
        )
      }
      const [secret, decoy] = await Promise.all([
        get(role, '/articles/count', { where: nested(BODY) }),
        get(role, '/articles/count', { where: nested(DECOY) }),
      ])
      expect({ status: secret.status, text: secret.text }).toEqual({ status: decoy.status, text: decoy.text })
      // The same nested query is a working oracle for an entitled reader: the refusal is what protects the others.
      // (all four premium articles carry the word after their break)
      expect((await get('active', '/articles/count', { where: nested(BODY) })).json).toEqual({ totalDocs: 4 })
      expect((await get('active', '/articles/count', { where: nested(DECOY) })).json).toEqual({ totalDocs: 0 })
    },
  )

  it.each(OUTSIDERS)('%s: the computed teaser and locked fields cannot be queried or sorted on', async (role) => {
    for (const query of [
      { where: { teaser: { exists: true } } },
      { where: { 'teaser.root.children.children.text': { like: 'Open' } } },
      { where: { locked: { equals: true } } },
      { sort: 'teaser' },
      { sort: '-locked' },
    ]) {
      const res = await get(role, '/articles', query)
      expect(res.status).toBe(400)
      expect(res.json.errors[0].name).toBe('QueryError')
    }
    const graph = await gql(role, '{ Articles(where: { locked: { equals: true } }) { docs { id } } }')
    expect(graph.errors?.[0]).toMatchObject({
      extensions: { statusCode: 400 },
      message: 'The following path cannot be queried: locked',
    })
  })

  it.each(OUTSIDERS)('%s: sorting by content in any spelling is refused', async (role) => {
    for (const sort of ['-content', 'content.root', 'title,-content', ['title', 'content']]) {
      const res = await get(role, '/articles', { sort })
      expect(res.status).toBe(400)
      expect(res.json.errors[0].message).toMatch(/^The following path cannot be queried: content(\.root)?$/)
    }
  })

  it.each(OUTSIDERS)(
    '%s: a premium video’s playable fields cannot be probed through the articles’ relatedVideos path',
    async (role) => {
      for (const field of ['url', 'embedUrl', 'providerId', 'thumbnailUrl']) {
        const [secret, decoy] = await Promise.all([
          get(role, '/articles', { where: { [`relatedVideos.${field}`]: { like: VIDEO_ID } } }),
          get(role, '/articles', { where: { [`relatedVideos.${field}`]: { like: DECOY } } }),
        ])
        expect(secret.status).toBe(400)
        expect(secret.json.errors[0].message).toBe(`The following path cannot be queried: ${field}`)
        expect(secret.text).toBe(decoy.text)
      }
      const sorted = await get(role, '/articles', { sort: 'relatedVideos.url' })
      expect(sorted.status).toBe(400)
      // The path works for an entitled reader (so the refusal is what protects the others).
      const insider = await get('active', '/articles', { depth: 0, where: { 'relatedVideos.url': { like: VIDEO_ID } } })
      expect(ids(insider.json.docs)).toEqual([doc.premium])
    },
  )

  it.each(OUTSIDERS)(
    '%s: a draft video’s or draft article’s title is not reachable through relationship query paths',
    async (role) => {
      const [secret, decoy] = await Promise.all([
        get(role, '/articles', { where: { 'relatedVideos.title': { like: DRAFT_VIDEO } } }),
        get(role, '/articles', { where: { 'relatedVideos.title': { like: DECOY } } }),
      ])
      expect(secret.status).toBe(200)
      expect(secret.json.docs).toEqual([])
      expect(secret.json.totalDocs).toBe(decoy.json.totalDocs)
      // Paths through a join are refused outright (src/hooks/rejectMalformedWhere.ts).
      const viaVideos = await get(role, '/videos', { where: { 'relatedArticles.title': { like: DRAFT } } })
      expect(viaVideos.status).toBe(400)
      expect(JSON.stringify(viaVideos.json)).not.toContain(DRAFT)
    },
  )

  /* ---------- select, populate, depth ---------- */

  it.each(OUTSIDERS)(
    '%s: select cannot pry the body loose (content only, premium "0"/"false" strings, partial content)',
    async (role) => {
      for (const select of [
        { content: true },
        { premium: '0' },
        { locked: 'false', premium: 'false', teaser: 'false' },
        { content: { root: true } },
        { content: true, teaser: false },
      ]) {
        const res = await get(role, `/articles/${doc.premium}`, { depth: 0, select })
        expect(res.status).toBe(200)
        expect(res.text).not.toContain(BODY)
        expect(res.json).toMatchObject({ content: null, locked: true, premium: true })
      }
      const insider = await get('active', `/articles/${doc.premium}`, { depth: 0, select: { content: { root: true } } })
      expect(insider.text).toContain(BODY)
    },
  )

  it.each(OUTSIDERS)(
    '%s: no depth from 0 to 5 (nor depth=1000) reaches the body, the video id or a draft video',
    async (role) => {
      for (const depth of [0, 1, 2, 3, 4, 5, 1000]) {
        const res = await get(role, `/articles/${doc.premium}`, { depth })
        expect(res.status).toBe(200)
        expect(res.json).toMatchObject({ content: null, locked: true })
        for (const secret of [BODY, VIDEO_ID, DRAFT_VIDEO, DRAFT]) expect(res.text).not.toContain(secret)
      }
      const insider = await get('active', `/articles/${doc.premium}`, { depth: 2 })
      expect(insider.text).toContain(BODY)
      expect(insider.text).toContain(VIDEO_ID)
      expect(insider.text).not.toContain(DRAFT_VIDEO)
    },
  )

  it.each(OUTSIDERS)(
    '%s: the populate parameter cannot ask the joined articles of a video for their content',
    async (role) => {
      const res = await get(role, `/videos/${doc.video}`, {
        depth: 1,
        populate: { articles: { content: true, premium: false } },
      })
      expect(res.status).toBe(200)
      expect(res.text).not.toContain(BODY)
      expect(res.text).not.toContain(VIDEO_ID)
      expect(res.json.relatedArticles.docs).toEqual([
        expect.objectContaining({ content: null, id: doc.premium, locked: true }),
      ])
    },
  )

  it.each(OUTSIDERS)(
    '%s: a video’s relatedArticles join leaves out draft articles; an article’s draft related video stays an id',
    async (role) => {
      const video = await get(role, `/videos/${doc.video}`, { depth: 0 })
      expect(video.json.relatedArticles.docs).toEqual([doc.premium])
      const article = await get(role, `/articles/${doc.premium}`, { depth: 1 })
      expect(article.json.relatedVideos.map((v: Json | string) => (typeof v === 'string' ? v : v.id))).toEqual([
        doc.video,
        doc.draftVideo,
      ])
      expect(article.json.relatedVideos[1]).toBe(doc.draftVideo)
    },
  )

  it.each(OUTSIDERS)(
    '%s: a premium video embedded in a FREE article is populated gated (REST, GraphQL, print)',
    async (role) => {
      const rest = await get(role, `/articles/${doc.freeWithVideo}`, { depth: 2 })
      expect(rest.json.locked).toBe(false)
      const block = rest.json.content.root.children[1]
      expect(block.fields.video).toMatchObject({
        embedUrl: null,
        id: doc.video,
        locked: true,
        providerId: null,
        thumbnailUrl: null,
        url: null,
      })
      const graph = await gql(role, 'query ($id: String!) { Article(id: $id) { content(depth: 2) } }', {
        id: doc.freeWithVideo,
      })
      expect(graph.data.Article.content.root.children[1].fields.video).toMatchObject({ locked: true, url: null })
      const print = await get(role, '/articles/free-with-video/print')
      expect(print.text).toContain('A free article with a premium clip.')
      for (const res of [rest, print]) expect(res.text).not.toContain(VIDEO_ID)
      expect(JSON.stringify(graph.data)).not.toContain(VIDEO_ID)
      expect((await get('active', `/articles/${doc.freeWithVideo}`, { depth: 2 })).text).toContain(VIDEO_ID)
    },
  )

  it.each(OUTSIDERS)(
    '%s: listing videos at depth 2 (relatedArticles → articles → relatedVideos) leaks neither body nor video id',
    async (role) => {
      const res = await get(role, '/videos', { depth: 2, limit: 50 })
      expect(res.status).toBe(200)
      expect(ids(res.json.docs)).toEqual([doc.video, doc.videoUpload].sort())
      for (const secret of [BODY, VIDEO_ID, DRAFT, DRAFT_VIDEO]) expect(res.text).not.toContain(secret)
    },
  )

  it.each(OUTSIDERS)('%s: ?draft=true, locale=* and the versions endpoints reveal no draft', async (role) => {
    expect((await get(role, `/articles/${doc.premium}/preview`, { draft: 'true' })).status).toBe(404)
    const res = await get(role, `/articles/${doc.premium}`, { draft: 'true', locale: '*' })
    expect(res.status).toBe(200)
    expect(res.text).not.toContain(DRAFT)
    expect(res.json.title).toBe('Premium story')
    expect((await get(role, `/articles/${doc.draftOnly}`, { draft: 'true' })).status).toBe(404)
    for (const apiPath of ['/articles/versions', '/videos/versions'] as const) {
      const versions = await get(role, apiPath, { where: { parent: { equals: doc.premium } } })
      expect(versions.status).toBe(403)
    }
    // Editors see the draft through the same parameter (the surface works).
    expect((await get('editor', `/articles/${doc.premium}`, { draft: 'true' })).text).toContain(DRAFT)
  })

  it('an active subscriber is not an editor: drafts and versions stay closed', async () => {
    expect((await get('active', `/articles/${doc.premium}`, { draft: 'true' })).text).not.toContain(DRAFT)
    expect((await get('active', '/articles/versions')).status).toBe(403)
    const graph = await gql('active', '{ versionsArticles { docs { version { title } } } }')
    expect(gqlStatus(graph)).toBe(403)
  })

  /* ---------- GraphQL shapes ---------- */

  it.each(OUTSIDERS)('%s: GraphQL aliases and fragments read the same gated fields', async (role) => {
    const query = `query ($id: String!) {
      a: Article(id: $id) { ...Body }
      b: Articles(where: { slug: { equals: "premium-story" } }) { docs { ...Body } }
      c: Articles(draft: true, where: { slug: { equals: "premium-story" } }) { docs { secret: content title } }
    }
    fragment Body on Article { secret: content body: content locked teaser }`
    const res = await gql(role, query, { id: doc.premium })
    expect(res.errors).toBeUndefined()
    expect(res.data.a).toMatchObject({ body: null, locked: true, secret: null })
    expect(res.data.b.docs).toEqual([expect.objectContaining({ body: null, locked: true, secret: null })])
    expect(res.data.c.docs).toEqual([{ secret: null, title: 'Premium story' }])
    for (const secret of [BODY, DRAFT]) expect(JSON.stringify(res.data)).not.toContain(secret)
    expect(JSON.stringify((await gql('active', query, { id: doc.premium })).data)).toContain(BODY)
  })

  it.each(OUTSIDERS)('%s: GraphQL count with a where on content is refused', async (role) => {
    const res = await gql(role, '{ countArticles(where: { content: { exists: true } }) { totalDocs } }')
    expect(res.data?.countArticles ?? null).toBeNull()
    expect(res.errors?.[0]).toMatchObject({
      extensions: { statusCode: 400 },
      message: 'The following path cannot be queried: content',
    })
  })

  /* ---------- Local API as the requester ---------- */

  it.each(OUTSIDERS)(
    '%s: Local API with overrideAccess false refuses content queries and withholds the body',
    async (role) => {
      const r = roles[role]
      expect(
        await localError(() =>
          payload.find({ collection: 'articles', where: { content: { exists: true } }, ...as(r) }),
        ),
      ).toEqual({
        message: 'The following path cannot be queried: content',
        status: 400,
      })
      expect(
        await localError(() =>
          payload.count({ collection: 'articles', where: { 'content.root': { exists: true } }, ...as(r) }),
        ),
      ).toMatchObject({ status: 400 })
      const found = await payload.findByID({
        collection: 'articles',
        depth: 2,
        draft: true,
        id: doc.premium,
        select: { locked: false, premium: false } as never,
        ...as(r),
      })
      expect(found).toMatchObject({ content: null, locked: true })
      expect(JSON.stringify(found)).not.toContain(BODY)
      expect(JSON.stringify(found)).not.toContain(DRAFT)
    },
  )

  /* ---------- subscription changes ---------- */

  it('a token issued while subscribed stops opening premium content as soon as the subscription lapses', async () => {
    const lapsing = await signUp(app, 'lapsing@readers.test', {
      currentPeriodEnd: new Date(Date.now() + DAY).toISOString(),
      plan: 'premium',
      status: 'active',
    })
    const read = () => app.rest.get(`/articles/${doc.premium}`, { query: { depth: 0 }, token: lapsing.token })
    expect((await read()).text).toContain(BODY)
    await payload.update({
      collection: 'readers',
      data: { subscription: { plan: 'premium', status: 'canceled' } } as never,
      id: lapsing.id,
    })
    expect((await read()).json).toMatchObject({ content: null, locked: true })
    await payload.update({
      collection: 'readers',
      data: {
        subscription: {
          currentPeriodEnd: new Date(Date.now() - 1000).toISOString(),
          plan: 'premium',
          status: 'active',
        },
      } as never,
      id: lapsing.id,
    })
    const ended = await read()
    expect(ended.json).toMatchObject({ content: null, locked: true })
    expect(ended.text).not.toContain(BODY)
  })

  /* ---------- teaser boundaries ---------- */

  const teaserTexts = async (id: string) => {
    const res = await get('anonymous', `/articles/${id}`, { depth: 0 })
    expect(res.json).toMatchObject({ content: null, locked: true })
    expect(res.text).not.toContain(BODY)
    return (res.json.teaser.root.children as Json[]).map((node) => node.children?.[0]?.text ?? node.type)
  }

  it('teaser without a paywall break: the first two blocks only', async () => {
    expect(await teaserTexts(doc.noBreak)).toEqual(['one', 'two'])
  })

  it('teaser with the break first: nothing', async () => {
    expect(await teaserTexts(doc.breakFirst)).toEqual([])
  })

  it('teaser with a late break (and a second one): everything before the first break, nothing after', async () => {
    expect(await teaserTexts(doc.breakLate)).toEqual(['a1', 'a2', 'a3', 'a4'])
  })

  /* ---------- print, PDF, email ---------- */

  it.each(OUTSIDERS)(
    '%s: print by id and by slug (even with ?draft=true) shows the teaser and the subscribe link, never the body',
    async (role) => {
      for (const apiPath of [`/articles/${doc.premium}/print`, '/articles/premium-story/print'] as const) {
        const res = await get(role, apiPath, { draft: 'true' })
        expect(res.status).toBe(200)
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
        expect(res.text).toContain('Open intro for everyone.')
        expect(res.text).toContain(SUBSCRIBE_URL)
        for (const secret of [BODY, VIDEO_ID, DRAFT]) expect(res.text).not.toContain(secret)
      }
      const insider = await get('active', '/articles/premium-story/print')
      expect(insider.text).toContain(BODY)
      // A subscriber's copy must never be kept by a shared cache and then served to someone else.
      expect(insider.headers.get('cache-control')).toBe('private, no-store')
    },
  )

  it.each(OUTSIDERS)('%s: the PDF carries no body text', async (role) => {
    const res = await getBytes(`/articles/${doc.premium}/pdf`, roles[role].token)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const pdf = flat((await parsePdf(res.body)).text)
    expect(pdf).toContain('Open intro for everyone.')
    expect(pdf).not.toContain(BODY)
    expect(pdf).not.toContain(VIDEO_ID)
    expect(
      flat((await parsePdf((await getBytes(`/articles/${doc.premium}/pdf`, roles.active.token)).body)).text),
    ).toContain(BODY)
  })

  it('print, PDF and email of a never-published article answer exactly like an unknown one', async () => {
    for (const [method, suffix] of [
      ['get', 'print'],
      ['get', 'pdf'],
      ['post', 'email'],
    ] as const) {
      const send = (ref: string) =>
        method === 'get'
          ? app.rest.get(`/articles/${ref}/${suffix}`)
          : app.rest.post(`/articles/${ref}/${suffix}`, {
              body: { senderName: 'Nosy', to: 'someone@example.com' },
              headers: { 'x-forwarded-for': '192.0.2.77' },
            })
      const [bySlug, byId, unknown] = await Promise.all([
        send('draft-only'),
        send(doc.draftOnly),
        send('no-such-article'),
      ])
      expect(bySlug.status).toBe(404)
      expect(byId.status).toBe(404)
      expect(bySlug.text).toBe(unknown.text)
      expect(byId.text).toBe(unknown.text)
      expect(bySlug.text).not.toContain(DRAFT)
    }
    expect(await payload.count({ collection: 'newsroom-email-log' as never })).toEqual({ totalDocs: 0 })
  })

  it('an entitled subscriber cannot email the body out: the mail carries the teaser and the link only', async () => {
    clearSentEmails()
    const res = await app.rest.post(`/articles/${doc.premium}/email`, {
      body: { message: 'Look at this', senderName: 'Subscriber', to: 'friend@example.com' },
      token: roles.active.token,
    })
    expect(res.status).toBe(202)
    await payload.jobs.run({ limit: 10 })
    expect(sentEmails).toHaveLength(1)
    const [mail] = sentEmails
    expect(mail!.to).toEqual(['friend@example.com'])
    expect(mail!.text).toContain('Open intro for everyone.')
    expect(mail!.text).toContain('https://news.test/news/premium-story')
    for (const secret of [BODY, VIDEO_ID, DRAFT]) {
      expect(mail!.text).not.toContain(secret)
      expect(mail!.html).not.toContain(secret)
    }
  })

  /* ---------- premium video files ---------- */

  it.each(OUTSIDERS)(
    '%s: a premium video’s uploaded file is hidden on every media surface, including the file route',
    async (role) => {
      const clip = (await payload.findByID({ collection: 'media', id: doc.premiumClip })) as Json
      expect(clip.premiumVideoFile).toBe(true)
      const list = await get(role, '/media', { limit: 100 })
      expect(ids(list.json.docs)).not.toContain(doc.premiumClip)
      expect((await get(role, '/media', { where: { premiumVideoFile: { equals: true } } })).json.totalDocs).toBe(0)
      expect((await get(role, `/media/${doc.premiumClip}`)).status).toBe(404)
      const file = await get(role, `/media/file/${clip.filename}`)
      expect(file.status).toBe(403)
      const video = await get(role, `/videos/${doc.videoUpload}`, { depth: 1 })
      expect(video.json).toMatchObject({ embedUrl: null, file: null, locked: true, url: null })
      expect(video.text).not.toContain(clip.filename)
      const graph = await gql(role, '{ allMedia(limit: 100) { docs { id filename } } }')
      expect(ids(graph.data.allMedia.docs)).not.toContain(doc.premiumClip)
      // An entitled reader gets the file (the route works).
      expect((await get('active', `/media/file/${clip.filename}`)).status).toBe(200)
    },
  )

  it('nobody, not even an editor, can clear the premium flag of a video file by hand', async () => {
    const res = await app.rest.patch(`/media/${doc.premiumClip}`, {
      body: { premiumVideoFile: false },
      token: app.editorToken,
    })
    expect(res.status).toBe(200)
    expect(((await payload.findByID({ collection: 'media', id: doc.premiumClip })) as Json).premiumVideoFile).toBe(true)
    expect((await app.rest.patch(`/media/${doc.premiumClip}`, { body: { premiumVideoFile: false } })).status).toBe(403)
  })
})

/* ===================================================================================================== */

describe('comments, accounts, settings and system collections', () => {
  let app: NewsroomTestApp
  let payload: Payload
  let roles: Record<RoleName, Role>
  let readerA: Role & { id: string }
  let readerB: Role & { id: string }
  let fingerprint: string
  const doc = {} as Record<
    | 'approved'
    | 'article'
    | 'commentA'
    | 'commentB'
    | 'draftOnly'
    | 'onUnpublished'
    | 'pending'
    | 'reply'
    | 'spamChild'
    | 'spamParent'
    | 'unpublished',
    string
  >

  const get = (role: Role, apiPath: `/${string}`, query?: Json) => app.rest.get(apiPath, { query, token: role.token })
  const stored = (id: string) => payload.findByID({ collection: 'comments', depth: 0, id }) as Promise<Json>
  let ipCounter = 0
  const post = (apiPath: `/${string}`, body: unknown, token?: string) =>
    app.rest.post(apiPath, {
      body,
      headers: { 'user-agent': 'redteam', 'x-forwarded-for': `198.51.100.${++ipCounter}` },
      query: { depth: 0 },
      token,
    })

  beforeAll(async () => {
    app = await startNewsroomApp(
      { comments: { floodSeconds: 0 } },
      { loggingLevels: { QueryError: 'info', ValidationError: 'info' } },
    )
    payload = app.payload
    roles = await makeRoles(app)
    readerA = await signUp(app, 'reader-a@readers.test', { plan: 'free', status: 'active' })
    readerB = await signUp(app, 'reader-b@readers.test', { plan: 'premium', status: 'active' })
    const editor = { overrideAccess: false as const, user: roles.editor.user }

    const article = await payload.create({
      collection: 'articles',
      data: { _status: 'published', content: lexical(paragraph(text('Open.'))), slug: 'open', title: 'Open' } as never,
    })
    doc.article = String(article.id)
    doc.draftOnly = String(
      (
        await payload.create({
          collection: 'articles',
          data: { _status: 'draft', slug: 'draft-only', title: 'Draft' } as never,
          draft: true,
        })
      ).id,
    )

    // Submitted by the public (so it carries a fingerprint), approved by an editor with a note.
    const submitted = await post('/comments', {
      article: doc.article,
      authorEmail: EMAIL,
      authorName: 'Private Person',
      body: 'Public words.',
    })
    expect(submitted.status).toBe(201)
    doc.approved = String(submitted.json.doc.id)
    await payload.update({
      collection: 'comments',
      data: { moderationReason: REASON, status: 'approved' } as never,
      id: doc.approved,
    })
    fingerprint = (await stored(doc.approved)).fingerprint
    expect(fingerprint).toMatch(/^[\da-f]{64}$/)

    const create = async (data: Json) =>
      String((await payload.create({ collection: 'comments', data: data as never, ...editor })).id)
    doc.reply = await create({
      article: doc.article,
      authorEmail: 'replier@example.org',
      authorName: 'Replier',
      body: 'A reply.',
      parent: doc.approved,
      status: 'approved',
    })
    doc.pending = await create({
      article: doc.article,
      authorEmail: 'waiting@example.org',
      authorName: 'Waiting',
      body: `Held ${PENDING}`,
      status: 'pending',
    })
    // Approved, answered, then marked spam: its approved child stays public.
    doc.spamParent = await create({
      article: doc.article,
      authorEmail: 'was-ok@example.org',
      authorName: 'Was ok',
      body: `Once public ${SPAM_PARENT}`,
      status: 'approved',
    })
    doc.spamChild = await create({
      article: doc.article,
      authorEmail: 'child@example.org',
      authorName: 'Child',
      body: 'Child reply.',
      parent: doc.spamParent,
      status: 'approved',
    })
    await payload.update({ collection: 'comments', data: { status: 'spam' } as never, id: doc.spamParent })
    // A published article with an approved comment, later unpublished with a new title.
    doc.unpublished = String(
      (
        await payload.create({
          collection: 'articles',
          data: { _status: 'published', slug: 'soon-gone', title: 'Soon gone' } as never,
        })
      ).id,
    )
    doc.onUnpublished = await create({
      article: doc.unpublished,
      authorEmail: 'early@example.org',
      authorName: 'Early',
      body: 'On an article that goes away.',
      status: 'approved',
    })
    await payload.update({
      collection: 'articles',
      data: { _status: 'draft', title: UNPUBLISHED } as never,
      id: doc.unpublished,
    })

    // One approved comment by each logged-in reader.
    for (const [reader, key] of [
      [readerA, 'commentA'],
      [readerB, 'commentB'],
    ] as const) {
      const res = await post(
        '/comments',
        { article: doc.article, authorName: 'ignored', body: `Comment by ${key}` },
        reader.token,
      )
      expect(res.status).toBe(201)
      doc[key] = String(res.json.doc.id)
      await payload.update({ collection: 'comments', data: { status: 'approved' } as never, id: doc[key] })
    }
  })
  afterAll(() => app?.shutdown())

  const publicRoles = () => [roles.anonymous, readerA]

  /* ---------- editors-only fields through where / sort / relationship paths ---------- */

  it('editors-only fields of a comment cannot be queried through parent or reader paths', async () => {
    const probes: [string, string, string][] = [
      ['parent.authorEmail', EMAIL, 'authorEmail'],
      ['parent.fingerprint', fingerprint, 'fingerprint'],
      ['parent.moderationReason', REASON, 'moderationReason'],
    ]
    for (const role of publicRoles()) {
      for (const [pathName, secret, field] of probes) {
        const [hit, miss] = await Promise.all([
          get(role, '/comments', { where: { [pathName]: { equals: secret } } }),
          get(role, '/comments', { where: { [pathName]: { equals: DECOY } } }),
        ])
        expect(hit.status).toBe(400)
        expect(hit.json.errors[0].message).toMatch(
          new RegExp(`^The following paths? cannot be queried: (${field}(, )?)+$`),
        )
        expect(hit.text).toBe(miss.text)
      }
    }
    // Anonymous requesters cannot reach into reader accounts at all.
    for (const [pathName, field] of [
      ['reader.email', 'email'],
      ['reader.subscription.plan', 'subscription.plan'],
    ]) {
      const res = await get(roles.anonymous, '/comments', { where: { [pathName]: { equals: 'premium' } } })
      expect(res.status).toBe(400)
      expect(res.json.errors[0].message).toBe(`The following path cannot be queried: ${field}`)
    }
    // A reader's email, name and subscription are field-private (collections/readers/ownAccountRead.ts): as query
    // paths they are editors' alone, own account included; a reader finds their comments by the reference itself.
    for (const where of [
      { 'reader.email': { equals: 'reader-b@readers.test' } },
      { 'reader.subscription.plan': { equals: 'premium' } },
      { 'reader.name': { like: 'reader-b' } },
      { 'reader.email': { equals: 'reader-a@readers.test' } },
    ]) {
      const res = await get(readerA, '/comments', { where })
      expect(res.status).toBe(400)
      expect(res.json.errors[0].message).toMatch(/cannot be queried/)
    }
    expect(ids((await get(readerA, '/comments', { where: { reader: { equals: readerA.id } } })).json.docs)).toEqual([
      doc.commentA,
    ])
    // The same path is a working query for an editor.
    expect(
      ids(
        (await get(roles.editor, '/comments', { depth: 0, where: { 'parent.authorEmail': { equals: EMAIL } } })).json
          .docs,
      ),
    ).toEqual([doc.reply])
  })

  it('editors-only fields cannot order comments (an ordering oracle), at the top level or in the article’s join', async () => {
    for (const role of publicRoles()) {
      for (const sort of [
        'authorEmail',
        '-fingerprint',
        'moderationReason',
        'parent.authorEmail',
        '-parent.fingerprint',
      ]) {
        const res = await get(role, '/comments', { sort })
        expect(res.status).toBe(400)
        expect(res.json.errors[0].name).toBe('QueryError')
      }
      const joined = await get(role, `/articles/${doc.article}`, { joins: { comments: { sort: 'authorEmail' } } })
      expect(joined.status).toBe(400)
      const gql = await app.graphql('{ Comments(sort: "-fingerprint") { docs { id } } }', undefined, {
        token: role.token,
      })
      expect(gqlStatus(gql)).toBe(400)
    }
  })

  it('count and join where on editors-only fields are refused (no counting oracle)', async () => {
    for (const role of publicRoles()) {
      for (const where of [
        { authorEmail: { like: 'gmail' } },
        { fingerprint: { exists: true } },
        { moderationReason: { like: 'hidden' } },
      ]) {
        const count = await get(role, '/comments/count', { where })
        expect(count.status).toBe(400)
        const joined = await get(role, `/articles/${doc.article}`, { joins: { comments: { where } } })
        expect(joined.status).toBe(400)
        expect(joined.json.errors[0].name).toBe('QueryError')
      }
      const articles = await get(role, '/articles', { where: { 'comments.authorEmail': { equals: EMAIL } } })
      expect(articles.status).toBe(400)
    }
  })

  it('relationship paths do not look into comments or articles the requester cannot read', async () => {
    const queries: Json[] = [
      { 'parent.body': { like: SPAM_PARENT } },
      { 'parent.status': { equals: 'spam' } },
      { 'article.title': { like: UNPUBLISHED } },
      { 'article._status': { equals: 'draft' } },
    ]
    for (const role of publicRoles()) {
      for (const where of queries) {
        const res = await get(role, '/comments', { where })
        expect(res.status).toBe(200)
        expect(res.json.docs).toEqual([])
      }
      const decoy = await get(role, '/comments', { where: { 'parent.body': { like: DECOY } } })
      expect((await get(role, '/comments', { where: queries[0] })).text).toBe(decoy.text)
    }
    // An editor gets the child of the spam comment with the same query (the path works).
    expect(ids((await get(roles.editor, '/comments', { where: queries[0] })).json.docs)).toEqual([doc.spamChild])
    expect(ids((await get(roles.editor, '/comments', { where: queries[2] })).json.docs)).toEqual([doc.onUnpublished])
  })

  /* ---------- non-approved comments and population ---------- */

  it('the article’s comments join lists approved comments only, whatever its where, count or GraphQL shape', async () => {
    for (const role of publicRoles()) {
      for (const where of [
        { status: { in: ['pending', 'spam', 'trash'] } },
        { body: { like: PENDING } },
        { id: { equals: doc.pending } },
      ]) {
        const res = await get(role, `/articles/${doc.article}`, { depth: 0, joins: { comments: { where } } })
        expect(res.status).toBe(200)
        expect(res.json.comments.docs).toEqual([])
      }
      const counted = await get(role, `/articles/${doc.article}`, {
        depth: 0,
        joins: { comments: { count: true, limit: 1 } },
      })
      expect(counted.json.comments.totalDocs).toBe(5)
      const gql = await app.graphql(
        `query ($id: String!) { Article(id: $id) {
          pending: comments(where: { status: { equals: pending } }) { docs { id } }
          all: comments(limit: 50) { docs { id body authorEmail moderationReason fingerprint status } } } }`,
        { id: doc.article },
        { token: role.token },
      )
      expect(gql.errors).toBeUndefined()
      expect(gql.data.Article.pending.docs).toEqual([])
      expect(gql.data.Article.all.docs).toHaveLength(5)
      for (const comment of gql.data.Article.all.docs) {
        expect(comment).toMatchObject({
          authorEmail: null,
          fingerprint: null,
          moderationReason: null,
          status: 'approved',
        })
      }
      const text = JSON.stringify(gql.data)
      for (const secret of [EMAIL, REASON, fingerprint, PENDING, SPAM_PARENT]) expect(text).not.toContain(secret)
    }
    const editorView = await get(roles.editor, `/articles/${doc.article}`, {
      depth: 0,
      joins: { comments: { where: { body: { like: PENDING } } } },
    })
    expect(editorView.json.comments.docs).toEqual([doc.pending])
  })

  it('a pending or spam comment by id answers exactly like an unknown id (REST and GraphQL), and counts leave them out', async () => {
    for (const role of publicRoles()) {
      const unknown = await get(role, '/comments/000000000000000000000000')
      for (const id of [doc.pending, doc.spamParent]) {
        const res = await get(role, `/comments/${id}`)
        expect(res.status).toBe(404)
        expect(res.text).toBe(unknown.text)
        const gql = await app.graphql(
          'query ($id: String!) { Comment(id: $id) { body } }',
          { id },
          { token: role.token },
        )
        expect(gql.data?.Comment ?? null).toBeNull()
        expect(gql.errors?.[0]).toMatchObject({ extensions: { statusCode: 404 }, message: 'Not Found' })
      }
      const count = await app.graphql(
        '{ countComments(where: { status: { not_equals: approved } }) { totalDocs } }',
        undefined,
        { token: role.token },
      )
      expect(count.data.countComments.totalDocs).toBe(0)
    }
  })

  it('population never hands out another reader’s account, an unpublished article or editors-only fields', async () => {
    for (const role of publicRoles()) {
      const res = await get(role, '/comments', { depth: 2, limit: 50 })
      expect(res.status).toBe(200)
      for (const secret of ['reader-b@readers.test', UNPUBLISHED, EMAIL, REASON, fingerprint])
        expect(res.text).not.toContain(secret)
      const onUnpublished = res.json.docs.find((c: Json) => c.id === doc.onUnpublished)
      expect(onUnpublished.article).toBe(doc.unpublished)
      const ofB = res.json.docs.find((c: Json) => c.id === doc.commentB)
      expect(ofB.reader).toBe(readerB.id)
      const gql = await app.graphql(
        'query ($id: String!) { Comment(id: $id) { reader { email subscription { plan } } parent { authorEmail } } }',
        { id: doc.commentB },
        { token: role.token },
      )
      expect(gql.data?.Comment?.reader ?? null).toBeNull()
    }
    for (const role of publicRoles()) {
      const selected = await get(role, '/comments', {
        select: { authorEmail: true, fingerprint: true, moderationReason: true },
        where: { id: { equals: doc.approved } },
      })
      expect(selected.json.docs).toEqual([{ id: doc.approved }])
    }
    // Comments have no versions: the public is refused (403), editors are told there are none (bad-input.spec).
    expect((await get(roles.anonymous, '/comments/versions')).status).toBe(403)
    // Readers see their own account through their own comment.
    const own = await get(readerB, `/comments/${doc.commentB}`, { depth: 1 })
    expect(own.json.reader.email).toBe('reader-b@readers.test')
  })

  /* ---------- what the public may write ---------- */

  it('a public comment cannot set status, moderation reason, fingerprint, reader or timestamps (REST)', async () => {
    const res = await post('/comments', {
      article: doc.article,
      authorEmail: 'forger@example.org',
      authorName: 'Forger',
      body: 'Forged fields.',
      createdAt: '2000-01-01T00:00:00.000Z',
      fingerprint: 'forged',
      moderationReason: 'self-approved',
      reader: readerB.id,
      status: 'approved',
    })
    expect(res.status).toBe(201)
    expect(res.json.doc.status).toBe('pending')
    for (const field of ['authorEmail', 'fingerprint', 'moderationReason']) expect(res.json.doc[field]).toBeUndefined()
    const saved = await stored(res.json.doc.id)
    expect(saved).toMatchObject({ status: 'pending' })
    expect(saved.fingerprint).toMatch(/^[\da-f]{64}$/)
    expect(saved.moderationReason).not.toBe('self-approved')
    expect(saved.reader ?? null).toBeNull()
    expect(Date.now() - new Date(saved.createdAt).getTime()).toBeLessThan(60_000)
  })

  it('a public comment cannot set status, moderation reason, fingerprint or reader (GraphQL)', async () => {
    const res = await app.graphql(
      `mutation ($data: mutationCommentInput!) { createComment(data: $data) { id status moderationReason fingerprint authorEmail reader { id } } }`,
      {
        data: {
          article: doc.article,
          authorEmail: 'forger-gql@example.org',
          authorName: 'Forger',
          body: 'Forged over GraphQL.',
          fingerprint: 'forged',
          moderationReason: 'self-approved',
          reader: readerB.id,
          status: 'approved',
        },
      },
      { headers: { 'x-forwarded-for': '203.0.113.200' } },
    )
    expect(res.errors).toBeUndefined()
    expect(res.data.createComment).toMatchObject({
      authorEmail: null,
      fingerprint: null,
      moderationReason: null,
      reader: null,
      status: 'pending',
    })
    const saved = await stored(res.data.createComment.id)
    expect(saved.status).toBe('pending')
    expect(saved.fingerprint).not.toBe('forged')
    expect(saved.reader ?? null).toBeNull()
  })

  it('a reader cannot change or delete another reader’s comment (REST, GraphQL, bulk)', async () => {
    const before = await stored(doc.commentB)
    const patched = await app.rest.patch(`/comments/${doc.commentB}`, {
      body: { body: 'Hijacked' },
      token: readerA.token,
    })
    expect(patched.status).toBe(403)
    expect((await app.rest.delete(`/comments/${doc.commentB}`, { token: readerA.token })).status).toBe(403)
    const gql = await app.graphql(
      'mutation ($id: String!) { updateComment(id: $id, data: { body: "Hijacked" }) { id } }',
      { id: doc.commentB },
      { token: readerA.token },
    )
    expect(gqlStatus(gql)).toBe(403)
    const gqlDelete = await app.graphql(
      'mutation ($id: String!) { deleteComment(id: $id) { id } }',
      { id: doc.commentB },
      { token: readerA.token },
    )
    expect(gqlStatus(gqlDelete)).toBe(403)
    // Bulk: only the reader's own comment is touched.
    const bulk = await app.rest.patch('/comments', {
      body: { body: 'Bulk edit by A' },
      query: { where: { status: { equals: 'approved' } } },
      token: readerA.token,
    })
    expect(bulk.status).toBe(200)
    expect(ids(bulk.json.docs)).toEqual([doc.commentA])
    expect(await stored(doc.commentB)).toEqual(before)
    expect((await stored(doc.approved)).body).toBe('Public words.')
  })

  it('the public cannot change or delete any comment', async () => {
    expect((await app.rest.patch(`/comments/${doc.approved}`, { body: { body: 'Defaced' } })).status).toBe(403)
    expect((await app.rest.delete(`/comments/${doc.approved}`)).status).toBe(403)
    expect(
      (await app.rest.patch('/comments', { body: { status: 'trash' }, query: { where: { id: { exists: true } } } }))
        .status,
    ).toBe(403)
    expect((await stored(doc.approved)).body).toBe('Public words.')
  })

  it('a reader editing their own comment can change its text only, not its status, article, email, note or account', async () => {
    const res = await app.rest.patch(`/comments/${doc.commentA}`, {
      body: {
        article: doc.unpublished,
        authorEmail: 'someone-else@example.org',
        body: 'Edited by its author.',
        createdAt: '2000-01-01T00:00:00.000Z',
        moderationReason: 'mine',
        parent: doc.approved,
        reader: readerB.id,
        status: 'approved',
      },
      token: readerA.token,
    })
    expect(res.status).toBe(200)
    const saved = await stored(doc.commentA)
    expect(saved).toMatchObject({
      article: doc.article,
      authorEmail: 'reader-a@readers.test',
      body: 'Edited by its author.',
      reader: readerA.id,
      status: 'approved',
    })
    expect(saved.parent ?? null).toBeNull()
    expect(saved.moderationReason).not.toBe('mine')
    expect(new Date(saved.createdAt).getFullYear()).toBeGreaterThan(2000)
  })

  it('a reply to a pending comment, a comment on a draft and a report of a pending comment answer like unknown ids', async () => {
    const unknownId = '000000000000000000000000'
    const reply = (parent: string) =>
      post('/comments', {
        article: doc.article,
        authorEmail: `probe-${parent}@example.org`,
        authorName: 'Probe',
        body: `Reply ${parent}`,
        parent,
      })
    const [toPending, toSpam, toUnknown] = await Promise.all([
      reply(doc.pending),
      reply(doc.spamParent),
      reply(unknownId),
    ])
    expect(toPending.status).toBe(400)
    expect(toPending.json.errors[0].data.errors).toEqual([
      { message: 'The comment you are replying to was not found.', path: 'parent' },
    ])
    expect(toPending.json).toEqual(toUnknown.json)
    expect(toSpam.json).toEqual(toUnknown.json)

    const on = (article: string) =>
      post('/comments', {
        article,
        authorEmail: `probe-a-${article}@example.org`,
        authorName: 'Probe',
        body: `On ${article}`,
      })
    const [onDraft, onUnknown] = await Promise.all([on(doc.draftOnly), on(unknownId)])
    expect(onDraft.status).toBe(400)
    expect(onDraft.json.errors[0].data.errors).toEqual([{ message: 'Article not found.', path: 'article' }])
    expect(onDraft.json).toEqual(onUnknown.json)

    const report = (id: string) =>
      app.rest.post(`/comments/${id}/report`, { body: { reason: 'probe' }, token: readerA.token })
    const [reportPending, reportUnknown] = await Promise.all([report(doc.pending), report(unknownId)])
    expect(reportPending.status).toBe(400)
    expect(reportPending.json).toEqual(reportUnknown.json)
  })

  /* ---------- reports, settings, ledger, system collections ---------- */

  it('comment reports: readers write their own only, nobody but editors reads them', async () => {
    const res = await app.rest.post('/comment-reports', {
      body: { comment: doc.approved, reader: readerB.id, reason: 'Rude' },
      token: readerA.token,
    })
    expect(res.status).toBe(201)
    const saved = await payload.findByID({ collection: 'comment-reports' as never, depth: 0, id: res.json.doc.id })
    expect((saved as Json).reader).toBe(readerA.id)
    for (const role of publicRoles()) expect((await get(role, '/comment-reports')).status).toBe(403)
    expect((await app.rest.post('/comment-reports', { body: { comment: doc.approved } })).status).toBe(403)
    const gql = await app.graphql('{ CommentReports { docs { reason } } }', undefined, { token: readerA.token })
    expect(gqlStatus(gql)).toBe(403)
  })

  it('the Discussion settings (moderation keys, notified editors) are editors’ alone', async () => {
    await payload.updateGlobal({
      data: { moderationKeys: 'secretkeyword', notifyEditors: 'desk@example.org' } as never,
      slug: 'discussion-settings' as never,
    })
    for (const role of [roles.anonymous, readerA, roles.active]) {
      const res = await get(role, '/globals/discussion-settings')
      expect(res.status).toBe(403)
      expect(res.text).not.toContain('secretkeyword')
      const update = await app.rest.post('/globals/discussion-settings', {
        body: { moderationKeys: '', notifyEditors: 'evil@example.org' },
        token: role.token,
      })
      expect(update.status).toBe(403)
      const gql = await app.graphql('{ DiscussionSetting { moderationKeys notifyEditors } }', undefined, {
        token: role.token,
      })
      expect(gqlStatus(gql)).toBe(403)
      const gqlUpdate = await app.graphql(
        'mutation { updateDiscussionSetting(data: { moderationKeys: "" }) { moderationKeys } }',
        undefined,
        { token: role.token },
      )
      expect(gqlStatus(gqlUpdate)).toBe(403)
    }
    const settings = (await payload.findGlobal({ slug: 'discussion-settings' as never })) as Json
    expect(settings).toMatchObject({ moderationKeys: 'secretkeyword', notifyEditors: 'desk@example.org' })
  })

  it('the email ledger and Payload’s system collections are closed to the public and to readers', async () => {
    expect(
      (
        await app.rest.post('/payload-preferences/editor-pref', {
          body: { value: { secret: 'editor-pref' } },
          token: app.editorToken,
        })
      ).status,
    ).toBe(200)
    for (const role of [roles.anonymous, readerA]) {
      for (const apiPath of ['/newsroom-email-log', '/payload-kv', '/payload-jobs'] as const) {
        expect((await get(role, apiPath)).status).toBe(403)
      }
      expect(
        (await app.rest.post('/newsroom-email-log', { body: { fingerprint: 'x', recipients: 1 }, token: role.token }))
          .status,
      ).toBe(403)
      const gql = await app.graphql('{ NewsroomEmailLogs { docs { fingerprint } } }', undefined, { token: role.token })
      expect(gqlStatus(gql)).toBe(403)
    }
    const prefs = await get(readerA, '/payload-preferences')
    expect(prefs.status).toBe(200)
    expect(prefs.json.docs).toEqual([])
    expect((await get(roles.anonymous, '/payload-preferences')).status).toBe(403)
  })

  /* ---------- reader accounts ---------- */

  it('readers see and change only their own account', async () => {
    const list = await get(readerA, '/readers', { limit: 100 })
    expect(ids(list.json.docs)).toEqual([readerA.id])
    expect((await get(readerA, `/readers/${readerB.id}`)).status).toBe(404)
    expect((await get(readerA, '/readers', { where: { 'subscription.plan': { equals: 'premium' } } })).status).toBe(400)
    expect(
      (await app.rest.patch(`/readers/${readerB.id}`, { body: { name: 'Renamed' }, token: readerA.token })).status,
    ).toBe(403)
    expect((await app.rest.delete(`/readers/${readerB.id}`, { token: readerA.token })).status).toBe(403)
    expect((await get(roles.anonymous, '/readers')).status).toBe(403)
    const gql = await app.graphql('{ Readers(limit: 100) { docs { email } } }', undefined, { token: readerA.token })
    expect(gql.data.Readers.docs).toEqual([{ email: 'reader-a@readers.test' }])
    expect(((await payload.findByID({ collection: 'readers', id: readerB.id })) as Json).name).toBe('reader-b')
  })

  it('nobody raises their own plan: sign-up, PATCH and GraphQL all keep the plan free', async () => {
    const signUpREST = await app.rest.post('/readers', {
      body: {
        email: 'sneaky@readers.test',
        password: 'sneaky-pass-1',
        subscription: { currentPeriodEnd: null, plan: 'premium', status: 'active' },
      },
    })
    expect(signUpREST.status).toBe(201)
    expect(signUpREST.json.doc.subscription).toEqual({ plan: 'free', status: 'active' })
    const signUpGQL = await app.graphql(
      'mutation { createReader(data: { email: "sneaky2@readers.test", password: "sneaky-pass-1", subscription: { plan: premium, status: active } }) { subscription { plan } } }',
    )
    expect(signUpGQL.data.createReader.subscription.plan).toBe('free')

    const patched = await app.rest.patch(`/readers/${readerA.id}`, {
      body: { subscription: { currentPeriodEnd: '2099-01-01T00:00:00.000Z', plan: 'premium', status: 'active' } },
      token: readerA.token,
    })
    expect(patched.status).toBe(403)
    const gql = await app.graphql(
      'mutation ($id: String!) { updateReader(id: $id, data: { subscription: { plan: premium, status: active, currentPeriodEnd: "2099-01-01T00:00:00.000Z" } }) { subscription { plan } } }',
      { id: readerA.id },
      { token: readerA.token },
    )
    expect(gql.errors?.[0]?.extensions?.statusCode).toBe(403)
    expect(gql.data?.updateReader ?? null).toBeNull()
    const saved = (await payload.findByID({ collection: 'readers', id: readerA.id })) as Json
    expect(saved.subscription).toEqual({ plan: 'free', status: 'active' })
  })

  it('a reader’s token opens nothing of the editors’ and leaks no password hash', async () => {
    expect((await get(readerA, '/users/me')).json.user).toBeNull()
    const me = await get(readerA, '/readers/me', { showHiddenFields: 'true' })
    expect(me.json.user.email).toBe('reader-a@readers.test')
    for (const hidden of ['hash', 'salt', 'resetPasswordToken', 'loginAttempts'])
      expect(me.json.user[hidden]).toBeUndefined()
    expect((await get(readerA, '/articles/versions')).status).toBe(403)
    expect((await get(readerA, '/comments', { where: { status: { equals: 'pending' } } })).json.docs).toEqual([])
  })

  it('account maintenance endpoints do not help an attacker: no unlocking of others, no address oracle', async () => {
    for (const collection of ['readers', 'users']) {
      const res = await app.rest.post(`/${collection}/unlock`, {
        body: { email: collection === 'users' ? EDITOR.email : 'reader-b@readers.test' },
        token: readerA.token,
      })
      expect(res.status).toBe(403)
    }
    const [known, unknown] = await Promise.all([
      app.rest.post('/readers/forgot-password', { body: { email: 'reader-b@readers.test' } }),
      app.rest.post('/readers/forgot-password', { body: { email: 'nobody-here@readers.test' } }),
    ])
    expect(known.status).toBe(200)
    expect({ status: known.status, text: known.text }).toEqual({ status: unknown.status, text: unknown.text })
  })
})

/* ===================================================================================================== */

// Former open finding F2. The contract's rules (the default) answer spam first and match "same requester" and
// "previously approved author" on the email, which these probes exploit; `hardenAgainstProbing` closes them.
describe('F2 with comments.hardenAgainstProbing: comment moderation answers are no side channel on editors-only data', () => {
  let app: NewsroomTestApp
  let payload: Payload
  let article: string
  const KNOWN = 'regular-commenter@example.org'

  beforeAll(async () => {
    app = await startNewsroomApp({
      comments: { disallowedKeys: ['casino'], floodSeconds: 60, hardenAgainstProbing: true },
    })
    payload = app.payload
    article = String(
      (await payload.create({ collection: 'articles', data: { _status: 'published', title: 'Open' } as never })).id,
    )
    const editor = { ...(await payload.find({ collection: 'users', limit: 1 })).docs[0], collection: 'users' }
    await payload.create({
      collection: 'comments',
      // Approved long ago (outside the flood window).
      data: {
        article,
        authorEmail: KNOWN,
        authorName: 'Regular',
        body: 'An old approved comment.',
        createdAt: '2024-01-01T00:00:00.000Z',
        status: 'approved',
      } as never,
      user: editor as never,
    })
  })
  afterAll(() => app?.shutdown())

  const submit = (authorEmail: string, body: string, ip: string) =>
    app.rest.post('/comments', {
      body: { article, authorEmail, authorName: 'Anyone', body },
      headers: { 'user-agent': 'probe', 'x-forwarded-for': ip },
      query: { depth: 0 },
    })

  it('hardenAgainstProbing: typing a known commenter’s email is not approved at once (no impersonation, no email membership oracle)', async () => {
    const asKnown = await submit(KNOWN, 'Posted by an impostor.', '198.51.100.1')
    const asStranger = await submit('never-seen@example.org', 'Posted by a stranger.', '198.51.100.2')
    expect(asStranger.json.doc.status).toBe('pending')
    expect(asKnown.json.doc.status).toBe(asStranger.json.doc.status)
  })

  it('hardenAgainstProbing: the flood answer does not tell whether a given email commented in the last floodSeconds', async () => {
    await submit('victim@example.org', 'The victim writes.', '198.51.100.3')
    const probeVictim = await submit('victim@example.org', 'Attacker probes.', '198.51.100.4')
    const probeOther = await submit('someone-else@example.org', 'Attacker probes.', '198.51.100.5')
    expect(probeVictim.status).toBe(201)
    expect(probeVictim.status).toBe(probeOther.status)
  })

  it('hardenAgainstProbing: the disallowed-key list cannot be probed: a flooding comment is 429 with or without a listed word', async () => {
    await submit('prober@example.org', 'First comment.', '198.51.100.6')
    const listed = await submit('prober@example.org', 'Visit my casino.', '198.51.100.6')
    const unlisted = await submit('prober@example.org', 'Visit my garden.', '198.51.100.6')
    expect(unlisted.status).toBe(429)
    expect(listed.status).toBe(unlisted.status)
  })
})

/* ===================================================================================================== */

describe('bad input: a clear 4xx, never a 500, nothing stored', () => {
  let app: NewsroomTestApp
  let payload: Payload
  let article: string
  let reader: Role & { id: string }
  let ipCounter = 0
  const headers = () => ({ 'user-agent': 'redteam', 'x-forwarded-for': `192.0.2.${++ipCounter}` })
  const commentCount = async () => (await payload.count({ collection: 'comments' })).totalDocs
  const valid = () => ({
    article,
    authorEmail: `valid-${++ipCounter}@example.org`,
    authorName: 'Valid',
    body: `Valid body ${ipCounter}.`,
  })

  beforeAll(async () => {
    app = await startNewsroomApp(
      { comments: { floodSeconds: 0 } },
      { loggingLevels: { QueryError: 'info', ValidationError: 'info' } },
    )
    payload = app.payload
    article = String(
      (
        await payload.create({
          collection: 'articles',
          data: { _status: 'published', slug: 'target', title: 'Target' } as never,
        })
      ).id,
    )
    reader = await signUp(app, 'bad-input@readers.test', { plan: 'free', status: 'active' })
  })
  afterAll(() => app?.shutdown())

  it('malformed ids: 404 on REST and GraphQL, 400 with a message on print, PDF and email', async () => {
    for (const apiPath of ['/articles/zzz', '/comments/zzz', '/videos/not-an-id', '/articles/%E2%80%AE'] as const) {
      const res = await app.rest.get(apiPath)
      expect(res.status).toBe(404)
      expect(res.json).toEqual({ errors: [{ message: 'Not Found' }] })
    }
    const gql = await app.graphql('{ Article(id: "zzz") { title } Comment(id: "zzz") { body } }')
    expect(gql.errors?.map((e) => e.extensions?.statusCode)).toEqual([404, 404])
    for (const suffix of ['print', 'pdf']) {
      const res = await app.rest.get(`/articles/zz$z/${suffix}`)
      expect(res.status).toBe(400)
      expect(res.json).toEqual({ errors: [{ message: 'The article must be given by its id or its slug.' }] })
    }
    const mail = await app.rest.post('/articles/zz$z/email', { body: { senderName: 'A', to: 'a@example.com' } })
    expect(mail.status).toBe(400)
    expect((await app.rest.get(`/articles/${'a'.repeat(201)}/print`)).status).toBe(400)
  })

  it('malformed ids inside where: a 400 naming the path, never an error 500 or a result', async () => {
    for (const where of [
      { article: { equals: 'zzz' } },
      { id: { equals: 'zzz' } },
      { article: { in: ['zzz'] } },
      { parent: { not_in: ['zzz'] }, status: { equals: 'pending' } },
    ]) {
      const res = await app.rest.get('/comments', { query: { where } })
      expect(res.status).toBe(400)
      expect(res.json.errors[0].message).toMatch(/must be a document id/)
    }
  })

  it('hostile where shapes: 300 levels of nesting and operator injection are refused 400', async () => {
    let deep: Json = { title: { equals: 'x' } }
    for (let i = 0; i < 300; i++) deep = { and: [deep] }
    const nested = await app.rest.get('/articles', { query: { where: deep } })
    expect(nested.status).toBe(400)
    expect(nested.json.errors[0].name).toBe('QueryError')
    const injected = await app.rest.get('/articles', { query: { where: { title: { $ne: 'x' } } } })
    expect(injected.status).toBe(400)
    expect(injected.json.errors[0].message).toBe('The following path cannot be queried: title.$ne')
    const regex = await app.rest.get('/articles', { query: { where: { title: { like: '(a+)+$' } } } })
    expect(regex.status).toBe(200)
    expect(regex.json.docs).toEqual([])
  })

  // Out-of-range limits are refused as GraphQL refuses them (test/bounded-lists.spec.ts).
  it('odd paging and depth: clamped or ignored, answered 200', async () => {
    for (const query of [{ depth: 1000 }, { page: -2 }, { limit: 100 }, { page: 'abc' }]) {
      const res = await app.rest.get('/articles', { query })
      expect(res.status).toBe(200)
      expect(ids(res.json.docs)).toEqual([article])
    }
    // A sort path that names no field is refused for non-editors (src/hooks/refuseUnresolvedSorts.ts).
    const unknownSort = await app.rest.get('/articles', { query: { sort: '$where' } })
    expect(unknownSort.status).toBe(400)
    expect(unknownSort.json.errors[0].message).toBe('The following path cannot be queried: $where')
  })

  it('a GraphQL alias bomb is refused by the complexity limit, not executed', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: Articles { docs { title } }`).join(' ')
    const res = await app.graphql(`{ ${aliases} }`)
    expect(res.status).toBeLessThan(500)
    expect(res.data ?? null).toBeNull()
    expect(res.errors?.[0]?.message).toMatch(/^The query exceeds the maximum complexity of 1000\./)
  })

  it('invalid JSON and a JSON array as a comment: 400, nothing stored', async () => {
    const before = await commentCount()
    const invalid = await app.rest.post('/comments', { body: '{"article": ', headers: headers() })
    expect(invalid.status).toBe(400)
    expect(invalid.json).toEqual({ errors: [{ message: 'Invalid JSON' }] })
    const array = await app.rest.post('/comments', { body: [valid()], headers: headers() })
    expect(array.status).toBe(400)
    expect(array.json.errors[0].data.errors.map((e: Json) => e.path).sort()).toEqual([
      'article',
      'authorEmail',
      'authorName',
      'body',
    ])
    expect(await commentCount()).toBe(before)
  })

  it.each([
    ['authorEmail as an array', { authorEmail: ['a@example.org'] }, 'authorEmail'],
    ['body as an object', { body: { $gt: '' } }, 'body'],
    ['authorName as an array', { authorName: ['Name'] }, 'authorName'],
    ['a body one character too long', { body: 'x'.repeat(5001) }, 'body'],
    ['a name of 101 characters', { authorName: 'n'.repeat(101) }, 'authorName'],
    ['a javascript: website', { authorUrl: 'javascript:alert(1)' }, 'authorUrl'],
    ['a website of 2,000 characters', { authorUrl: `https://example.org/${'p'.repeat(2000)}` }, 'authorUrl'],
    ['an email without a domain', { authorEmail: 'nobody@' }, 'authorEmail'],
  ])('comment with %s: 400 naming the field, nothing stored', async (_label, override, field) => {
    const before = await commentCount()
    const res = await app.rest.post('/comments', { body: { ...valid(), ...override }, headers: headers() })
    expect(res.status).toBe(400)
    expect(res.json.errors[0].name).toBe('ValidationError')
    expect(res.json.errors[0].data.errors.map((e: Json) => e.path)).toContain(field)
    expect(await commentCount()).toBe(before)
  })

  it('a GraphQL comment on a malformed article id: a field error, nothing stored', async () => {
    const before = await commentCount()
    const res = await app.graphql(
      'mutation ($data: mutationCommentInput!) { createComment(data: $data) { id } }',
      { data: { ...valid(), article: 'zzz' } },
      { headers: headers() },
    )
    expect(res.errors?.[0]).toMatchObject({ extensions: { statusCode: 400 } })
    expect(await commentCount()).toBe(before)
  })

  it('control characters are stripped from a comment; unicode text survives', async () => {
    const res = await app.rest.post('/comments', {
      body: { ...valid(), authorName: 'Zoë\u0000\r\nNewline', body: 'Grüße 😀 \u0000 and a bell\u0007.' },
      headers: headers(),
      query: { depth: 0 },
    })
    expect(res.status).toBe(201)
    const saved = (await payload.findByID({ collection: 'comments', id: res.json.doc.id })) as Json
    expect(saved.authorName).toBe('Zoë Newline')
    expect(saved.body).toBe('Grüße 😀  and a bell.')
  })

  it('the email endpoint refuses wrong types, bad JSON, oversized bodies and too many recipients, queueing nothing', async () => {
    const queuedBefore = (await payload.count({ collection: 'payload-jobs' as never })).totalDocs
    const send = (body: string, contentType = 'application/json') =>
      app.rest.post(`/articles/${article}/email`, { body, headers: { ...headers(), 'content-type': contentType } })
    const wrongType = await send('to=a@example.com', 'text/plain')
    expect(wrongType.status).toBe(415)
    const badJSON = await send('{"to": ')
    expect(badJSON.status).toBe(400)
    expect(badJSON.json).toEqual({ errors: [{ message: 'The request body is not valid JSON.' }] })
    const huge = await send(JSON.stringify({ message: 'x'.repeat(20_000), senderName: 'A', to: 'a@example.com' }))
    expect(huge.status).toBe(413)
    const many = await send(
      JSON.stringify({
        senderName: 'A',
        to: ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com', 'e@example.com', 'f@example.com'],
      }),
    )
    expect(many.status).toBe(400)
    expect(many.json.errors[0].data.errors).toEqual([{ message: 'Send to at most 5 recipients at once.', path: 'to' }])
    const typed = await send(JSON.stringify({ message: { html: '<b>' }, senderName: ['A'], to: 'a@example.com' }))
    expect(typed.status).toBe(400)
    expect(typed.json.errors[0].data.errors.map((e: Json) => e.path).sort()).toEqual(['message', 'senderName'])
    expect((await payload.count({ collection: 'payload-jobs' as never })).totalDocs).toBe(queuedBefore)
  })

  it('a CR/LF in the sender name cannot inject mail headers', async () => {
    clearSentEmails()
    const res = await app.rest.post(`/articles/${article}/email`, {
      body: { senderName: 'Eve\r\nBcc: victim@example.net\r\nSubject: pwned', to: 'friend@example.com' },
      headers: headers(),
    })
    expect(res.status).toBe(202)
    await payload.jobs.run({ limit: 10 })
    expect(sentEmails).toHaveLength(1)
    expect(sentEmails[0]!.subject).not.toMatch(/[\r\n]/)
    expect(sentEmails[0]!.bcc).toEqual([])
    expect(sentEmails[0]!.to).toEqual(['friend@example.com'])
  })

  it('the report endpoint: 401 for the public, 400 for bad JSON or a non-text reason', async () => {
    const comment = await payload.create({
      collection: 'comments',
      data: { ...valid(), status: 'approved' } as never,
      user: { ...(await payload.find({ collection: 'users', limit: 1 })).docs[0], collection: 'users' } as never,
    })
    const apiPath = `/comments/${comment.id}/report` as const
    expect((await app.rest.post(apiPath, { body: { reason: 'x' } })).status).toBe(401)
    const bad = await app.rest.post(apiPath, { body: '{"reason": ', token: reader.token })
    expect(bad.status).toBe(400)
    expect(bad.json.errors[0].message).toBe('The request body is not valid JSON.')
    const typed = await app.rest.post(apiPath, { body: { reason: 42 }, token: reader.token })
    expect(typed.status).toBe(400)
    expect(typed.json.errors[0].message).toBe('`reason` must be text.')
    expect((await payload.count({ collection: 'comment-reports' as never })).totalDocs).toBe(0)
  })
})
