/** Pure parts of print / PDF: lookup, escaping, Lexical → HTML and → PDF blocks, PDF drawing (parsed back). */
import { describe, expect, it } from '@jest/globals'
import sharp from 'sharp'

import { articleLookupWhere } from '../src/print/articleLookup.js'
import { escapeHTML, escapeStyleText } from '../src/utilities/escapeHTML.js'
import { pickRendition } from '../src/print/pdf/loadPdfImages.js'
import { lexicalToPdfBlocks, type PdfBlock } from '../src/print/pdf/lexicalToPdfBlocks.js'
import { pdfImagesOf, renderArticlePdf } from '../src/print/pdf/renderArticlePdf.js'
import { toWinAnsi } from '../src/print/pdf/winAnsi.js'
import { type PrintableArticle, toPrintableArticle } from '../src/print/printableArticle.js'
import { articleUrl } from '../src/utilities/articleUrl.js'
import { pdfFilename } from '../src/print/printContext.js'
import { renderBodyHTML } from '../src/print/printHTMLConverters.js'
import { renderPrintDocument } from '../src/print/renderPrintDocument.js'
import { resolveOptions } from '../src/defaults.js'
import {
  BOLD,
  CODE,
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
  STRIKE,
  text,
  UNDERLINE,
  upload,
  videoBlock,
} from './helpers/lexical.js'
import { flat, parsePdf } from './helpers/documents.js'

const links = {
  articleHref: (slug: string) => `https://news.test/news/${slug}`,
  articlesSlug: 'articles',
  fallbackHref: 'https://news.test',
}
const settings = { css: '', locale: 'en', publisherName: 'The Daily Test', subscribeUrl: 'https://news.test/subscribe' }

const article = (overrides: Partial<PrintableArticle> = {}): PrintableArticle => ({
  author: 'Ann Writer',
  body: lexical(paragraph(text('Body text.'))),
  canonicalUrl: 'https://news.test/news/story',
  excerpt: null,
  heroImage: null,
  id: '1',
  locked: false,
  publishedAt: '2024-06-18T09:30:00.000Z',
  slug: 'story',
  teaser: null,
  title: 'A story',
  ...overrides,
})

const pngOf = (width: number, height: number) =>
  sharp({ create: { background: '#c33', channels: 3, height, width } })
    .png()
    .toBuffer()

describe('articleLookupWhere: an id or a slug, decided by shape (never a 500 on a slug)', () => {
  const objectId = '6b0a2c2c32942570680a7071'
  it.each([
    [
      'a Mongo id (also slug-shaped) → id or slug',
      objectId,
      'objectId',
      { or: [{ id: { equals: objectId } }, { slug: { equals: objectId } }] },
    ],
    ['a slug → slug only', 'putin-visits-north-korea', 'objectId', { slug: { equals: 'putin-visits-north-korea' } }],
    [
      'digits under numeric ids → number id or slug',
      '42',
      'number',
      { or: [{ id: { equals: 42 } }, { slug: { equals: '42' } }] },
    ],
    ['digits under Mongo ids → slug only', '42', 'objectId', { slug: { equals: '42' } }],
    [
      'a uuid under uuid ids',
      '0b6f2a8e-3f7b-4d2a-9a44-1f0c3d2b1a00',
      'uuid',
      {
        or: [
          { id: { equals: '0b6f2a8e-3f7b-4d2a-9a44-1f0c3d2b1a00' } },
          { slug: { equals: '0b6f2a8e-3f7b-4d2a-9a44-1f0c3d2b1a00' } },
        ],
      },
    ],
    ['custom text ids take anything as id', 'Ünïcode id', 'any', { id: { equals: 'Ünïcode id' } }],
  ] as const)('%s', (_name, param, shape, expected) => {
    expect(articleLookupWhere(param, shape)).toEqual(expected)
  })

  it.each([
    ['empty', ''],
    ['spaces', 'two words'],
    ['path', '../etc/passwd'],
    ['markup', '<script>'],
    ['too long', 'a'.repeat(201)],
    ['leading hyphen', '-x'],
  ])('malformed (%s) → null', (_name, param) => {
    expect(articleLookupWhere(param, 'objectId')).toBeNull()
  })
})

