/**
 * The plugin beside the official templates' collections (src/plugin/hostSlugs.ts, src/access/lockOutReaders.ts):
 * the host's `media` upload collection is reused, any other clash is a NewsroomConfigError that names the slug
 * and the option resolving it (never Payload's DuplicateCollection), and the website template's `authenticated`
 * access (any logged-in user) does not let self-registered readers in.
 */
import type { Access, CollectionConfig, Config, PayloadRequest } from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildConfig } from 'payload'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { newsroomPlugin, NewsroomConfigError } from '../src/index.js'
import type { InitializedPayload } from './harness/initPayload.js'

import { initPayload } from './harness/initPayload.js'
import {
  confirmReaderEmail,
  EDITOR,
  editorsCollection,
  HARNESS_TRUSTED_PROXIES,
  READER_PASSWORD,
  startNewsroomApp,
} from './helpers/newsroomApp.js'

const staticDir = mkdtempSync(path.join(tmpdir(), 'newsroom-host-media-'))
afterAll(() => rmSync(staticDir, { force: true, recursive: true }))

/** A 1×1 transparent PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

/** templates/blank/src/collections/Media.ts (3.x), with the files in a temporary directory. */
const blankMedia: CollectionConfig = {
  slug: 'media',
  access: { read: () => true },
  fields: [{ name: 'alt', type: 'text', required: true }],
  upload: { staticDir },
}

/** Only the plugin's config step runs; Payload's own checks (DuplicateCollection among them) come after it. */
const configWith = (host: Partial<Config>, options: Parameters<typeof newsroomPlugin>[0] = {}) =>
  buildConfig({
    collections: [editorsCollection, ...(host.collections ?? [])],
    db: mongooseAdapter({ url: 'mongodb://127.0.0.1:1/never-connected' }),
    globals: host.globals,
    plugins: [newsroomPlugin(options)],
    secret: 'host-slugs',
    telemetry: false,
  })

describe('the host already has an upload collection at `slugs.media` (every official template)', () => {
  let app: NewsroomTestApp

  beforeAll(async () => {
    app = await startNewsroomApp({}, { collections: [blankMedia] })
  }, 120_000)
  afterAll(() => app?.shutdown())

  it('reuses it, unchanged but for the premium file guard, and relates hero images to it', async () => {
    const media = app.payload.collections.media.config
    expect(media.admin.group).toBeUndefined()
    expect(media.fields.find((f) => 'name' in f && f.name === 'alt')).toMatchObject({ required: true })
    const image = await app.payload.create({
      collection: 'media',
      data: { alt: 'A hero' },
      file: { data: PNG, mimetype: 'image/png', name: 'hero.png', size: PNG.length },
    })
    await app.payload.create({
      collection: 'articles',
      data: { _status: 'published', heroImage: image.id, slug: 'with-hero', title: 'With a hero' } as never,
    })
    const read = await app.rest.get('/articles?where[slug][equals]=with-hero&depth=1')
    expect(read.status).toBe(200)
    expect(read.json.docs[0].heroImage).toMatchObject({ alt: 'A hero', id: image.id })
  })
})

describe('clashes the plugin refuses, with the option that resolves them', () => {
  const notUpload = (slug: string): CollectionConfig => ({ slug, fields: [{ name: 'title', type: 'text' }] })
  const ours: [slug: string, resolves: RegExp][] = [
    ['articles', /`slugs\.articles`/],
    ['comments', /`slugs\.comments`/],
    ['videos', /`slugs\.videos`/],
    ['readers', /`slugs\.readers`/],
    ['comment-reports', /`slugs\.commentReports`/],
    ['newsroom-email-log', /Rename your collection/],
    ['newsroom-deliveries', /Rename your collection/],
  ]

  it('any of our slugs taken by a host collection, upload or not (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ours), fc.boolean(), async ([slug, resolves], upload) => {
        const host = { ...notUpload(slug), ...(upload ? { upload: { staticDir } } : {}) }
        const error = await configWith({ collections: [host] }).then(
          () => undefined,
          (e: unknown) => e,
        )
        expect(error).toBeInstanceOf(NewsroomConfigError)
        expect((error as Error).message).toContain(`"${slug}"`)
        expect((error as Error).message).toMatch(resolves)
      }),
      { numRuns: 30 },
    )
  })

  it('a host `media` that is not an upload collection names `slugs.media` (through Payload’s init)', async () => {
    await expect(startNewsroomApp({}, { collections: [notUpload('media')] })).rejects.toThrow(
      /collection "media" is not an upload collection.*`slugs\.media`/,
    )
  })

  it('`overrides.media` while the host’s media is reused', async () => {
    await expect(
      configWith({ collections: [blankMedia] }, { overrides: { media: { admin: { group: 'X' } } } }),
    ).rejects.toThrow(/`overrides\.media` is set, but the host's own upload collection "media"/)
  })

  it('two of our slugs set to the same name, and our global taken', async () => {
    await expect(configWith({}, { slugs: { videos: 'articles' } })).rejects.toThrow(
      /`slugs\.videos` and `slugs\.articles` are both "articles"/,
    )
    await expect(configWith({}, { slugs: { media: 'videos' } })).rejects.toThrow(/`slugs\.media` is "videos"/)
    await expect(configWith({ globals: [{ slug: 'discussion-settings', fields: [] }] })).rejects.toThrow(
      /global "discussion-settings"/,
    )
  })

  it('renaming resolves it: the host keeps its collection and the plugin takes the new slug', async () => {
    const config = await configWith({ collections: [notUpload('articles')] }, { slugs: { articles: 'stories' } })
    expect(config.collections.filter((c) => c.slug === 'articles')).toHaveLength(1)
    expect(config.collections.some((c) => c.slug === 'stories')).toBe(true)
  })
})

