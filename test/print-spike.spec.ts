import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { newsroomPlugin } from '../src/index.js'
import { initPayload, type InitializedPayload } from './harness/initPayload.js'
import path from 'node:path'
import os from 'node:os'
import fs from 'node:fs'

let ctx: InitializedPayload
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'media-'))
beforeAll(async () => {
  ctx = await initPayload({
    collections: [{ slug: 'users', auth: true, fields: [] }],
    admin: { user: 'users' },
    plugins: [newsroomPlugin({ overrides: { media: { upload: { staticDir: dir, mimeTypes: ['image/*'] } } } })],
  })
})
afterAll(async () => { await ctx?.shutdown() })

const p = (text: string) => ({ type: 'paragraph', version: 1, format: '', indent: 0, direction: 'ltr', textFormat: 0, children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }] })

it('spike', async () => {
  const { payload } = ctx
  const media = await payload.create({ collection: 'media', data: { alt: 'a<b' }, file: { data: PNG, mimetype: 'image/png', name: 'x.png', size: PNG.length } })
  const video = await payload.create({ collection: 'videos', data: { title: 'V', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', _status: 'published' } as any })
  const content = { root: { type: 'root', version: 1, format: '', indent: 0, direction: 'ltr', children: [
    p('one'),
    { type: 'upload', version: 3, format: '', relationTo: 'media', value: media.id, fields: null },
    { type: 'block', version: 2, format: '', fields: { id: 'b1', blockName: '', blockType: 'videoEmbed', video: video.id, caption: 'cap' } },
    { type: 'block', version: 2, format: '', fields: { id: 'b2', blockName: '', blockType: 'paywallBreak' } },
    p('secret premium'),
  ] } }
  const art = await payload.create({ collection: 'articles', data: { title: 'T', content, premium: true, heroImage: media.id, _status: 'published' } as any })
  console.log('video', JSON.stringify(video))
  const anon = await payload.find({ collection: 'articles', where: { slug: { equals: art.slug } }, overrideAccess: false, depth: 1, joins: false, select: { title: true, slug: true, excerpt: true, content: true, teaser: true, locked: true, heroImage: true, author: true, publishedAt: true, premium: true } as any })
  console.log('anon', JSON.stringify(anon.docs[0]))
  const ed = await payload.find({ collection: 'articles', where: { slug: { equals: art.slug } }, overrideAccess: true, depth: 1, joins: false, select: { title: true, slug: true, content: true, teaser: true, locked: true, heroImage: true } as any })
  console.log('ed', JSON.stringify(ed.docs[0]))
  console.log('staticDir', payload.collections.media.config.upload.staticDir, fs.readdirSync(dir), payload.db.defaultIDType, payload.collections.articles.customIDType)
  expect(1).toBe(1)
})