describe('escaping', () => {
  it.each([
    ['<script>alert("x")</script>', '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'],
    ["Tom & Jerry's", 'Tom &amp; Jerry&#39;s'],
    [null, ''],
    [42, '42'],
  ])('escapeHTML(%p)', (input, expected) => {
    expect(escapeHTML(input)).toBe(expected)
  })

  it.each([
    ['body{color:red}</style><script>x</script>', 'body{color:red}<\\/style><script>x</script>'],
    ['a{}</STYLE >', 'a{}<\\/STYLE >'],
    ['p::after{content:"<b>"}', 'p::after{content:"<b>"}'],
  ])('escapeStyleText keeps CSS inside its <style> (%p)', (input, expected) => {
    expect(escapeStyleText(input)).toBe(expected)
    expect(escapeStyleText(input).toLowerCase()).not.toContain('</style')
  })
})

describe('toWinAnsi: text the PDF standard fonts can show', () => {
  it.each([
    ['Latin-1 accents stay', 'Café façade Ñandú', 'Café façade Ñandú'],
    ['typographic punctuation stays', '“Quote” — ‘a’ … € •', '“Quote” — ‘a’ … € •'],
    ['letters outside Latin-1 fold to their base', 'Łódź Dvořák Őz', 'Lódz Dvorák Oz'],
    ['other scripts become ?', 'Привет', '??????'],
    ['emoji and zero-width characters disappear', 'ok 😀\u200b!', 'ok !'],
    ['arrows and tabs are spelled out', 'a→b\tc', 'a->b c'],
    ['line breaks stay', 'a\nb', 'a\nb'],
  ])('%s', (_name, input, expected) => {
    expect(toWinAnsi(input)).toBe(expected)
  })
})

describe('small helpers', () => {
  it.each([
    ['story', 'story.pdf'],
    ['../x y', 'x-y.pdf'],
    ['', 'article.pdf'],
    ['ünï', 'n.pdf'],
  ])('pdfFilename(%p) = %p', (slug, expected) => {
    expect(pdfFilename(slug)).toBe(expected)
  })

  it.each([
    [
      'siteUrl + articlePath',
      { articlePath: '/news/{slug}', siteUrl: 'https://news.test' },
      'a-b',
      'https://news.test/news/a-b',
    ],
    ['slug is URL-encoded', { articlePath: '/{slug}/', siteUrl: '' }, 'a b?', '/a%20b%3F/'],
  ])('articleUrl: %s', (_name, options, slug, expected) => {
    expect(articleUrl(options, slug)).toBe(expected)
  })

  const sizes = [
    { filename: 'a-400.jpg', url: '/f/a-400.jpg', width: 400 },
    { filename: 'a-1600.jpg', url: '/f/a-1600.jpg', width: 1600 },
    { filename: 'a-1300.jpg', url: '/f/a-1300.jpg', width: 1300 },
  ]
  it.each([
    [
      'smallest rendition at least 1200 wide',
      { filename: 'a.jpg', sizes, url: '/f/a.jpg', width: 4000 },
      '/f/a-1300.jpg',
    ],
    ['the original when it is the best fit', { filename: 'a.jpg', sizes, url: '/f/a.jpg', width: 1250 }, '/f/a.jpg'],
    [
      'the widest when all are small',
      { filename: 'a.jpg', sizes: sizes.slice(0, 1), url: '/f/a.jpg', width: 300 },
      '/f/a-400.jpg',
    ],
    ['the original when nothing is known', { filename: 'a.jpg', sizes: [], url: '/f/a.jpg', width: null }, '/f/a.jpg'],
  ])('pickRendition: %s', (_name, image, expected) => {
    expect(pickRendition(image).url).toBe(expected)
  })
})

