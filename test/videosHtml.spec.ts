/** The video block's HTML output (pure): a link with poster, gated, every text and URL escaped. */
import { describe, expect, it } from '@jest/globals'
import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'

import {
  createNewsroomHTMLConverters,
  escapeHTML,
  newsroomHTMLConverters,
  videoEmbedToHTML,
} from '../src/lexical/htmlConverters.js'

const open = {
  embedUrl: 'https://www.youtube-nocookie.com/embed/aaaaaaaaaaa',
  locked: false,
  provider: 'youtube',
  thumbnailUrl: 'https://i.ytimg.com/vi/aaaaaaaaaaa/hqdefault.jpg',
  title: 'Open video',
  url: 'https://youtu.be/aaaaaaaaaaa',
}

describe('videoEmbedToHTML', () => {
  it('renders a playable video as a link to its privacy-friendly player with the poster', () => {
    expect(videoEmbedToHTML(open, { caption: 'Watch this' })).toBe(
      '<figure class="newsroom-video" data-provider="youtube">' +
        '<a href="https://www.youtube-nocookie.com/embed/aaaaaaaaaaa" rel="noopener noreferrer">' +
        '<img src="https://i.ytimg.com/vi/aaaaaaaaaaa/hqdefault.jpg" alt="Open video" loading="lazy">' +
        '<span class="newsroom-video__title">Open video</span></a>' +
        '<figcaption>Watch this</figcaption></figure>',
    )
  })

  it('never links a locked video\u2019s player, even when handed one', () => {
    const locked = { ...open, locked: true }
    const html = videoEmbedToHTML(locked)
    expect(html).not.toContain('youtube-nocookie')
    expect(html).not.toContain('<a ')
    expect(html).toContain('Subscribers only')
    expect(html).toContain('newsroom-video--locked')
  })

  it('links a locked video to the page given as lockedHref', () => {
    const html = videoEmbedToHTML(
      { locked: true, thumbnailUrl: null, title: 'Locked' },
      { lockedHref: 'https://news.example.com/news/story' },
    )
    expect(html).toContain('<a href="https://news.example.com/news/story" rel="noopener noreferrer">')
    expect(html).not.toContain('<img')
  })

  it('escapes every text and attribute', () => {
    const html = videoEmbedToHTML(
      { ...open, provider: '"><script>', title: '<script>alert("x")</script> & \'q\'' },
      { caption: '<img src=x onerror=alert(1)>' },
    )
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;')
    expect(html).toContain('data-provider="&quot;&gt;&lt;script&gt;"')
  })

  it.each([
    ['javascript:alert(1)'],
    ['//evil.example/player'],
    ['data:text/html,<script>alert(1)</script>'],
    ['not a url'],
  ])('drops an unsafe or unreadable URL (%s)', (bad) => {
    const html = videoEmbedToHTML({ ...open, embedUrl: bad, thumbnailUrl: bad, url: null })
    expect(html).not.toContain('href=')
    expect(html).not.toContain('<img')
    expect(html).toContain('Open video')
  })

  it('makes root-relative upload URLs absolute with baseUrl', () => {
    const html = videoEmbedToHTML(
      {
        embedUrl: '/api/media/file/clip.mp4',
        provider: 'upload',
        thumbnailUrl: '/api/media/file/poster.png',
        title: 'Upload',
      },
      { baseUrl: 'https://cms.example.com/' },
    )
    expect(html).toContain('href="https://cms.example.com/api/media/file/clip.mp4"')
    expect(html).toContain('src="https://cms.example.com/api/media/file/poster.png"')
  })

  it.each([[null], [undefined], ['65f000000000000000000001'], [42], [{ id: 'x' }]])(
    'renders nothing for a video that is not populated (%p)',
    (value) => {
      expect(videoEmbedToHTML(value)).toBe('')
    },
  )

  it('escapeHTML covers the five special characters', () => {
    expect(escapeHTML(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
    expect(escapeHTML(null)).toBe('')
  })
})

describe('newsroomHTMLConverters', () => {
  const doc = (...children: unknown[]) => ({
    root: { type: 'root', children, direction: 'ltr', format: '', indent: 0, version: 1 },
  })
  const paragraph = (text: string) => ({
    type: 'paragraph',
    children: [{ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text, version: 1 }],
    direction: 'ltr',
    format: '',
    indent: 0,
    textFormat: 0,
    version: 1,
  })
  const block = (fields: Record<string, unknown>) => ({
    type: 'block',
    fields: { blockName: '', id: 'b1', ...fields },
    format: '',
    version: 2,
  })

  it('keeps Payload\u2019s default converters, renders paywall breaks as nothing and videos as figures', () => {
    const html = convertLexicalToHTML({
      converters: newsroomHTMLConverters,
      data: doc(
        paragraph('Before'),
        block({ blockType: 'paywallBreak' }),
        block({ blockType: 'videoEmbed', caption: 'Cap', video: open }),
        paragraph('After'),
      ) as never,
      disableContainer: true,
    })
    expect(html).toBe(`<p>Before</p>${videoEmbedToHTML(open, { caption: 'Cap' })}<p>After</p>`)
  })

  it('createNewsroomHTMLConverters passes lockedHref to locked videos', () => {
    const html = convertLexicalToHTML({
      converters: createNewsroomHTMLConverters({ lockedHref: 'https://news.example.com/subscribe' }),
      data: doc(block({ blockType: 'videoEmbed', video: { ...open, embedUrl: null, locked: true } })) as never,
      disableContainer: true,
    })
    expect(html).toContain('href="https://news.example.com/subscribe"')
  })
})
