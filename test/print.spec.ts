/**
 * Print view and PDF of articles, end to end through Payload's REST handlers:
 * content, escaping, the premium gate (rule 6 of the contract), published-only, bad ids, option switches.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { REST_GET } from '@payloadcms/next/routes'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { runWithPayloadInstance } from './harness/instanceRouting.js'
import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import {
  BOLD,
  heading,
  ITALIC,
  lexical,
  link,
  list,
  listItem,
  paragraph,
  paywallBreak,
  quote,
  rule,
  text,
  upload,
  videoBlock,
} from './helpers/lexical.js'
import { flat, parseHTML, parsePdf } from './helpers/documents.js'

const SECRET = 'PREMIUM-SECRET-BODY'
const SECRET_VIDEO = 'https://www.youtube.com/watch?v=SecretClip1'
const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-print-'))

let app: NewsroomTestApp
let tokens: { editor: string; free: string; premium: string }
let ids: { draft: string; open: string; premium: string }

type Raw = { body: Buffer; headers: Headers; status: number }

/** GET through the REST handler keeping the body as bytes (the harness client decodes text). */
const getRaw = async (apiPath: string, token?: string): Promise<Raw> => {
  const slug = apiPath.split('/').filter(Boolean)
  const request = new Request(`http://localhost:3000/api/${slug.map(encodeURIComponent).join('/')}`, {
    headers: token ? { Authorization: `JWT ${token}` } : {},
  })
  const response = await runWithPayloadInstance(app.key, () =>
    REST_GET(app.config)(request, { params: Promise.resolve({ slug }) }),
  )
  return { body: Buffer.from(await response.arrayBuffer()), headers: response.headers, status: response.status }
}

const png = (width: number, height: number, color: string) =>
  sharp({ create: { background: color, channels: 3, height, width } })
    .png()
    .toBuffer()

const createImage = async (name: string, alt: string, width: number, height: number) => {
  const data = await png(width, height, '#3366cc')
  return app.payload.create({
    collection: 'media',
    data: { alt },
    file: { data, mimetype: 'image/png', name, size: data.length },
  })
}

beforeAll(async () => {
  app = await startNewsroomApp(
    {
      articlePath: '/news/{slug}',
      overrides: { media: { upload: { mimeTypes: ['image/*', 'video/*'], staticDir: uploadDir } } },
      premium: { subscribeUrl: 'https://news.test/subscribe?from=print' },
      print: { css: 'h1 { color: #123456 }</style><script>alert("css")</script>', publisherName: 'The Daily <Test>' },
      siteUrl: 'https://news.test',
    },
    { sharp },
  )
  const { payload } = app
  const [hero, inline, poster, premiumPoster] = await Promise.all([
    createImage('hero.png', 'Hero "alt" <x>', 800, 400),
    createImage('inline.png', 'Inline', 300, 300),
    createImage('poster.png', 'Poster', 320, 180),
    createImage('premium-poster.png', 'Premium poster', 320, 180),
  ])
  const video = await payload.create({
    collection: 'videos',
    data: {
      _status: 'published',
      poster: poster.id,
      title: 'Free <clip>',
      url: 'https://www.youtube.com/watch?v=FreeClip001',
    } as never,
  })
  const premiumVideo = await payload.create({
    collection: 'videos',
    data: {
      _status: 'published',
      poster: premiumPoster.id,
      premium: true,
      title: 'Premium clip',
      url: SECRET_VIDEO,
    } as never,
  })

  const open = await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      author: 'Ann <b>Writer</b>',
      content: lexical(
        heading('h2', text('What <happened>')),
        paragraph(
          text('Moscow and '),
          text('Pyongyang', BOLD),
          text(' met '),
          text('again', ITALIC),
          text(', see '),
          link('https://example.com/report?a=1&b=2', text('the report')),
          text('.'),
        ),
        list('number', listItem(1, text('First point')), listItem(2, text('Second point'))),
        quote(text('A friendly state visit')),
        upload('media', inline.id),
        videoBlock(video.id, 'Watch the arrival'),
        rule(),
        paragraph(text('FREE-BODY-END')),
      ),
      excerpt: 'A rare visit & what it means',
      heroImage: hero.id,
      publishedAt: '2024-06-18T09:30:00.000Z',
      title: 'Putin <visits> "North Korea" & more',
    } as never,
  })
  const premium = await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(
        paragraph(text('TEASER-PART is free to read.')),
        upload('media', inline.id),
        videoBlock(video.id),
        paywallBreak(),
        paragraph(text(`${SECRET} only subscribers read.`)),
        videoBlock(premiumVideo.id, 'Premium caption'),
      ),
      heroImage: hero.id,
      premium: true,
      title: 'Premium story',
    } as never,
  })
  await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(
        paragraph(text('A free article embedding a premium video.')),
        videoBlock(premiumVideo.id, 'Premium caption'),
      ),
      title: 'Free with premium video',
    } as never,
  })
  const draft = await payload.create({
    collection: 'articles',
    data: { _status: 'draft', content: lexical(paragraph(text('Draft body'))), title: 'Draft story' } as never,
  })
  ids = { draft: String(draft.id), open: String(open.id), premium: String(premium.id) }

  await payload.create({
    collection: 'readers',
    data: { _verified: true, email: 'free@newsroom.test', password: READER_PASSWORD } as never,
  })
  await payload.create({
    collection: 'readers',
    data: {
      _verified: true,
      email: 'premium@newsroom.test',
      password: READER_PASSWORD,
      subscription: { plan: 'premium', status: 'active' },
    } as never,
  })
  tokens = {
    editor: app.editorToken,
    free: await app.rest.login('readers', 'free@newsroom.test', READER_PASSWORD),
    premium: await app.rest.login('readers', 'premium@newsroom.test', READER_PASSWORD),
  }
})