describe('toPrintableArticle: what a requester may print', () => {
  const options = resolveOptions({ articlePath: '/news/{slug}', siteUrl: 'https://news.test/' })
  const content = lexical(paragraph(text('Free part.')), paywallBreak(), paragraph(text('Premium part.')))
  const teaser = lexical(paragraph(text('Free part.')))

  it('a locked article yields its teaser as body, never the content', () => {
    const printable = toPrintableArticle(
      { content: null, id: 'x', locked: true, premium: true, slug: 's', teaser, title: 'T' },
      options,
    )
    expect(printable.locked).toBe(true)
    expect(printable.body).toEqual(teaser)
  })

  it('a premium article whose content was withheld counts as locked even without the flag', () => {
    const printable = toPrintableArticle(
      { content: null, id: 'x', premium: true, slug: 's', teaser, title: 'T' },
      options,
    )
    expect(printable.locked).toBe(true)
    expect(JSON.stringify(printable.body)).not.toContain('Premium part')
  })

  it('an entitled read yields the whole body without paywall-break markers', () => {
    const printable = toPrintableArticle(
      { content, id: 'x', locked: false, premium: true, slug: 's', teaser, title: 'T' },
      options,
    )
    expect(printable.locked).toBe(false)
    expect(printable.body!.root.children.map((n) => n.type)).toEqual(['paragraph', 'paragraph'])
    expect(printable.canonicalUrl).toBe('https://news.test/news/s')
  })

  it('keeps an image hero, drops a non-image one', () => {
    const image = {
      alt: 'Alt',
      filename: 'h.png',
      height: 10,
      mimeType: 'image/png',
      url: '/api/media/file/h.png',
      width: 20,
    }
    expect(toPrintableArticle({ heroImage: image, id: 1, title: 'T' }, options).heroImage).toMatchObject({
      alt: 'Alt',
      collection: 'media',
      url: image.url,
    })
    expect(
      toPrintableArticle({ heroImage: { ...image, mimeType: 'video/mp4' }, id: 1, title: 'T' }, options).heroImage,
    ).toBeNull()
    expect(toPrintableArticle({ heroImage: 'an-id', id: 1, title: 'T' }, options).heroImage).toBeNull()
  })
})

