/**
 * Videos with the host's own upload collection (`mediaCollection: false`, `slugs.media`): the premium file
 * guard is added to the host's collection and combined with the host's own read access, never replacing it.
 */
import type { CollectionConfig } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { PREMIUM_VIDEO_FILE_FIELD } from '../fields/premiumVideoFileField.js'
import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import { tinyMp4 } from './helpers/media.js'

const staticDir = mkdtempSync(path.join(tmpdir(), 'newsroom-assets-'))

/** The host's upload collection: anonymous visitors never see assets marked internal. */
const assets: CollectionConfig = {
  slug: 'assets',
  access: { read: ({ req }) => (req.user ? true : { alt: { not_equals: 'internal' } }) },
  fields: [{ name: 'alt', type: 'text' }],
  upload: { mimeTypes: ['image/*', 'video/*'], staticDir },
}

let app: NewsroomTestApp
let premiumToken: string
const uploaded: Record<'internal' | 'premium' | 'public', { filename: string; id: string; url: string }> = {} as never

beforeAll(async () => {
  app = await startNewsroomApp(
    { mediaCollection: false, slugs: { media: 'assets' } },
    { collections: [assets], loggingLevels: { QueryError: 'info' } },
  )
  const data = tinyMp4()
  for (const name of ['internal', 'premium', 'public'] as const) {
    uploaded[name] = (await app.payload.create({
      collection: 'assets' as never,
      data: { alt: name } as never,
      file: { data, mimetype: 'video/mp4', name: `${name}.mp4`, size: data.length },
    })) as never
  }
  await app.payload.create({
    collection: 'readers',
    data: {
      _verified: true,
      email: 'premium@readers.test',
      password: READER_PASSWORD,
      subscription: { plan: 'premium', status: 'active' },
    } as never,
  })
  premiumToken = await app.rest.login('readers', 'premium@readers.test', READER_PASSWORD)
  await app.payload.create({
    collection: 'videos',
    data: { _status: 'published', file: uploaded.premium.id, premium: true, title: 'Premium on host assets' } as never,
  })
}, 120_000)

afterAll(async () => {
  await app?.shutdown()
  rmSync(staticDir, { force: true, recursive: true })
})

describe('premium video files in the host\u2019s upload collection', () => {
  const fileStatus = async (name: keyof typeof uploaded, token?: string) =>
    (await app.rest.get(`/assets/file/${uploaded[name].filename}`, { token })).status

  it('adds the flag field to the host collection and plays the upload', async () => {
    const video = await app.payload.find({
      collection: 'videos',
      where: { title: { equals: 'Premium on host assets' } },
    })
    expect(video.docs[0]).toMatchObject({ embedUrl: uploaded.premium.url, provider: 'upload' })
    const asset = (await app.payload.findByID({ collection: 'assets' as never, id: uploaded.premium.id })) as Record<
      string,
      unknown
    >
    expect(asset[PREMIUM_VIDEO_FILE_FIELD]).toBe(true)
  })

  it('hides the premium file from anonymous visitors and keeps the host\u2019s own rule', async () => {
    expect(await fileStatus('premium')).toBe(403)
    expect(await fileStatus('internal')).toBe(403)
    expect(await fileStatus('public')).toBe(200)
    const list = await app.rest.get('/assets')
    expect(list.json.docs.map((d: { alt: string }) => d.alt)).toEqual(['public'])
  })

  it('serves the premium file to an entitled reader (the host lets logged-in users read everything)', async () => {
    expect(await fileStatus('premium', premiumToken)).toBe(200)
    expect(await fileStatus('internal', premiumToken)).toBe(200)
  })
})