afterAll(async () => {
  await app?.shutdown()
  fs.rmSync(uploadDir, { force: true, recursive: true })
})

describe('GET /api/articles/:id/print', () => {
  it('a complete, script-free print document with the article, by slug', async () => {
    const res = await getRaw('/articles/putin-visits-north-korea-more/print')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = res.body.toString('utf8')
    const doc = await parseHTML(html)

    expect(doc.querySelectorAll('script')).toHaveLength(0)
    expect(doc.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex')
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(
      'https://news.test/news/putin-visits-north-korea-more',
    )
    expect(doc.querySelector('header.publisher')?.textContent).toBe('The Daily <Test>')
    expect(doc.querySelector('h1')?.textContent).toBe('Putin <visits> "North Korea" & more')
    expect(doc.title).toBe('Putin <visits> "North Korea" & more — The Daily <Test>')
    expect(doc.querySelector('.byline')?.textContent).toBe('By Ann <b>Writer</b> · June 18, 2024')
    expect(doc.querySelector('.excerpt')?.textContent).toBe('A rare visit & what it means')
    expect(doc.querySelector('figure.hero img')?.getAttribute('alt')).toBe('Hero "alt" <x>')
    expect(doc.querySelector('figure.hero img')?.getAttribute('src')).toMatch(/\/api\/media\/file\/hero\.png$/)

    const body = doc.querySelector('.article-body')!
    expect(body.querySelector('h2')?.textContent).toBe('What <happened>')
    expect(body.querySelector('strong')?.textContent).toBe('Pyongyang')
    expect(body.querySelector('em')?.textContent).toBe('again')
    expect(body.querySelector('a[href="https://example.com/report?a=1&b=2"]')?.textContent).toBe('the report')
    expect([...body.querySelectorAll('ol li')].map((li) => li.textContent)).toEqual(['First point', 'Second point'])
    expect(body.querySelector('blockquote')?.textContent).toBe('A friendly state visit')
    expect(body.querySelector('figure.upload img')?.getAttribute('src')).toMatch(/inline\.png$/)
    const video = body.querySelector('figure.newsroom-video')!
    expect(video.querySelector('a')?.getAttribute('href')).toContain('FreeClip001')
    expect(video.querySelector('img')?.getAttribute('src')).toMatch(/poster\.png$/)
    expect(video.textContent).toContain('Free <clip>')
    expect(video.querySelector('figcaption')?.textContent).toBe('Watch the arrival')
    expect(body.querySelector('hr')).not.toBeNull()
    expect(body.textContent).toContain('FREE-BODY-END')
    expect(doc.querySelector('.subscribe-notice')).toBeNull()
    expect(doc.querySelector('footer.source a')?.getAttribute('href')).toBe(
      'https://news.test/news/putin-visits-north-korea-more',
    )
  })

  it('adds the host CSS inside its own style element, unable to close it', async () => {
    const doc = await parseHTML((await getRaw(`/articles/${ids.open}/print`)).body.toString('utf8'))
    const styles = [...doc.querySelectorAll('style')].map((s) => s.textContent)
    expect(styles).toHaveLength(2)
    expect(styles[0]).toContain('@page')
    expect(styles[1]).toContain('h1 { color: #123456 }')
    expect(doc.querySelectorAll('script')).toHaveLength(0)
  })

  it('finds the article by id as well as by slug', async () => {
    const byId = await parseHTML((await getRaw(`/articles/${ids.open}/print`)).body.toString('utf8'))
    expect(byId.querySelector('h1')?.textContent).toBe('Putin <visits> "North Korea" & more')
  })

  it.each([
    ['anonymous', undefined],
    ['a free reader', 'free'],
  ] as const)(
    'a locked article printed by %s: teaser + subscribe notice, never the premium body',
    async (_who, role) => {
      const html = (await getRaw(`/articles/premium-story/print`, role ? tokens[role] : undefined)).body.toString(
        'utf8',
      )
      const doc = await parseHTML(html)
      expect(doc.querySelector('.article-body')?.textContent).toContain('TEASER-PART is free to read.')
      // Teaser images and videos are filled in with the requester's own access.
      expect(doc.querySelector('.article-body figure.upload img')?.getAttribute('src')).toMatch(/inline\.png$/)
      expect(doc.querySelector('.article-body figure.newsroom-video a')?.getAttribute('href')).toContain('FreeClip001')
      expect(doc.querySelector('.subscribe-notice a')?.getAttribute('href')).toBe(
        'https://news.test/subscribe?from=print',
      )
      for (const secret of [SECRET, 'SecretClip1', 'Premium caption', 'premium-poster'])
        expect(html).not.toContain(secret)
    },
  )

  it.each([
    ['a premium reader', 'premium'],
    ['an editor', 'editor'],
  ] as const)('%s prints the whole premium article', async (_who, role) => {
    const html = (await getRaw('/articles/premium-story/print', tokens[role])).body.toString('utf8')
    const doc = await parseHTML(html)
    expect(doc.querySelector('.article-body')?.textContent).toContain(SECRET)
    expect(doc.querySelector('.subscribe-notice')).toBeNull()
    expect(doc.querySelectorAll('.article-body figure.newsroom-video')).toHaveLength(2)
  })

  it('an unpublished article is 404 to the public, printable by editors', async () => {
    expect((await getRaw(`/articles/${ids.draft}/print`)).status).toBe(404)
    expect((await getRaw('/articles/draft-story/print', tokens.premium)).status).toBe(404)
    expect((await getRaw('/articles/draft-story/print', tokens.editor)).status).toBe(200)
  })

  it.each([
    ['an unknown slug', '/articles/no-such-story/print', 404],
    ['an unknown id', '/articles/0123456789abcdef01234567/print', 404],
    ['a malformed id', `/articles/${encodeURIComponent('<script>')}/print`, 400],
    ['an id with a path in it', `/articles/${encodeURIComponent('../users')}/print`, 400],
    ['an overlong id', `/articles/${'a'.repeat(300)}/print`, 400],
  ])('%s → %p with a message', async (_name, apiPath, status) => {
    const res = await getRaw(apiPath)
    expect(res.status).toBe(status)
    expect(JSON.parse(res.body.toString('utf8')).errors[0].message).toEqual(expect.any(String))
  })
})

describe('GET /api/articles/:id/pdf', () => {
  it('a real PDF download named after the slug, with the article content', async () => {
    const res = await getRaw('/articles/putin-visits-north-korea-more/pdf')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="putin-visits-north-korea-more\.pdf"/)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(Number(res.headers.get('content-length'))).toBe(res.body.length)
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-')

    const pdf = await parsePdf(res.body)
    const all = flat(pdf.text)
    for (const expected of [
      'THE DAILY <TEST>',
      'Putin <visits> "North Korea" & more',
      'A rare visit & what it means',
      'By Ann <b>Writer</b> · June 18, 2024',
      'What <happened>',
      'Moscow and Pyongyang met again, see the report.',
      '1. First point',
      '2. Second point',
      'A friendly state visit',
      'Video: Free <clip> — Watch the arrival',
      'FREE-BODY-END',
      'Source: The Daily <Test> — https://news.test/news/putin-visits-north-korea-more',
    ]) {
      expect(all).toContain(expected)
    }
    expect(pdf.fontsByText.get('Pyongyang')).toBe('Times-Bold')
    expect(pdf.fontsByText.get('again')).toBe('Times-Italic')
    expect(pdf.links).toEqual(
      expect.arrayContaining([
        'https://example.com/report?a=1&b=2',
        'https://news.test/news/putin-visits-north-korea-more',
      ]),
    )
    expect(pdf.links.some((url) => url.includes('FreeClip001'))).toBe(true)
    // Hero, the inline image and the video poster, read from the upload directory.
    expect(pdf.images).toBe(3)
  })

  it.each([
    ['anonymous', undefined],
    ['a free reader', 'free'],
  ] as const)(
    'a locked article exported by %s: teaser + subscribe notice, never the premium body',
    async (_who, role) => {
      const res = await getRaw(`/articles/${ids.premium}/pdf`, role ? tokens[role] : undefined)
      expect(res.status).toBe(200)
      const pdf = await parsePdf(res.body)
      const all = flat(pdf.text)
      expect(all).toContain('TEASER-PART is free to read.')
      expect(all).toContain('The rest of this article is for subscribers. Subscribe at')
      // The URL may wrap at its `?`: compare without whitespace, and through the link annotation.
      expect(all.replace(/\s/g, '')).toContain('Subscribeathttps://news.test/subscribe?from=printtoreaditinfull.')
      expect(pdf.links).toContain('https://news.test/subscribe?from=print')
      for (const secret of [SECRET, 'SecretClip1', 'Premium caption', 'Premium clip']) {
        expect(all).not.toContain(secret)
        expect(pdf.links.join(' ')).not.toContain(secret)
      }
      // Hero, the teaser's image and the free video's poster; not the premium video's poster.
      expect(pdf.images).toBe(3)
    },
  )

  it('a premium reader exports the whole premium article', async () => {
    const pdf = await parsePdf((await getRaw('/articles/premium-story/pdf', tokens.premium)).body)
    expect(flat(pdf.text)).toContain(SECRET)
    expect(flat(pdf.text)).toContain('Video: Premium clip — Premium caption')
    expect(flat(pdf.text)).not.toContain('for subscribers')
  })

  it('an unpublished article is 404 to the public; bad ids are 400', async () => {
    expect((await getRaw('/articles/draft-story/pdf')).status).toBe(404)
    expect((await getRaw(`/articles/${encodeURIComponent('a b')}/pdf`)).status).toBe(400)
  })

  it('an image whose file is gone is left out; the PDF is still made', async () => {
    const gone = await createImage('gone.png', 'Gone', 200, 100)
    await app.payload.create({
      collection: 'articles',
      data: {
        _status: 'published',
        content: lexical(paragraph(text('Words only.'))),
        heroImage: gone.id,
        title: 'Missing image story',
      } as never,
    })
    fs.rmSync(path.join(uploadDir, 'gone.png'))
    const res = await getRaw('/articles/missing-image-story/pdf')
    expect(res.status).toBe(200)
    const pdf = await parsePdf(res.body)
    expect(flat(pdf.text)).toContain('Words only.')
    expect(pdf.images).toBe(0)
  })
})