describe('lexicalToPdfBlocks', () => {
  const blocksOf = (...nodes: Record<string, unknown>[]) => lexicalToPdfBlocks(lexical(...nodes) as never, links)
  const runsOf = (block: PdfBlock) => ('runs' in block ? block.runs : [])

  it('carries the text format bitmask into runs and merges neighbours that look the same', () => {
    const [block] = blocksOf(
      paragraph(
        text('plain '),
        text('more '),
        text('bold', BOLD),
        text('both', BOLD | ITALIC),
        text('u', UNDERLINE),
        text('s', STRIKE),
        text('c', CODE),
      ),
    )
    expect(runsOf(block!).map((r) => [r.text, r.bold, r.italic, r.underline, r.strike, r.code])).toEqual([
      ['plain more ', false, false, false, false, false],
      ['bold', true, false, false, false, false],
      ['both', true, true, false, false, false],
      ['u', false, false, true, false, false],
      ['s', false, false, false, true, false],
      ['c', false, false, false, false, true],
    ])
  })

  it.each([
    ['https link kept', 'https://example.com/a?b=1', 'https://example.com/a?b=1'],
    ['mailto kept', 'mailto:desk@news.test', 'mailto:desk@news.test'],
    ['javascript: dropped', 'javascript:alert(1)', null],
    ['data: dropped', 'data:text/html,x', null],
    ['fragment dropped', '#top', null],
  ])('links: %s', (_name, url, expected) => {
    const [block] = blocksOf(paragraph(link(url, text('here'))))
    expect(runsOf(block!)[0]).toMatchObject({ link: expected, text: 'here' })
  })

  it('resolves internal links to articles by slug, anything else to the site', () => {
    const internal = (relationTo: string, value: unknown) => ({
      ...link('', text('x')),
      fields: { doc: { relationTo, value }, linkType: 'internal' },
    })
    const [a] = blocksOf(paragraph(internal('articles', { id: '1', slug: 'other-story' })))
    const [b] = blocksOf(paragraph(internal('videos', { id: '1', slug: 'clip' })))
    expect(runsOf(a!)[0]!.link).toBe('https://news.test/news/other-story')
    expect(runsOf(b!)[0]!.link).toBe('https://news.test')
  })

  it('lists: ordered numbers, nested lists under their item, check boxes', () => {
    const [ordered, checks] = blocksOf(
      list(
        'number',
        listItem(1, text('one')),
        listItem(2, list('bullet', listItem(1, text('inner')))),
        listItem(2, text('two')),
      ),
      list('check', { ...listItem(1, text('done')), checked: true }, listItem(2, text('todo'))),
    )
    expect(ordered).toMatchObject({ kind: 'list', listType: 'number' })
    const items = (ordered as Extract<PdfBlock, { kind: 'list' }>).items
    expect(items.map((i) => [i.value, i.runs.map((r) => r.text).join('')])).toEqual([
      [1, 'one'],
      [2, ''],
      [2, 'two'],
    ])
    expect(items[1]!.children[0]).toMatchObject({ kind: 'list', listType: 'bullet' })
    expect((checks as Extract<PdfBlock, { kind: 'list' }>).items.map((i) => i.checked)).toEqual([true, false])
  })

  it('headings, quotes, rules; paywall breaks, unknown blocks and empty paragraphs print nothing', () => {
    const blocks = blocksOf(
      heading('h3', text('Head')),
      quote(text('Said')),
      rule(),
      paywallBreak(),
      { type: 'block', fields: { blockType: 'somethingElse' } },
      paragraph(),
      paragraph(text('   ')),
      { type: 'mystery', children: [text('kept text')] },
    )
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'quote', 'rule', 'paragraph'])
    expect(blocks[0]).toMatchObject({ level: 3 })
    expect(runsOf(blocks[3]!)[0]!.text).toBe('kept text')
  })

  it('uploads: populated images become image blocks, other files a link, bare ids nothing', () => {
    const image = {
      alt: 'A',
      filename: 'a.png',
      height: 5,
      mimeType: 'image/png',
      url: '/api/media/file/a.png',
      width: 5,
    }
    const file = { filename: 'report.pdf', mimeType: 'application/pdf', url: '/api/media/file/report.pdf' }
    const blocks = blocksOf(upload('media', image), upload('media', file), upload('media', 'an-id'))
    expect(blocks).toHaveLength(2)
    expect(blocks[0]).toMatchObject({ image: { collection: 'media', url: image.url }, kind: 'image' })
    expect(runsOf(blocks[1]!)[0]).toMatchObject({ link: file.url, text: 'report.pdf' })
  })

  it('videos: poster + link when readable, "for subscribers" when locked, nothing when not populated', () => {
    const blocks = blocksOf(
      videoBlock({ thumbnailUrl: 'https://img.test/p.jpg', title: 'Clip', url: 'https://youtu.be/abc' }, 'Cap'),
      videoBlock({ embedUrl: null, locked: true, thumbnailUrl: null, title: 'Premium clip', url: null }),
      videoBlock('an-id'),
    )
    expect(blocks).toHaveLength(2)
    expect(blocks[0]).toMatchObject({
      kind: 'video',
      poster: { url: 'https://img.test/p.jpg' },
      video: { caption: 'Cap', title: 'Clip', url: 'https://youtu.be/abc' },
    })
    expect(blocks[1]).toMatchObject({ kind: 'video', poster: null, video: { locked: true, url: null } })
  })
})

describe('renderBodyHTML: Payload converters + the plugin blocks, escaped', () => {
  const html = (...nodes: Record<string, unknown>[]) =>
    renderBodyHTML(lexical(...nodes) as never, links, { lockedVideoHref: 'https://news.test/news/story' })

  it('escapes text and neutralises script links', () => {
    const out = html(paragraph(text('<img src=x onerror=alert(1)>'), link('javascript:alert(1)', text('click'))))
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(out).not.toContain('<img src=x')
    expect(out).not.toContain('javascript:')
  })

  it('videos print as poster + link; a locked one links to the article; unreadable ones vanish', () => {
    const out = html(
      videoBlock({ thumbnailUrl: 'https://img.test/p.jpg', title: 'Clip "1"', url: 'https://youtu.be/abc' }),
      videoBlock({ locked: true, thumbnailUrl: 'https://img.test/q.jpg', title: 'Locked', url: null }),
      videoBlock('an-id'),
    )
    expect(out).toContain('href="https://youtu.be/abc"')
    expect(out).toContain('src="https://img.test/p.jpg"')
    expect(out).toContain('Clip &quot;1&quot;')
    expect(out).toContain('href="https://news.test/news/story"')
    expect(out.match(/<figure/g)).toHaveLength(2)
  })

  it('paywall breaks, unknown blocks and unpopulated uploads print nothing (never "unknown node")', () => {
    const out = html(
      paragraph(text('a')),
      paywallBreak(),
      { type: 'block', fields: { blockType: 'x' } },
      upload('media', 'an-id'),
      paragraph(text('b')),
    )
    expect(out).toBe('<div class="article-body"><p>a</p><p>b</p></div>')
  })

  it('table cell attributes cannot inject markup', () => {
    const cell = {
      type: 'tablecell',
      children: [paragraph(text('c'))],
      colSpan: '2" onclick="x',
      headerState: '"><script>alert(1)</script>',
    }
    const out = html({ type: 'table', children: [{ type: 'tablerow', children: [cell] }] })
    expect(out).not.toContain('<script>')
    expect(out).not.toContain('onclick')
    expect(out).toContain('lexical-table-cell-header-0')
  })
})