describe('the website template’s access (`authenticated`: any logged-in user) and self-registered readers', () => {
  const authenticated = ({ req }: { req: PayloadRequest }): boolean => Boolean(req.user)
  const authenticatedOrPublished: Access = ({ req }) => (req.user ? true : { _status: { equals: 'published' } })
  /** templates/website (3.x): Users, Media and Pages as far as access goes; a host collection meant for readers. */
  const websiteUsers: CollectionConfig = {
    ...editorsCollection,
    access: {
      admin: authenticated,
      create: authenticated,
      delete: authenticated,
      read: authenticated,
      update: authenticated,
    },
  }
  const websiteMedia: CollectionConfig = {
    ...blankMedia,
    access: { create: authenticated, delete: authenticated, read: () => true, update: authenticated },
    fields: [{ name: 'alt', type: 'text' }],
  }
  const pages: CollectionConfig = {
    slug: 'pages',
    access: { create: authenticated, delete: authenticated, read: authenticatedOrPublished, update: authenticated },
    fields: [{ name: 'title', type: 'text' }],
    versions: { drafts: true },
  }
  const bookmarks: CollectionConfig = {
    slug: 'bookmarks',
    access: { create: ({ req }) => req.user?.collection === 'readers', read: () => true },
    custom: { newsroom: { readersUseOwnAccess: true } },
    fields: [{ name: 'note', type: 'text' }],
  }
  let app: InitializedPayload
  let editorToken: string
  let reader: string

  beforeAll(async () => {
    app = await initPayload({
      admin: { user: 'users' },
      collections: [websiteUsers, websiteMedia, pages, bookmarks],
      plugins: [newsroomPlugin({ trustedProxies: HARNESS_TRUSTED_PROXIES })],
    })
    await app.payload.create({ collection: 'users', data: EDITOR })
    editorToken = await app.rest.login('users', EDITOR.email, EDITOR.password)
    await app.payload.create({ collection: 'pages' as never, data: { _status: 'published', title: 'Home' } as never })
    await app.payload.create({
      collection: 'pages' as never,
      data: { _status: 'draft', title: 'Secret plan' } as never,
    })
    const signUp = await app.rest.post('/readers', { body: { email: 'eve@readers.test', password: READER_PASSWORD } })
    expect(signUp.status).toBe(201)
    await confirmReaderEmail(app, 'eve@readers.test')
    reader = await app.rest.login('readers', 'eve@readers.test', READER_PASSWORD)
  }, 120_000)
  afterAll(() => app?.shutdown())

  it('a reader cannot read, create or delete the host’s users; an editor still can', async () => {
    expect((await app.rest.get('/users', { token: reader })).status).toBe(403)
    const create = await app.rest.post('/users', {
      body: { email: 'evil@x.test', password: 'evil-password-1' },
      token: reader,
    })
    expect(create.status).toBe(403)
    expect((await app.rest.get('/users', { token: editorToken })).json.totalDocs).toBe(1)
  })

  it('a reader cannot upload into or delete from the host’s media, and reads it like anyone', async () => {
    const form = new FormData()
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'evil.png')
    form.append('_payload', JSON.stringify({ alt: 'evil' }))
    const upload = await app.rest.post('/media', { body: form, token: reader })
    expect(upload.status).toBe(403)
    expect((await app.rest.get('/media', { token: reader })).status).toBe(200)
  })

  it('to `authenticatedOrPublished` a reader is anonymous: published pages only, no edits', async () => {
    const list = await app.rest.get('/pages?draft=true', { token: reader })
    expect(list.json.docs.map((d: { title: string }) => d.title)).toEqual(['Home'])
    const edit = await app.rest.patch(`/pages/${list.json.docs[0].id}`, { body: { title: 'Pwned' }, token: reader })
    expect(edit.status).toBe(403)
  })

  it('a host collection that opts out keeps its own rule for readers', async () => {
    const created = await app.rest.post('/bookmarks', { body: { note: 'read later' }, token: reader })
    expect(created.status).toBe(201)
  })
})
