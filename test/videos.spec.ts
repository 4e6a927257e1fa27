/**
 * Videos end to end (issue #8) over the Local API, REST and GraphQL:
 * source parsing and validation on create/update (drafts too), "latest videos", the premium gate on every
 * video surface (contract rule 1 and 2) including the uploaded file and its static URL, and videos inside
 * articles (the Lexical block, related videos and articles both ways, HTML output).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { PREMIUM_VIDEO_FILE_FIELD } from '../fields/premiumVideoFileField.js'
import { newsroomHTMLConverters } from '../src/lexical/htmlConverters.js'
import { VIDEO_SOURCE_MESSAGES, VIDEO_URL_MESSAGES } from '../src/utilities/parseVideoUrl.js'
import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import { tinyMp4 } from './helpers/media.js'
import { block as lexicalBlock, lexical, paragraph } from './helpers/lexical.js'

const YT_FREE = 'aaaaaaaaaaa'
const YT_PREMIUM = 'PREMIUMid_1'

let blockCounter = 0
// Blocks with stable ids, as the editor stores them.
const block = (fields: Record<string, unknown>) =>
  lexicalBlock({ id: `65f0000000000000000000${String(++blockCounter).padStart(2, '0')}`, blockName: '', ...fields })

type Doc = Record<string, any>

let app: NewsroomTestApp
let staticDir: string
let premiumToken: string
let freeToken: string
const media: Record<'freeClip' | 'poster' | 'premiumClip' | 'spareClip', Doc> = {} as never
const videos: Record<string, Doc> = {}
const articles: Record<string, Doc> = {}

const fileName = (doc: Doc): string => doc.filename as string
const staticPath = (doc: Doc) => `/media/file/${encodeURIComponent(fileName(doc))}` as const
const fieldErrors = (json: any): Array<{ message: string; path: string }> => json?.errors?.[0]?.data?.errors ?? []

const createVideo = (data: Doc, options: { draft?: boolean } = {}) =>
  app.payload.create({ collection: 'videos', data: data as never, draft: options.draft }) as Promise<Doc>

beforeAll(async () => {
  staticDir = mkdtempSync(path.join(tmpdir(), 'newsroom-videos-'))
  app = await startNewsroomApp(
    { overrides: { media: { upload: { mimeTypes: ['image/*', 'video/*'], staticDir } } } },
    // Refused probes and field errors are expected here: keep them out of the error log
    // (GraphQL logs them under the wrapper's name, which Payload's ErrorName type does not list).
    { loggingLevels: { QueryError: 'info', ValidationError: 'info', ...({ GraphQLError: 'info' } as object) } },
  )
  const { payload } = app

  await payload.create({
    collection: 'readers',
    data: {
      _verified: true,
      email: 'premium@readers.test',
      password: READER_PASSWORD,
      subscription: { plan: 'premium', status: 'active' },
    } as never,
  })
  await payload.create({
    collection: 'readers',
    data: {
      _verified: true,
      email: 'free@readers.test',
      password: READER_PASSWORD,
      subscription: { plan: 'free', status: 'active' },
    } as never,
  })
  premiumToken = await app.rest.login('readers', 'premium@readers.test', READER_PASSWORD)
  freeToken = await app.rest.login('readers', 'free@readers.test', READER_PASSWORD)

  const png = await sharp({ create: { background: '#336699', channels: 3, height: 2, width: 2 } })
    .png()
    .toBuffer()
  const mp4 = tinyMp4()
  const upload = async (name: string, data: Buffer, mimetype: string) =>
    (await payload.create({
      collection: 'media',
      data: { alt: name } as never,
      file: { data, mimetype, name, size: data.length },
    })) as Doc
  media.poster = await upload('poster.png', png, 'image/png')
  media.premiumClip = await upload('premium-clip.mp4', mp4, 'video/mp4')
  media.freeClip = await upload('free-clip.mp4', mp4, 'video/mp4')
  media.spareClip = await upload('spare-clip.mp4', mp4, 'video/mp4')

  const published = { _status: 'published' }
  videos.oldFile = await createVideo({
    ...published,
    categories: ['news'],
    publishedAt: '2023-12-01T00:00:00.000Z',
    title: 'Old direct file',
    url: 'https://cdn.example.com/old.mp4',
  })
  videos.free = await createVideo({
    ...published,
    categories: ['news'],
    premium: false,
    publishedAt: '2024-01-01T00:00:00.000Z',
    title: 'Free YouTube',
    url: `https://youtu.be/${YT_FREE}?t=1m`,
  })
  videos.premiumYouTube = await createVideo({
    ...published,
    categories: ['news', 'sport'],
    premium: true,
    publishedAt: '2024-02-01T00:00:00.000Z',
    title: 'Premium YouTube',
    url: `https://www.youtube.com/watch?v=${YT_PREMIUM}`,
  })
  videos.premiumVimeo = await createVideo({
    ...published,
    categories: ['sport'],
    poster: media.poster.id,
    premium: true,
    publishedAt: '2024-03-01T00:00:00.000Z',
    title: 'Premium Vimeo',
    url: 'https://vimeo.com/76979871/8272103f6e',
  })
  videos.premiumUpload = await createVideo({
    ...published,
    categories: ['sport'],
    file: media.premiumClip.id,
    poster: media.poster.id,
    premium: true,
    publishedAt: '2024-04-01T00:00:00.000Z',
    title: 'Premium upload',
  })
  videos.freeUpload = await createVideo({
    ...published,
    file: media.freeClip.id,
    premium: false,
    publishedAt: '2023-06-01T00:00:00.000Z',
    title: 'Free upload',
  })
  videos.draft = await createVideo(
    {
      categories: ['news', 'sport'],
      publishedAt: '2025-01-01T00:00:00.000Z',
      title: 'Unpublished draft',
      url: 'https://vimeo.com/1',
    },
    { draft: true },
  )

  articles.free = (await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(
        paragraph('Intro'),
        block({ blockType: 'videoEmbed', caption: 'Locked <b>clip</b>', video: videos.premiumYouTube.id }),
        block({ blockType: 'videoEmbed', caption: 'Free & open', video: videos.free.id }),
        block({ blockType: 'videoEmbed', video: videos.draft.id }),
        paragraph('Outro'),
      ),
      premium: false,
      publishedAt: '2024-05-01T00:00:00.000Z',
      relatedVideos: [videos.free.id, videos.premiumYouTube.id],
      title: 'Free article with videos',
    } as never,
  })) as Doc
  articles.premium = (await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(paragraph('Teaser'), block({ blockType: 'paywallBreak' }), paragraph('SECRET premium body')),
      premium: true,
      relatedVideos: [videos.free.id],
      title: 'Premium article',
    } as never,
  })) as Doc
  articles.draft = (await payload.create({
    collection: 'articles',
    data: { relatedVideos: [videos.free.id], title: 'Draft article' } as never,
    draft: true,
  })) as Doc
}, 120_000)

afterAll(async () => {
  await app?.shutdown()
  if (staticDir) rmSync(staticDir, { force: true, recursive: true })
})

describe('source parsing and validation (issue #8.1)', () => {
  it('computes provider, providerId, a privacy-friendly embedUrl and a thumbnail from a YouTube link', () => {
    expect(videos.free).toMatchObject({
      embedUrl: `https://www.youtube-nocookie.com/embed/${YT_FREE}?start=60`,
      provider: 'youtube',
      providerId: YT_FREE,
      thumbnailUrl: `https://i.ytimg.com/vi/${YT_FREE}/hqdefault.jpg`,
    })
  })

  it('keeps the private hash of a Vimeo link in the do-not-track player, and the editor poster wins', () => {
    expect(videos.premiumVimeo).toMatchObject({
      embedUrl: 'https://player.vimeo.com/video/76979871?h=8272103f6e&dnt=1',
      provider: 'vimeo',
      providerId: '76979871',
      thumbnailUrl: media.poster.url,
    })
  })

  it('plays an uploaded file from its upload URL', () => {
    expect(videos.premiumUpload).toMatchObject({
      embedUrl: media.premiumClip.url,
      provider: 'upload',
      providerId: String(media.premiumClip.id),
      thumbnailUrl: media.poster.url,
      url: null,
    })
    expect(videos.oldFile).toMatchObject({
      embedUrl: 'https://cdn.example.com/old.mp4',
      provider: 'file',
      providerId: null,
    })
  })

  it('refuses a malformed URL over REST with a field-level 400 and stores nothing', async () => {
    const before = await app.payload.count({ collection: 'videos' })
    const res = await app.rest.post('/videos', {
      body: { _status: 'published', title: 'Bad', url: 'https://www.youtube.com/playlist?list=PL123' },
      token: app.editorToken,
    })
    expect(res.status).toBe(400)
    expect(fieldErrors(res.json)).toEqual([{ message: VIDEO_URL_MESSAGES.youtubeNotAVideo, path: 'url' }])
    expect((await app.payload.count({ collection: 'videos' })).totalDocs).toBe(before.totalDocs)
  })

  it('stores a pasted embed code as the player link read from its src, never the markup', async () => {
    const res = await app.rest.post('/videos', {
      body: {
        _status: 'published',
        title: 'Pasted embed code',
        url: '<iframe width="560" src="https://www.youtube.com/embed/bbbbbbbbbbb?si=x&amp;start=7" onload="alert(1)"></iframe>',
      },
      token: app.editorToken,
    })
    expect(res.status).toBe(201)
    expect(res.json.doc).toMatchObject({
      embedUrl: 'https://www.youtube-nocookie.com/embed/bbbbbbbbbbb?start=7',
      provider: 'youtube',
      providerId: 'bbbbbbbbbbb',
      url: 'https://www.youtube.com/embed/bbbbbbbbbbb?si=x&start=7',
    })
    // The "latest videos" tests below count the published videos.
    await app.payload.delete({ collection: 'videos', id: res.json.doc.id })
  })

  it('refuses a channel live-stream player instead of storing the id "live_stream"', async () => {
    const res = await app.rest.post('/videos', {
      body: {
        _status: 'published',
        title: 'Channel live',
        url: 'https://www.youtube.com/embed/live_stream?channel=UCabc',
      },
      token: app.editorToken,
    })
    expect(res.status).toBe(400)
    expect(fieldErrors(res.json)).toEqual([{ message: VIDEO_URL_MESSAGES.youtubeChannelLive, path: 'url' }])
  })

  it('refuses a malformed URL in a draft too (drafts skip required checks, not URL parsing)', async () => {
    const res = await app.rest.post('/videos', {
      body: { title: 'Bad draft', url: 'not a link' },
      query: { draft: 'true' },
      token: app.editorToken,
    })
    expect(res.status).toBe(400)
    expect(fieldErrors(res.json)).toEqual([{ message: VIDEO_URL_MESSAGES.unsupported, path: 'url' }])
  })

  it('lets a draft be saved without a source, but not published without one', async () => {
    const draft = await app.rest.post('/videos', {
      body: { title: 'Work in progress' },
      query: { draft: 'true' },
      token: app.editorToken,
    })
    expect(draft.status).toBe(201)
    expect(draft.json.doc).toMatchObject({ _status: 'draft', embedUrl: null, provider: null })
    const publish = await app.rest.patch(`/videos/${draft.json.doc.id}`, {
      body: { _status: 'published' },
      token: app.editorToken,
    })
    expect(publish.status).toBe(400)
    expect(fieldErrors(publish.json)).toEqual([{ message: VIDEO_SOURCE_MESSAGES.missing, path: 'url' }])
  })

  it('refuses both a URL and a file (exactly one of the two)', async () => {
    const res = await app.rest.post('/videos', {
      body: { _status: 'published', file: media.spareClip.id, title: 'Both', url: `https://youtu.be/${YT_FREE}` },
      token: app.editorToken,
    })
    expect(res.status).toBe(400)
    expect(fieldErrors(res.json)).toEqual([{ message: VIDEO_SOURCE_MESSAGES.both, path: 'url' }])
  })

  it('refuses an image as the video file and a video as the poster', async () => {
    const imageAsFile = await app.rest.post('/videos', {
      body: { _status: 'published', file: media.poster.id, title: 'Image file' },
      token: app.editorToken,
    })
    expect(imageAsFile.status).toBe(400)
    expect(fieldErrors(imageAsFile.json)).toEqual([{ message: VIDEO_SOURCE_MESSAGES.notAVideoFile, path: 'file' }])
    const videoAsPoster = await app.rest.post('/videos', {
      body: {
        _status: 'published',
        poster: media.spareClip.id,
        title: 'Video poster',
        url: `https://youtu.be/${YT_FREE}`,
      },
      token: app.editorToken,
    })
    expect(videoAsPoster.status).toBe(400)
    expect(fieldErrors(videoAsPoster.json)).toEqual([
      { message: VIDEO_SOURCE_MESSAGES.posterNotAnImage, path: 'poster' },
    ])
  })

  it('refuses a malformed URL on update and leaves the stored video unchanged', async () => {
    const res = await app.rest.patch(`/videos/${videos.free.id}`, {
      body: { url: 'https://vimeo.com/channels/staffpicks' },
      token: app.editorToken,
    })
    expect(res.status).toBe(400)
    expect(fieldErrors(res.json)).toEqual([{ message: VIDEO_URL_MESSAGES.vimeoNotAVideo, path: 'url' }])
    const stored = await app.payload.findByID({ collection: 'videos', id: videos.free.id })
    expect(stored).toMatchObject({ embedUrl: videos.free.embedUrl, url: videos.free.url })
  })

  it('ignores computed fields sent by a client and recomputes them on every change', async () => {
    const res = await app.rest.post('/videos', {
      body: {
        _status: 'published',
        embedUrl: 'https://evil.example/player',
        provider: 'file',
        providerId: 'forged',
        thumbnailUrl: 'https://evil.example/thumb.png',
        title: 'Forgery attempt',
        url: 'https://vimeo.com/channels/staffpicks/123456',
      },
      token: app.editorToken,
    })
    expect(res.status).toBe(201)
    expect(res.json.doc).toMatchObject({
      embedUrl: 'https://player.vimeo.com/video/123456?dnt=1',
      provider: 'vimeo',
      providerId: '123456',
      thumbnailUrl: null,
    })
    // Switching source: clear the URL, give a file.
    const switched = await app.rest.patch(`/videos/${res.json.doc.id}`, {
      body: { file: media.spareClip.id, url: null },
      query: { depth: 0 },
      token: app.editorToken,
    })
    expect(switched.status).toBe(200)
    expect(switched.json.doc).toMatchObject({
      embedUrl: media.spareClip.url,
      file: media.spareClip.id,
      provider: 'upload',
      url: null,
    })
    await app.payload.delete({ collection: 'videos', id: res.json.doc.id })
  })

  it('answers a malformed URL over GraphQL with the field error, not a 500', async () => {
    const res = await app.graphql(
      `mutation { createVideo(data: { title: "GQL bad", url: "ftp://example.com/a.mp4", _status: published }) { id } }`,
      undefined,
      { token: app.editorToken },
    )
    expect(res.errors?.[0]?.extensions?.statusCode).toBe(400)
    expect((res.errors?.[0]?.extensions?.data as any)?.errors).toEqual([
      { message: VIDEO_URL_MESSAGES.notHttp, path: 'url' },
    ])
  })

  it('gives a video published without a date "now" as publishedAt', async () => {
    const before = Date.now()
    const video = await createVideo({
      _status: 'published',
      title: 'Dated automatically',
      url: `https://youtu.be/${YT_FREE}`,
    })
    expect(new Date(video.publishedAt).getTime()).toBeGreaterThanOrEqual(before - 1000)
    await app.payload.delete({ collection: 'videos', id: video.id })
  })
})

describe('latest videos (issue #8.2)', () => {
  const publishedNewestFirst = () =>
    [
      videos.premiumUpload,
      videos.premiumVimeo,
      videos.premiumYouTube,
      videos.free,
      videos.oldFile,
      videos.freeUpload,
    ].map((v) => v.title)

  it('REST: published videos only, newest first by default', async () => {
    const res = await app.rest.get('/videos', { query: { depth: 0, limit: 10 } })
    expect(res.status).toBe(200)
    expect(res.json.docs.map((d: Doc) => d.title)).toEqual(publishedNewestFirst())
  })

  it('REST: the documented category query', async () => {
    const res = await app.rest.get('/videos', {
      query: { depth: 0, limit: 6, sort: '-publishedAt', where: { categories: { contains: 'sport' } } },
    })
    expect(res.status).toBe(200)
    expect(res.json.docs.map((d: Doc) => d.title)).toEqual(['Premium upload', 'Premium Vimeo', 'Premium YouTube'])
  })

  it('GraphQL: the documented category query, with locked and posters for everyone', async () => {
    const res = await app.graphql(`{
      Videos(where: { categories: { contains: "news" } }, sort: "-publishedAt", limit: 6) {
        docs { title provider premium locked embedUrl thumbnailUrl poster { url } publishedAt }
      }
    }`)
    expect(res.errors).toBeUndefined()
    expect(res.data.Videos.docs).toEqual([
      expect.objectContaining({
        embedUrl: null,
        locked: true,
        poster: null,
        provider: 'youtube',
        thumbnailUrl: null,
        title: 'Premium YouTube',
      }),
      expect.objectContaining({
        embedUrl: videos.free.embedUrl,
        locked: false,
        thumbnailUrl: videos.free.thumbnailUrl,
        title: 'Free YouTube',
      }),
      expect.objectContaining({ embedUrl: 'https://cdn.example.com/old.mp4', locked: false, title: 'Old direct file' }),
    ])
  })

  it('REST and GraphQL: `equals` on categories is the exact (indexed) match, `contains` a case-insensitive substring', async () => {
    const exact = await app.rest.get('/videos', {
      query: { depth: 0, limit: 6, sort: '-publishedAt', where: { categories: { equals: 'sport' } } },
    })
    expect(exact.json.docs.map((d: Doc) => d.title)).toEqual(['Premium upload', 'Premium Vimeo', 'Premium YouTube'])
    const gql = await app.graphql(
      `{ Videos(where: { categories: { equals: "news" } }, sort: "-publishedAt", limit: 6) { docs { title } } }`,
    )
    expect(gql.data.Videos.docs.map((d: Doc) => d.title)).toEqual([
      'Premium YouTube',
      'Free YouTube',
      'Old direct file',
    ])
    const partial = await app.rest.get('/videos', { query: { depth: 0, where: { categories: { equals: 'SPO' } } } })
    expect(partial.json.docs).toEqual([])
    const substring = await app.rest.get('/videos', { query: { depth: 0, where: { categories: { contains: 'SPO' } } } })
    expect(substring.json.docs).toHaveLength(3)
  })

  it('GraphQL: limit caps the strip', async () => {
    const res = await app.graphql(`{ Videos(sort: "-publishedAt", limit: 2) { docs { title } totalDocs } }`)
    expect(res.data.Videos.docs.map((d: Doc) => d.title)).toEqual(publishedNewestFirst().slice(0, 2))
    expect(res.data.Videos.totalDocs).toBe(publishedNewestFirst().length)
  })

  it('has database indexes for the newest-first listing, with and without a category', async () => {
    const indexes = await (app.payload.db as any).collections.videos.listIndexes()
    const keys = indexes.map((index: { key: Record<string, number> }) => Object.keys(index.key).join(','))
    expect(keys).toEqual(expect.arrayContaining(['_status,publishedAt', 'categories,_status,publishedAt']))
  })
})

describe('premium videos follow the article gate (issue #8.3, contract rule 1 and 2)', () => {
  const playable = ['url', 'file', 'embedUrl', 'providerId'] as const

  it.each([
    ['anonymous', undefined],
    ['a free reader', () => freeToken],
  ])('REST: %s gets a locked premium video without playable URLs, poster still visible', async (_who, token) => {
    const res = await app.rest.get(`/videos/${videos.premiumVimeo.id}`, { token: token?.() })
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ locked: true, thumbnailUrl: media.poster.url, title: 'Premium Vimeo' })
    for (const field of playable) expect(res.json[field]).toBeNull()
    expect(res.json.poster).toMatchObject({ url: media.poster.url })
    expect(res.text).not.toContain('8272103f6e')
  })

  it('REST: a locked YouTube video without a poster does not leak its id through the thumbnail', async () => {
    const res = await app.rest.get(`/videos/${videos.premiumYouTube.id}`)
    expect(res.json).toMatchObject({ locked: true, thumbnailUrl: null })
    expect(res.text).not.toContain(YT_PREMIUM)
  })

  it('REST: an uploaded premium file is withheld, populated or not', async () => {
    for (const depth of [0, 1]) {
      const res = await app.rest.get(`/videos/${videos.premiumUpload.id}`, { query: { depth } })
      expect(res.json).toMatchObject({ embedUrl: null, file: null, locked: true })
      expect(res.text).not.toContain(fileName(media.premiumClip))
    }
  })

  it.each([
    ['a premium reader', () => premiumToken],
    ['an editor', () => app.editorToken],
  ])('REST: %s plays premium videos', async (_who, token) => {
    const res = await app.rest.get(`/videos/${videos.premiumUpload.id}`, { query: { depth: 1 }, token: token() })
    expect(res.json).toMatchObject({ embedUrl: media.premiumClip.url, locked: false })
    expect(res.json.file).toMatchObject({ id: media.premiumClip.id })
  })

  it('GraphQL: anonymous gets null playable fields, a premium reader the real ones', async () => {
    const query = `query($id: String!) { Video(id: $id) { locked url embedUrl providerId thumbnailUrl file { url } } }`
    const anonymous = await app.graphql(query, { id: videos.premiumYouTube.id })
    expect(anonymous.errors).toBeUndefined()
    expect(anonymous.data.Video).toEqual({
      embedUrl: null,
      file: null,
      locked: true,
      providerId: null,
      thumbnailUrl: null,
      url: null,
    })
    const premium = await app.graphql(query, { id: videos.premiumYouTube.id }, { token: premiumToken })
    expect(premium.data.Video).toMatchObject({
      embedUrl: videos.premiumYouTube.embedUrl,
      locked: false,
      providerId: YT_PREMIUM,
    })
  })

  it('Local API with overrideAccess: false applies the same gate', async () => {
    const reader = await app.payload.find({
      collection: 'readers',
      where: { email: { equals: 'free@readers.test' } },
    })
    const user = { ...reader.docs[0], collection: 'readers' }
    const doc = (await app.payload.findByID({
      collection: 'videos',
      id: videos.premiumYouTube.id,
      overrideAccess: false,
      user,
    })) as Doc
    expect(doc).toMatchObject({ embedUrl: null, locked: true, providerId: null, url: null })
  })

  it.each(['embedUrl', 'url', 'providerId', 'thumbnailUrl', 'file'])(
    'REST and GraphQL: non-entitled requesters cannot filter or sort on %s (no probing)',
    async (field) => {
      const where = await app.rest.get('/videos', { query: { where: { [field]: { exists: true } } } })
      expect(where.status).toBe(400)
      const sort = await app.rest.get('/videos', { query: { sort: field } })
      expect(sort.status).toBe(400)
      const gql = await app.graphql(`{ Videos(where: { ${field}: { exists: true } }) { docs { title } } }`)
      expect(gql.errors?.[0]?.message).toBe(`The following path cannot be queried: ${field}`)
      expect(gql.data?.Videos ?? null).toBeNull()
      const entitled = await app.rest.get('/videos', {
        query: { where: { [field]: { exists: true } } },
        token: premiumToken,
      })
      expect(entitled.status).toBe(200)
    },
  )

  // (GraphQL's where input has no nested relationship paths, so REST and the Local API are the surfaces here.)
  it('REST and Local API: gated video fields cannot be probed through an article’s related videos either', async () => {
    const rest = await app.rest.get('/articles', {
      query: { where: { 'relatedVideos.providerId': { equals: YT_PREMIUM } } },
    })
    expect(rest.status).toBe(400)
    expect(rest.json.errors[0].message).toBe('The following path cannot be queried: providerId')
    await expect(
      app.payload.find({
        collection: 'articles',
        overrideAccess: false,
        where: { 'relatedVideos.embedUrl': { like: 'nocookie' } },
      }),
    ).rejects.toThrow(/cannot be queried/)
    const entitled = await app.rest.get('/articles', {
      query: { where: { 'relatedVideos.providerId': { equals: YT_PREMIUM } } },
      token: premiumToken,
    })
    expect(entitled.json.docs.map((d: Doc) => d.title)).toEqual(['Free article with videos'])
  })

  it('REST: a select cannot drop the fields the gate needs', async () => {
    for (const select of [{ embedUrl: true }, { locked: false, premium: false, poster: false }]) {
      const res = await app.rest.get(`/videos/${videos.premiumYouTube.id}`, { query: { select } })
      expect(res.text).not.toContain(YT_PREMIUM)
      expect(res.json.locked).toBe(true)
    }
  })

  it('drafts stay editors\u2019 alone', async () => {
    const direct = await app.rest.get(`/videos/${videos.draft.id}`)
    expect(direct.status).toBe(404)
    const asDraft = await app.rest.get('/videos', {
      query: { draft: 'true', where: { title: { equals: 'Unpublished draft' } } },
    })
    expect(asDraft.json.docs).toEqual([])
    const versions = await app.rest.get('/videos/versions')
    expect(versions.status).toBe(403)
  })
})

describe('a premium video\u2019s uploaded file (media collection, static file route)', () => {
  const fetchAs = (doc: Doc, token?: string) => app.rest.get(staticPath(doc), { token })

  it('is flagged while a premium video plays it; editors cannot clear the flag by hand', async () => {
    const premium = await app.payload.findByID({ collection: 'media', id: media.premiumClip.id })
    expect(premium[PREMIUM_VIDEO_FILE_FIELD as keyof typeof premium]).toBe(true)
    const free = await app.payload.findByID({ collection: 'media', id: media.freeClip.id })
    expect(free[PREMIUM_VIDEO_FILE_FIELD as keyof typeof free]).toBe(false)
    const res = await app.rest.patch(`/media/${media.premiumClip.id}`, {
      body: { [PREMIUM_VIDEO_FILE_FIELD]: false },
      token: app.editorToken,
    })
    expect(res.status).toBe(200)
    expect(res.json.doc[PREMIUM_VIDEO_FILE_FIELD]).toBe(true)
  })

  it('is hidden from non-entitled requesters on REST, GraphQL and the static file URL', async () => {
    for (const token of [undefined, freeToken]) {
      expect((await app.rest.get(`/media/${media.premiumClip.id}`, { token })).status).toBe(404)
      const list = await app.rest.get('/media', { query: { limit: 50 }, token })
      expect(list.json.docs.map((d: Doc) => d.id)).not.toContain(media.premiumClip.id)
      const file = await fetchAs(media.premiumClip, token)
      expect(file.status).toBe(403)
      const gql = await app.graphql(`{ allMedia(limit: 50) { docs { id filename } } }`, undefined, { token })
      expect(gql.data.allMedia.docs.map((d: Doc) => d.id)).not.toContain(media.premiumClip.id)
    }
  })

  it('reaches entitled requesters, and posters and free files stay public', async () => {
    const premiumFile = await fetchAs(media.premiumClip, premiumToken)
    expect(premiumFile.status).toBe(200)
    expect(premiumFile.headers.get('content-type')).toContain('video/mp4')
    expect((await fetchAs(media.poster)).status).toBe(200)
    expect((await fetchAs(media.freeClip)).status).toBe(200)
    expect((await app.rest.get(`/media/${media.poster.id}`)).status).toBe(200)
  })

  it('follows the video: free again when it stops being premium, hidden when a premium draft uses it, public after deletion', async () => {
    const isPublic = async (doc: Doc) => (await fetchAs(doc)).status === 200
    const video = await createVideo({ _status: 'published', file: media.spareClip.id, premium: false, title: 'Spare' })
    expect(await isPublic(media.spareClip)).toBe(true)

    await app.payload.update({ collection: 'videos', data: { premium: true } as never, id: video.id })
    expect(await isPublic(media.spareClip)).toBe(false)

    await app.payload.update({ collection: 'videos', data: { premium: false } as never, id: video.id })
    expect(await isPublic(media.spareClip)).toBe(true)

    // A premium draft over the published free video: the file must not leak before publication.
    await app.rest.patch(`/videos/${video.id}`, {
      body: { premium: true },
      query: { draft: 'true' },
      token: app.editorToken,
    })
    expect(await isPublic(media.spareClip)).toBe(false)

    await app.payload.delete({ collection: 'videos', id: video.id })
    expect(await isPublic(media.spareClip)).toBe(true)
  })

  it('stays hidden while another premium video still plays it', async () => {
    const second = await createVideo({
      _status: 'published',
      file: media.premiumClip.id,
      premium: false,
      title: 'Free copy',
    })
    await app.payload.delete({ collection: 'videos', id: second.id })
    expect((await fetchAs(media.premiumClip)).status).toBe(403)
  })
})

describe('videos inside articles (issue #8.4)', () => {
  type BlockNode = { fields: { blockType: string; caption?: string; video: Doc | null | string }; type: string }
  const videoBlocks = (content: Doc): BlockNode[] =>
    content.root.children.filter((n: BlockNode) => n.type === 'block' && n.fields.blockType === 'videoEmbed')

  it('REST: the block is populated on read and gated for the requester', async () => {
    const anonymous = await app.rest.get(`/articles/${articles.free.id}`, { query: { depth: 1 } })
    expect(anonymous.status).toBe(200)
    const [locked, open, draft] = videoBlocks(anonymous.json.content)
    expect(locked.fields.video).toMatchObject({ embedUrl: null, locked: true, title: 'Premium YouTube', url: null })
    expect(open.fields.video).toMatchObject({ embedUrl: videos.free.embedUrl, locked: false })
    // A draft video is not readable by the public: the block keeps the bare id, never the document.
    expect(draft.fields.video === null || typeof draft.fields.video === 'string').toBe(true)
    expect(anonymous.text).not.toContain('Unpublished draft')
    expect(anonymous.text).not.toContain(YT_PREMIUM)

    const premium = await app.rest.get(`/articles/${articles.free.id}`, { query: { depth: 1 }, token: premiumToken })
    expect(videoBlocks(premium.json.content)[0].fields.video).toMatchObject({
      embedUrl: videos.premiumYouTube.embedUrl,
      locked: false,
    })
  })

  it('GraphQL: the block is populated at the requested depth and gated too', async () => {
    const query = `query($id: String!) { Article(id: $id) { content(depth: 1) } }`
    const anonymous = await app.graphql(query, { id: articles.free.id })
    expect(anonymous.errors).toBeUndefined()
    expect(videoBlocks(anonymous.data.Article.content)[0].fields.video).toMatchObject({ embedUrl: null, locked: true })
    expect(JSON.stringify(anonymous.data)).not.toContain(YT_PREMIUM)
    const premium = await app.graphql(query, { id: articles.free.id }, { token: premiumToken })
    expect(videoBlocks(premium.data.Article.content)[0].fields.video).toMatchObject({
      locked: false,
      providerId: YT_PREMIUM,
    })
  })

  it('renders the block as a link with poster in HTML, never linking a locked video\u2019s player', async () => {
    const anonymous = await app.rest.get(`/articles/${articles.free.id}`, { query: { depth: 1 } })
    const html = convertLexicalToHTML({ converters: newsroomHTMLConverters, data: anonymous.json.content })
    expect(html).toContain(
      `<a href="${videos.free.embedUrl}" rel="noopener noreferrer"><img src="${videos.free.thumbnailUrl}" alt="Free YouTube"`,
    )
    expect(html).toContain('<figcaption>Free &amp; open</figcaption>')
    expect(html).toContain('Premium YouTube')
    expect(html).toContain('<figcaption>Locked &lt;b&gt;clip&lt;/b&gt;</figcaption>')
    expect(html).toContain('Subscribers only')
    expect(html).not.toContain(YT_PREMIUM)
    expect(html).not.toContain('unknown node')
    expect(html).toContain('<p>Intro</p>')
  })

  it('a premium article renders its paywall break as nothing for an entitled reader', async () => {
    const res = await app.rest.get(`/articles/${articles.premium.id}`, { token: premiumToken })
    const html = convertLexicalToHTML({ converters: newsroomHTMLConverters, data: res.json.content })
    expect(html).toContain('SECRET premium body')
    expect(html).not.toContain('unknown node')
  })

  it('REST and GraphQL: an article\u2019s related videos are populated and gated', async () => {
    const res = await app.rest.get(`/articles/${articles.free.id}`, { query: { depth: 1 } })
    const related = res.json.relatedVideos as Doc[]
    expect(related.map((v) => v.title)).toEqual(['Free YouTube', 'Premium YouTube'])
    expect(related[1]).toMatchObject({ embedUrl: null, locked: true, thumbnailUrl: null })
    const gql = await app.graphql(
      `query($id: String!) { Article(id: $id) { relatedVideos { title locked embedUrl } } }`,
      { id: articles.free.id },
    )
    expect(gql.data.Article.relatedVideos).toEqual([
      { embedUrl: videos.free.embedUrl, locked: false, title: 'Free YouTube' },
      { embedUrl: null, locked: true, title: 'Premium YouTube' },
    ])
  })

  it('REST and GraphQL: a video\u2019s related articles (the other way) list published articles only, gated', async () => {
    const res = await app.rest.get(`/videos/${videos.free.id}`, { query: { depth: 1 } })
    const docs = res.json.relatedArticles.docs as Doc[]
    expect(docs.map((a) => a.title).sort()).toEqual(['Free article with videos', 'Premium article'])
    const premiumArticle = docs.find((a) => a.title === 'Premium article')!
    expect(premiumArticle).toMatchObject({ content: null, locked: true })
    expect(res.text).not.toContain('SECRET premium body')

    const gql = await app.graphql(
      `query($id: String!) { Video(id: $id) { relatedArticles { docs { title locked content } } } }`,
      { id: videos.free.id },
    )
    expect(gql.errors).toBeUndefined()
    const titles = gql.data.Video.relatedArticles.docs.map((a: Doc) => a.title).sort()
    expect(titles).toEqual(['Free article with videos', 'Premium article'])
    expect(JSON.stringify(gql.data)).not.toContain('SECRET premium body')

    const editor = await app.rest.get(`/videos/${videos.free.id}`, {
      query: { depth: 1, draft: 'true' },
      token: app.editorToken,
    })
    expect(editor.json.relatedArticles.docs.map((a: Doc) => a.title)).toContain('Draft article')
  })
})