describe('renderPrintDocument', () => {
  const hostile = article({
    author: '<b>Mallory</b>',
    excerpt: 'Ex "cerpt"',
    heroImage: {
      alt: '"><script>x</script>',
      collection: 'media',
      filename: 'h.png',
      height: 300,
      mimeType: 'image/png',
      sizes: [],
      url: '/api/media/file/h.png',
      width: 600,
    },
    title: '</title><script>alert(1)</script>',
  })
  const doc = renderPrintDocument(
    hostile,
    { ...settings, css: 'h1{color:red}</style><script>alert(2)</script>', publisherName: 'Daily <Planet>' },
    links,
  )

  it('is a complete, script-free document with noindex and the canonical link', () => {
    expect(doc.startsWith('<!doctype html>')).toBe(true)
    expect(doc).toContain('<meta name="robots" content="noindex" />')
    expect(doc).toContain('<link rel="canonical" href="https://news.test/news/story" />')
    // Style contents are raw text to the HTML parser (ended by the first `</style`): outside them, no script element.
    expect(doc.replace(/<style>[\s\S]*?<\/style/gi, '')).not.toMatch(/<script/i)
    expect(doc).toContain('@page')
  })

  it('escapes every text: title, author, excerpt, alt, publisher, custom CSS', () => {
    expect(doc).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; — Daily &lt;Planet&gt;</title>')
    expect(doc).toContain('By &lt;b&gt;Mallory&lt;/b&gt;')
    expect(doc).toContain('Ex &quot;cerpt&quot;')
    expect(doc).toContain('alt="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"')
    expect(doc).toContain('<header class="publisher">Daily &lt;Planet&gt;</header>')
    expect(doc).toContain('<style>h1{color:red}<\\/style><script>alert(2)</script></style>')
    // The custom CSS never closes its style element early: exactly two style elements, each closed once.
    expect(doc.match(/<\/style>/g)).toHaveLength(2)
  })

  it('shows the byline date, the source footer and no subscribe notice when unlocked', () => {
    expect(doc).toContain('<time datetime="2024-06-18T09:30:00.000Z">June 18, 2024</time>')
    expect(doc).toContain(
      '<footer class="source">Source: Daily &lt;Planet&gt; — <a href="https://news.test/news/story">',
    )
    expect(doc).not.toContain('class="subscribe-notice"')
  })

  it('a locked article shows its teaser and the subscribe notice', () => {
    const locked = renderPrintDocument(
      article({ body: lexical(paragraph(text('Teaser only.'))), locked: true }),
      settings,
      links,
    )
    expect(locked).toContain('Teaser only.')
    expect(locked).toContain('class="subscribe-notice"')
    expect(locked).toContain('href="https://news.test/subscribe"')
  })
})

