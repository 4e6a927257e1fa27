/**
 * The small rules that several parts of the plugin share, each defined once (src/utilities/*,
 * src/moderation/commentStatus.ts) and tested here directly, table-driven and by property.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

import { COMMENT_STATUSES, isCommentStatus } from '../src/moderation/commentStatus.js'
import { articleUrl } from '../src/utilities/articleUrl.js'
import { escapeHTML } from '../src/utilities/escapeHTML.js'
import { formatDate } from '../src/utilities/formatDate.js'
import { isEmailAddress } from '../src/utilities/isEmailAddress.js'
import { relationId } from '../src/utilities/relationId.js'
import { isHttpUrl, safeHref, safeUrl } from '../src/utilities/safeUrl.js'

describe('relationId', () => {
  it.each([
    ['an id string', 'abc123', 'abc123'],
    ['a numeric id', 42, 42],
    ['zero', 0, 0],
    ['a populated document', { id: 'doc-1', title: 'T' }, 'doc-1'],
    ['a populated document with a numeric id', { id: 7 }, 7],
    ['a nested value', { id: { id: 'inner' } }, 'inner'],
    ['the empty string (a cleared field)', '', null],
    ['a blank string', '   ', null],
    ['a document with an empty id', { id: '' }, null],
    ['null', null, null],
    ['undefined', undefined, null],
    ['a document without id', { title: 'x' }, null],
    ['a boolean', true, null],
    ['an array', ['a'], null],
  ])('%s', (_name, value, expected) => {
    expect(relationId(value)).toBe(expected)
  })

  it('returns a populated document’s id exactly when it returns the bare id', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer()), (id) => {
        expect(relationId({ id })).toBe(relationId(id))
      }),
    )
  })
})

describe('escapeHTML', () => {
  it.each([
    ['<script>alert("x")</script>', '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'],
    ["O'Brien & Co", 'O&#39;Brien &amp; Co'],
    ['&amp;', '&amp;amp;'],
    [null, ''],
    [undefined, ''],
    [12, '12'],
  ])('escapeHTML(%p)', (input, expected) => {
    expect(escapeHTML(input)).toBe(expected)
  })

  it('leaves no character that opens a tag, an entity or ends a quoted attribute', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = escapeHTML(text)
        expect(out).not.toMatch(/[<>"']/)
        expect(out.replace(/&(?:amp|lt|gt|quot|#39);/g, '')).not.toContain('&')
      }),
    )
  })
})

describe('articleUrl', () => {
  const site = { articlePath: '/news/{slug}', siteUrl: 'https://example.com' }
  it.each([
    ['one placeholder', site, 'hello-world', 'https://example.com/news/hello-world'],
    [
      'two placeholders: every one is filled',
      { articlePath: '/{slug}/amp/{slug}', siteUrl: 'https://example.com' },
      'a-b',
      'https://example.com/a-b/amp/a-b',
    ],
    ['no placeholder', { articlePath: '/news', siteUrl: '' }, 'x', '/news'],
    ['a slug with reserved characters is encoded', site, 'a b/c?d#e', 'https://example.com/news/a%20b%2Fc%3Fd%23e'],
    ['no site URL: a root-relative URL', { articlePath: '/n/{slug}', siteUrl: '' }, 's', '/n/s'],
  ])('%s', (_name, options, slug, expected) => {
    expect(articleUrl(options, slug)).toBe(expected)
  })

  it('leaves no `{slug}` behind, however many the path names', () => {
    fc.assert(
      fc.property(fc.integer({ max: 5, min: 0 }), fc.stringMatching(/^[a-z0-9-]{1,12}$/), (n, slug) => {
        const url = articleUrl({ articlePath: '/x/{slug}'.repeat(n), siteUrl: '' }, slug)
        expect(url).not.toContain('{slug}')
        expect(url).toBe(`/x/${slug}`.repeat(n))
      }),
    )
  })
})

describe('formatDate', () => {
  it.each([
    ['2026-01-31T23:30:00.000Z', 'en', 'January 31, 2026'],
    ['2026-01-31T23:30:00.000Z', 'de', '31. Januar 2026'],
    ['2026-03-01T00:00:00.000Z', 'not a locale!', 'March 1, 2026'],
    [null, 'en', null],
    [undefined, 'en', null],
    ['', 'en', null],
    ['not a date', 'en', null],
  ])('formatDate(%p, %p)', (iso, locale, expected) => {
    expect(formatDate(iso, locale)).toBe(expected)
  })
})

describe('isEmailAddress', () => {
  it.each([
    ['reader@example.com', true],
    ['first.last+tag@sub.example.org', true],
    ['a@b.test', true],
    ['not-an-email', false],
    ['nobody@', false],
    ['@example.com', false],
    ['ty..po@example.org', false],
    ['a@localhost', false],
    ['a@example.123', false],
    ['a b@example.com', false],
    [`${'a'.repeat(65)}@example.com`, false],
    [42, false],
    [null, false],
  ])('isEmailAddress(%p) is %p', (value, expected) => {
    expect(isEmailAddress(value)).toBe(expected)
  })
})

describe('URL checks', () => {
  it.each([
    ['https://example.com/a', true],
    ['http://example.com', true],
    ['javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['mailto:a@b.test', false],
    ['/relative', false],
    ['', false],
    [null, false],
  ])('isHttpUrl(%p) is %p', (value, expected) => {
    expect(isHttpUrl(value)).toBe(expected)
  })

  it.each([
    ['https://cdn.example.com/p.jpg', '', 'https://cdn.example.com/p.jpg'],
    ['/media/p.jpg', 'https://site.test/', 'https://site.test/media/p.jpg'],
    ['/media/p.jpg', '', '/media/p.jpg'],
    ['//evil.test/p.jpg', 'https://site.test', null],
    ['javascript:alert(1)', '', null],
    ['HTTPS://EXAMPLE.COM', '', 'https://example.com/'],
    [null, '', null],
    ['', '', null],
  ])('safeUrl(%p, %p) is %p', (value, base, expected) => {
    expect(safeUrl(value, base)).toBe(expected)
  })

  it.each([
    ['https://example.com/a', 'https://example.com/a'],
    ['mailto:a@b.test', 'mailto:a@b.test'],
    ['javascript:alert(1)', null],
    ['#', null],
    ['#section', null],
    ['', null],
    [42, null],
  ])('safeHref(%p) is %p', (value, expected) => {
    expect(safeHref(value)).toBe(expected)
  })

  // Payload's sanitizer keeps a bare `javascript:` (nothing to run); any script after the colon is dropped.
  it('no check lets a javascript: URL with a script through, whatever its case', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('javascript', 'JavaScript', 'JAVASCRIPT'),
        fc.string({ minLength: 1 }),
        (scheme, rest) => {
          const url = `${scheme}:${rest}`
          expect(isHttpUrl(url)).toBe(false)
          expect(safeUrl(url)).toBeNull()
          expect(safeHref(url) ?? '').not.toMatch(/^\s*javascript:.*\S/i)
        },
      ),
    )
  })
})

describe('comment statuses', () => {
  it('lists the four statuses in queue order', () => {
    expect(COMMENT_STATUSES).toEqual(['pending', 'approved', 'spam', 'trash'])
  })
  it.each([
    ['pending', true],
    ['approved', true],
    ['spam', true],
    ['trash', true],
    ['Approved', false],
    ['', false],
    [null, false],
    ['published', false],
  ])('isCommentStatus(%p) is %p', (value, expected) => {
    expect(isCommentStatus(value)).toBe(expected)
  })
})