describe('a premium video inside a free article', () => {
  it('prints and exports as "for subscribers" (linking to the article), never its player URL, for the public', async () => {
    const html = (await getRaw('/articles/free-with-premium-video/print')).body.toString('utf8')
    const doc = await parseHTML(html)
    const video = doc.querySelector('.article-body figure.newsroom-video')!
    expect(video.querySelector('a')?.getAttribute('href')).toBe('https://news.test/news/free-with-premium-video')
    expect(video.textContent).toContain('Subscribers only')
    expect(html).not.toContain('SecretClip1')

    const pdf = await parsePdf((await getRaw('/articles/free-with-premium-video/pdf')).body)
    expect(flat(pdf.text)).toContain('Video: Premium clip (for subscribers) — Premium caption')
    expect(`${pdf.text} ${pdf.links.join(' ')}`).not.toContain('SecretClip1')
  })

  it('a premium reader gets the player link', async () => {
    const html = (await getRaw('/articles/free-with-premium-video/print', tokens.premium)).body.toString('utf8')
    expect(html).toContain('SecretClip1')
  })
})

describe('switches', () => {
  it('print, PDF and email can each be turned off (their routes are then 404); `disabled` removes all three', async () => {
    const partial = await startNewsroomApp({ print: { email: false, pdf: true, print: false } })
    const disabled = await startNewsroomApp({ disabled: true })
    try {
      for (const instance of [partial, disabled]) {
        await instance.payload.create({
          collection: 'articles',
          data: { _status: 'published', content: lexical(paragraph(text('x'))), title: 'Switch story' } as never,
        })
      }
      expect((await partial.rest.get('/articles/switch-story/print')).status).toBe(404)
      expect(
        (await partial.rest.post('/articles/switch-story/email', { body: { senderName: 'A', to: 'a@x.io' } })).status,
      ).toBe(404)
      expect((await partial.rest.get('/articles/switch-story/pdf')).headers.get('content-type')).toBe('application/pdf')
      for (const route of ['print', 'pdf'])
        expect((await disabled.rest.get(`/articles/switch-story/${route}` as `/${string}`)).status).toBe(404)
      expect(
        (await disabled.rest.post('/articles/switch-story/email', { body: { senderName: 'A', to: 'a@x.io' } })).status,
      ).toBe(404)
    } finally {
      await Promise.all([partial.shutdown(), disabled.shutdown()])
    }
  })
})