describe('renderArticlePdf (parsed back with pdfjs)', () => {
  const body = lexical(
    heading('h2', text('Section <one>')),
    paragraph(
      text('Plain '),
      text('Bolded', BOLD),
      text(' and '),
      text('Slanted', ITALIC),
      text(' and '),
      text('monospace', CODE),
      text(' '),
      link('https://example.com/ref', text('a link')),
      text(' '),
      link('javascript:alert(1)', text('evil')),
    ),
    list(
      'number',
      listItem(1, text('first item')),
      listItem(2, list('bullet', listItem(1, text('nested item')))),
      listItem(2, text('second item')),
    ),
    quote(text('A quoted line')),
    rule(),
    videoBlock({ thumbnailUrl: null, title: 'The clip', url: 'https://youtu.be/abc' }, 'Watch this'),
  )

  it('draws header, title, byline, headings, paragraphs, emphasis, lists, quotes, links and videos', async () => {
    const pdf = await renderArticlePdf(
      article({ body, excerpt: 'The excerpt', title: 'Title <script>alert(1)</script> & co' }),
      settings,
      links,
    )
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const parsed = await parsePdf(pdf)
    const all = flat(parsed.text)
    for (const expected of [
      'THE DAILY TEST',
      'Title <script>alert(1)</script> & co',
      'The excerpt',
      'By Ann Writer · June 18, 2024',
      'Section <one>',
      'Plain Bolded and Slanted and monospace a link evil',
      '1. first item',
      '– nested item',
      '2. second item',
      'A quoted line',
      'Video: The clip — Watch this',
      'Source: The Daily Test — https://news.test/news/story',
      '1 / 1',
    ]) {
      expect(all).toContain(expected)
    }
    expect(parsed.fontsByText.get('Bolded')).toBe('Times-Bold')
    expect(parsed.fontsByText.get('Slanted')).toBe('Times-Italic')
    expect(parsed.fontsByText.get('monospace')).toBe('Courier')
    expect(parsed.links).toEqual(
      expect.arrayContaining(['https://example.com/ref', 'https://youtu.be/abc', 'https://news.test/news/story']),
    )
    expect(parsed.links.join(' ')).not.toContain('javascript')
    expect(all).not.toContain('for subscribers')
  })

  it('a locked article: the teaser and a subscribe notice with its link', async () => {
    const parsed = await parsePdf(
      await renderArticlePdf(
        article({ body: lexical(paragraph(text('Only the teaser.'))), locked: true }),
        settings,
        links,
      ),
    )
    expect(flat(parsed.text)).toContain('Only the teaser.')
    expect(flat(parsed.text)).toContain(
      'The rest of this article is for subscribers. Subscribe at https://news.test/subscribe to read it in full.',
    )
    expect(parsed.links).toContain('https://news.test/subscribe')
  })

  it('embeds images it was given, goes without those it was not (or that are damaged)', async () => {
    const hero = {
      alt: 'Hero',
      collection: 'media',
      filename: 'h.png',
      height: 300,
      mimeType: 'image/png',
      sizes: [],
      url: '/api/media/file/h.png',
      width: 600,
    }
    const inline = { ...hero, filename: 'i.png', url: '/api/media/file/i.png' }
    const missing = { ...hero, filename: 'm.png', url: '/api/media/file/m.png' }
    const withImages = article({
      body: lexical(upload('media', inline), upload('media', missing), paragraph(text('After images.'))),
      heroImage: hero,
    })
    const blocks = lexicalToPdfBlocks(withImages.body, links)
    expect(pdfImagesOf(withImages, blocks).map((i) => i.url)).toEqual([hero.url, inline.url, missing.url])
    const images = new Map<string, Uint8Array>([
      [hero.url, await pngOf(600, 300)],
      [inline.url, await pngOf(200, 200)],
      [missing.url, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])],
    ])
    const parsed = await parsePdf(await renderArticlePdf(withImages, settings, links, images, blocks))
    expect(parsed.images).toBe(2)
    expect(flat(parsed.text)).toContain('After images.')
  })

  it('flows a long article over pages with a numbered footer on each', async () => {
    const long = lexical(
      ...Array.from({ length: 60 }, (_, i) =>
        paragraph(text(`Paragraph ${i + 1}. ${'Lorem ipsum dolor sit amet. '.repeat(8)}`)),
      ),
    )
    const parsed = await parsePdf(await renderArticlePdf(article({ body: long }), settings, links))
    expect(parsed.pages).toBeGreaterThan(2)
    expect(parsed.text).toContain(`1 / ${parsed.pages}`)
    expect(parsed.text).toContain(`${parsed.pages} / ${parsed.pages}`)
    expect(flat(parsed.text)).toContain('Paragraph 60.')
  })
})
