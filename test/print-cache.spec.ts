/**
 * The PDF cache (src/print/pdf/pdfCache.ts), end to end through Payload's REST handler: a PDF drawn once is
 * served from the database (proved by changing the stored bytes), the teaser PDF and the full PDF never cross,
 * a change or deletion of the article drops its PDFs, simultaneous requests share one render, and no API reads
 * the stored PDFs. The key itself: property-tested to change with every input it is drawn from.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { REST_GET } from '@payloadcms/next/routes'
import fc from 'fast-check'
import { createLocalReq } from 'payload'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { resolveOptions } from '../src/defaults.js'
import { fontStackFingerprint } from '../src/print/fonts/fontFaces.js'
import { resolvePrintFonts } from '../src/print/fonts/printFontStack.js'
import { lexicalToPdfBlocks } from '../src/print/pdf/lexicalToPdfBlocks.js'
import { cachedPdf, PDF_CACHE_MAX_AGE_MS, pdfCacheKey, pdfCacheSlot } from '../src/print/pdf/pdfCache.js'
import { reconcile } from '../src/jobs/reconcile.js'
import { runWithPayloadInstance } from './harness/instanceRouting.js'
import { flat, parsePdf } from './helpers/documents.js'
import { lexical, paragraph, paywallBreak, text } from './helpers/lexical.js'
import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'

const SECRET = 'CACHED-PREMIUM-SECRET'
const CACHE = 'newsroom-pdf-cache'

let app: NewsroomTestApp
let subscriber: string
let premiumId: string

const getPdf = async (apiPath: string, token?: string) => {
  const [pathname, search = ''] = apiPath.split('?')
  const slug = pathname!.split('/').filter(Boolean)
  const request = new Request(`http://localhost:3000/api/${slug.join('/')}${search ? `?${search}` : ''}`, {
    headers: token ? { Authorization: `JWT ${token}` } : {},
  })
  const response = await runWithPayloadInstance(app.key, () =>
    REST_GET(app.config)(request, { params: Promise.resolve({ slug }) }),
  )
  return {
    body: Buffer.from(await response.arrayBuffer()),
    cache: response.headers.get('x-newsroom-pdf-cache'),
    status: response.status,
  }
}

const entries = async (article: string) =>
  (await app.payload.find({ collection: CACHE as never, limit: 100, where: { article: { equals: article } } }))
    .docs as unknown as {
    slot: string
  }[]

const createPremium = async (title: string) =>
  String(
    (
      await app.payload.create({
        collection: 'articles',
        data: {
          _status: 'published',
          content: lexical(
            paragraph(text('Free opening paragraph.')),
            paywallBreak(),
            paragraph(text(`${SECRET} for subscribers only.`)),
          ),
          title,
          visibility: 'paid',
        } as never,
      })
    ).id,
  )

beforeAll(async () => {
  app = await startNewsroomApp({ siteUrl: 'https://news.test' })
  await app.payload.create({
    collection: 'readers',
    data: {
      _verified: true,
      email: 'cache-sub@newsroom.test',
      password: READER_PASSWORD,
      subscription: { plan: 'premium', status: 'active' },
    } as never,
  })
  subscriber = await app.rest.login('readers', 'cache-sub@newsroom.test', READER_PASSWORD)
  premiumId = await createPremium('Cached premium story')
}, 120_000)
afterAll(() => app?.shutdown())

describe('pdfCacheKey', () => {
  const links = { articleHref: (s: string) => `https://news.test/${s}`, articlesSlug: 'articles', fallbackHref: '' }
  const base = (title: string, words: string, locked: boolean) => {
    const body = lexical(paragraph(text(words))) as never
    return {
      article: {
        author: null,
        body,
        canonicalUrl: 'https://news.test/a',
        excerpt: null,
        heroImage: null,
        id: 'a1',
        locked,
        publishedAt: null,
        slug: 'a',
        teaser: null,
        title,
      },
      blocks: lexicalToPdfBlocks(body, links),
      images: new Map<string, Uint8Array>(),
      settings: { fonts: resolvePrintFonts(undefined), locale: 'en', publisherName: 'P', subscribeUrl: '' },
    }
  }
  it('is the same for the same input, and differs when the title, text, audience, language or an image differs', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.boolean(),
        fc.uint8Array({ maxLength: 16, minLength: 1 }),
        (title, words, locked, bytes) => {
          const one = base(title, words, locked)
          expect(pdfCacheKey(base(title, words, locked))).toBe(pdfCacheKey(one))
          const keys = new Set([
            pdfCacheKey(one),
            pdfCacheKey(base(`${title}!`, words, locked)),
            pdfCacheKey({ ...one, blocks: base(title, `${words}!`, locked).blocks }),
            pdfCacheKey(base(title, words, !locked)),
            pdfCacheKey({ ...one, settings: { ...one.settings, locale: 'de' } }),
            pdfCacheKey({ ...one, images: new Map([['img', bytes]]) }),
            pdfCacheKey({ ...one, images: new Map([['img', Uint8Array.from(bytes, (b) => b ^ 1)]]) }),
          ])
          expect(keys.size).toBe(7)
        },
      ),
    )
  })
  it('knows the installed fonts: another font version or file is another key, the same stack the same', () => {
    const one = base('t', 'w', false)
    expect(pdfCacheKey(one, 'fonts@5.0.0')).not.toBe(pdfCacheKey(one, 'fonts@5.0.1'))
    const stacks = resolvePrintFonts(undefined)
    expect(fontStackFingerprint(stacks)).toBe(fontStackFingerprint(resolvePrintFonts(undefined)))
    expect(fontStackFingerprint(stacks)).toMatch(/@fontsource\/noto-serif@\d+\.\d+\.\d+=\d+:\d+/)
    // An explicit font file is known by its size and modification time.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-font-')), 'Font.ttf')
    fs.writeFileSync(file, 'twelve bytes')
    const { mtimeMs } = fs.statSync(file)
    expect(fontStackFingerprint({ ...stacks, serif: [{ regular: file }] })).toContain(`=12:${Math.round(mtimeMs)}`)
  })

  it('slots are per article, audience and language', () => {
    const { article } = base('t', 'w', true)
    expect(pdfCacheSlot(article, 'en')).toBe('a1|teaser|en')
    expect(pdfCacheSlot({ ...article, locked: false }, 'de')).toBe('a1|full|de')
  })
  it('is on by default (8 MB), can be capped lower and switched off', () => {
    expect(resolveOptions({}).print.pdfCache).toEqual({ maxBytes: 8 * 2 ** 20 })
    expect(resolveOptions({ print: { pdfCache: { maxBytes: 1000 } } }).print.pdfCache).toEqual({ maxBytes: 1000 })
    expect(resolveOptions({ print: { pdfCache: { maxBytes: 1e12 } } }).print.pdfCache).toEqual({
      maxBytes: 8 * 2 ** 20,
    })
    expect(resolveOptions({ print: { pdfCache: false } }).print.pdfCache).toBe(false)
  })
})

describe('GET /api/articles/:id/pdf through the PDF cache', () => {
  it('draws once, then serves the stored PDF; teaser and full PDFs are separate entries that never cross', async () => {
    const first = await getPdf(`/articles/${premiumId}/pdf`)
    expect(first.status).toBe(200)
    expect(first.cache).toBe('miss')
    const again = await getPdf(`/articles/${premiumId}/pdf`)
    expect(again.cache).toBe('hit')
    expect(again.body.equals(first.body)).toBe(true)
    expect(flat((await parsePdf(again.body)).text)).not.toContain(SECRET)

    const full = await getPdf(`/articles/${premiumId}/pdf`, subscriber)
    expect(full.cache).toBe('miss')
    expect(flat((await parsePdf(full.body)).text)).toContain(SECRET)
    expect((await getPdf(`/articles/${premiumId}/pdf`, subscriber)).cache).toBe('hit')
    // After the full PDF was stored, an anonymous reader still gets the teaser PDF.
    const anonymous = await getPdf(`/articles/${premiumId}/pdf`)
    expect(anonymous.cache).toBe('hit')
    expect(flat((await parsePdf(anonymous.body)).text)).not.toContain(SECRET)
    expect((await entries(premiumId)).map((e) => e.slot).sort()).toEqual([
      `${premiumId}|full|en`,
      `${premiumId}|teaser|en`,
    ])
  }, 120_000)

  it('a hit is read from the database (changed stored bytes come back), a changed article is drawn anew', async () => {
    const id = await createPremium('Stored bytes story')
    await getPdf(`/articles/${id}/pdf`)
    const marker = Buffer.from('%PDF-1.7 stored-by-the-cache')
    await app.payload.db.updateOne({
      collection: CACHE,
      data: { pdf: marker.toString('base64') },
      req: undefined,
      where: { article: { equals: id } },
    })
    expect((await getPdf(`/articles/${id}/pdf`)).body.equals(marker)).toBe(true)

    await app.payload.update({ collection: 'articles', data: { title: 'Stored bytes story, updated' }, id })
    expect(await entries(id)).toEqual([])
    const redrawn = await getPdf(`/articles/${id}/pdf`)
    expect(redrawn.cache).toBe('miss')
    expect(flat((await parsePdf(redrawn.body)).text)).toContain('Stored bytes story, updated')
  }, 120_000)

  it('simultaneous requests for a cold PDF share one render and leave one entry', async () => {
    const id = await createPremium('Hot story')
    const answers = await Promise.all(Array.from({ length: 8 }, () => getPdf(`/articles/${id}/pdf`)))
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200))
    for (const a of answers) expect(a.body.equals(answers[0]!.body)).toBe(true)
    expect(await entries(id)).toHaveLength(1)
  }, 120_000)

  it('cachedPdf: one render for identical inputs asked at once, none once stored', async () => {
    const options = resolveOptions({})
    let renders = 0
    const direct = await createPremium('Direct')
    const input = {
      article: { id: direct, locked: true, title: 'Direct' } as never,
      blocks: [],
      images: new Map(),
      settings: { locale: 'en', publisherName: 'P', subscribeUrl: '' },
    }
    const render = async () => {
      renders++
      await new Promise((resolve) => setTimeout(resolve, 50))
      return { missing: [0x1d11e], pdf: Buffer.from('%PDF-direct') }
    }
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => cachedPdf(app.payload, options, input, 'en', render)),
    )
    expect(renders).toBe(1)
    expect(answers.map((a) => a.cache)).toEqual(Array(5).fill('miss'))
    const stored = await cachedPdf(app.payload, options, input, 'en', render)
    expect(renders).toBe(1)
    expect(stored).toEqual({ cache: 'hit', missing: [0x1d11e], pdf: Buffer.from('%PDF-direct') })
    const off = await cachedPdf(
      app.payload,
      { ...options, print: { ...options.print, pdfCache: false } },
      input,
      'en',
      render,
    )
    expect([off.cache, renders]).toEqual(['off', 2])
    const capped = { ...options, print: { ...options.print, pdfCache: { maxBytes: 4 } } }
    await cachedPdf(app.payload, capped, { ...input, settings: { ...input.settings, locale: 'fr' } }, 'fr', render)
    expect(await entries(direct)).toHaveLength(1)
  }, 120_000)

  it('cachedPdf: an entry is found by its key, not its slot: another image or font file is drawn anew', async () => {
    const options = resolveOptions({})
    let renders = 0
    const id = await createPremium('Keyed')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-font-'))
    const fontFile = (name: string, bytes: string) => {
      fs.writeFileSync(path.join(dir, name), bytes)
      return { ...resolvePrintFonts(undefined), serif: [{ regular: path.join(dir, name) }] }
    }
    const input = {
      article: { id, locked: true, title: 'Keyed' } as never,
      blocks: [],
      images: new Map([['photo', Uint8Array.from([1, 2, 3])]]),
      settings: { fonts: fontFile('A.ttf', 'twelve bytes'), locale: 'en', publisherName: 'P', subscribeUrl: '' },
    }
    const render = async () => ({ missing: [], pdf: Buffer.from(`%PDF-keyed-${++renders}`) })
    const storedKeys = async () => {
      const { docs } = await app.payload.db.find({
        collection: CACHE,
        req: undefined,
        where: { article: { equals: id } },
      })
      return (docs as unknown as { key: string }[]).map((d) => d.key)
    }

    await cachedPdf(app.payload, options, input, 'en', render)
    // The key the endpoint stores is drawn with the installed fonts' fingerprint, not just the stack's names.
    expect(await storedKeys()).toEqual([pdfCacheKey(input, fontStackFingerprint(input.settings.fonts))])
    expect((await cachedPdf(app.payload, options, input, 'en', render)).cache).toBe('hit')

    // Same article, audience and language (one slot): a replaced photo is another PDF, never the stored one.
    const newPhoto = { ...input, images: new Map([['photo', Uint8Array.from([1, 2, 4])]]) }
    const redrawn = await cachedPdf(app.payload, options, newPhoto, 'en', render)
    expect([redrawn.cache, redrawn.pdf.toString()]).toEqual(['miss', '%PDF-keyed-2'])
    // Another font file (another size): another PDF too; each time the slot's one entry is replaced.
    const newFont = { ...newPhoto, settings: { ...newPhoto.settings, fonts: fontFile('B.ttf', 'thirteen bytes') } }
    expect((await cachedPdf(app.payload, options, newFont, 'en', render)).cache).toBe('miss')
    expect(await storedKeys()).toEqual([pdfCacheKey(newFont, fontStackFingerprint(newFont.settings.fonts))])
    expect(renders).toBe(3)
  }, 120_000)

  it('a draft saved over the published article keeps its PDFs; unpublishing drops them', async () => {
    const id = await createPremium('Draft over published')
    await getPdf(`/articles/${id}/pdf`)
    await app.payload.update({ collection: 'articles', data: { title: 'Work in progress' }, draft: true, id })
    expect(await entries(id)).toHaveLength(1)
    expect((await getPdf(`/articles/${id}/pdf`)).cache).toBe('hit')
    await app.payload.update({ collection: 'articles', data: { _status: 'draft' }, id })
    expect(await entries(id)).toEqual([])
    expect((await getPdf(`/articles/${id}/pdf`)).status).toBe(404)
  }, 120_000)

  it('a PDF whose article was unpublished while it was drawn is not kept', async () => {
    const id = await createPremium('Retracted while drawn')
    const options = resolveOptions({})
    const input = {
      article: { id, locked: true, title: 'Retracted while drawn' } as never,
      blocks: [],
      images: new Map(),
      settings: { locale: 'en', publisherName: 'P', subscribeUrl: '' },
    }
    const answer = await cachedPdf(app.payload, options, input, 'en', async () => {
      // The editor unpublishes it meanwhile (its hook finds nothing stored yet).
      await app.payload.update({ collection: 'articles', data: { _status: 'draft' }, id })
      return { missing: [], pdf: Buffer.from('%PDF-retracted') }
    })
    expect(answer.cache).toBe('miss')
    expect(await entries(id)).toEqual([])
  }, 120_000)

  it('without host localization, ?locale= does not make new documents (one entry, then hits)', async () => {
    const id = await createPremium('Locale flood')
    const answers = []
    for (const n of [1, 2, 3]) answers.push(await getPdf(`/articles/${id}/pdf?locale=en-x-${n}`))
    expect(answers.map((a) => a.cache)).toEqual(['miss', 'hit', 'hit'])
    expect(await entries(id)).toHaveLength(1)
  }, 120_000)

  it('deleting the article deletes its PDFs', async () => {
    const id = await createPremium('Deleted story')
    await getPdf(`/articles/${id}/pdf`)
    await getPdf(`/articles/${id}/pdf`, subscriber)
    expect(await entries(id)).toHaveLength(2)
    await app.payload.delete({ collection: 'articles', id })
    expect(await entries(id)).toEqual([])
  }, 120_000)

  it('the reconcile job deletes entries not drawn again within 30 days, and keeps the others', async () => {
    const [old, fresh] = [await createPremium('Old story'), await createPremium('Fresh story')]
    for (const id of [old, fresh]) await getPdf(`/articles/${id}/pdf`)
    const now = new Date()
    const longAgo = new Date(now.getTime() - PDF_CACHE_MAX_AGE_MS - 60_000).toISOString()
    await app.payload.db.updateOne({
      collection: CACHE,
      data: { storedAt: longAgo },
      req: undefined,
      where: { article: { equals: old } },
    })
    // A new PDF does not expire others on its way: only the job does.
    await getPdf(`/articles/${fresh}/pdf`, subscriber)
    expect(await entries(old)).toHaveLength(1)

    const report = await reconcile(await createLocalReq({}, app.payload), resolveOptions({}), now)
    expect(report.pdfsExpired).toBe(1)
    expect(await entries(old)).toEqual([])
    expect(await entries(fresh)).toHaveLength(2)
    expect((await getPdf(`/articles/${old}/pdf`)).cache).toBe('miss')
  }, 120_000)

  it('no API reads the stored PDFs, not even an editor (REST, GraphQL schema, Local API without overrideAccess)', async () => {
    const rest = await app.rest.get(`/${CACHE}`, { token: app.editorToken })
    expect(rest.status).toBe(403)
    const editor = (await app.payload.find({ collection: 'users', limit: 1 })).docs[0]
    await expect(
      app.payload.find({ collection: CACHE as never, overrideAccess: false, user: editor }),
    ).rejects.toMatchObject({ status: 403 })
    const schema = await app.graphql('{ __schema { queryType { fields { name } } } }', { token: app.editorToken })
    const names = (schema.data?.__schema.queryType.fields ?? []).map((f: { name: string }) => f.name)
    expect(names.length).toBeGreaterThan(0)
    expect(names.filter((n: string) => /pdf/i.test(n))).toEqual([])
  }, 120_000)
})
