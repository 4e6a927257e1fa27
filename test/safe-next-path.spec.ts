/**
 * Issue #11 finding 8: the dev app's login went to `?next=` as given, and `/\t/evil.example/phish`
 * (a tab the browser drops) landed on evil.example. Only paths of this site survive.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

import { safeNextPath } from '../dev/app/(site)/lib/format.js'

const SITE = 'https://news.example.com'

/** Where a browser on the site ends up after `location.assign(path)`. */
const landing = (path: string) => new URL(path, `${SITE}/login?next=x`)

/** The invariant: the result, navigated to from any page of the site, stays on the site and off the API/admin. */
const staysOnSite = (path: string) => {
  const url = landing(path)
  return path.startsWith('/') && url.origin === SITE && !/^\/(api|admin)(\/|$)/i.test(url.pathname)
}

describe('safeNextPath', () => {
  it.each([
    ['/\t/evil.example/phish', '/'],
    ['/\n/evil.example', '/'],
    ['/\r\n/evil.example', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/\\/evil.example', '/'],
    ['\\\\evil.example', '/'],
    ['/%09/evil.example', '/%09/evil.example'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['data:text/html,x', '/'],
    [' /news', '/'],
    ['/\u0000/evil.example', '/'],
    ['/.//evil.example', '/'],
    ['/./\\evil.example', '/'],
    ['/api/readers/logout', '/'],
    ['/admin', '/'],
    ['/ADMIN/collections', '/'],
    ['/news/a-story?x=1#c', '/news/a-story?x=1#c'],
    ['/news/../videos', '/videos'],
    ['/', '/'],
    ['', '/'],
    [null, '/'],
    [undefined, '/'],
  ])('%j → %j', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected)
  })

  it('the reported value, as the page receives it (decoded), goes home', () => {
    const next = new URL('https://news.example.com/login?next=%2F%09%2Fevil.example%2Fphish').searchParams.get('next')
    expect(safeNextPath(next)).toBe('/')
  })

  // Tricky characters placed anywhere: whatever comes out, the browser stays on the site.
  it('property: every result keeps the reader on the site', () => {
    const tricky = fc.constantFrom(
      '/',
      '\\',
      '\t',
      '\n',
      '\r',
      '\u0000',
      '\u007f',
      ' ',
      '.',
      '..',
      ':',
      '@',
      '%2F',
      '%5C',
      '%09',
      '?',
      '#',
      'evil.example',
      'http:',
      'https:',
      'javascript:',
      'api',
      'admin',
      '\u2028',
      '\uff0f',
    )
    const input = fc.oneof(
      fc.array(tricky, { maxLength: 8 }).map((parts) => parts.join('')),
      fc.string(),
      fc.webUrl(),
      fc.webPath(),
    )
    fc.assert(
      fc.property(input, (value) => {
        expect(staysOnSite(safeNextPath(value))).toBe(true)
      }),
      { numRuns: 5000 },
    )
  })

  it('property: a plain path of the site is kept as the browser would read it', () => {
    fc.assert(
      fc.property(
        fc.webPath().filter((p) => p.startsWith('/') && !p.startsWith('//')),
        (path) => {
          const kept = safeNextPath(path)
          if (kept !== '/') expect(landing(kept).href).toBe(landing(path).href)
        },
      ),
    )
  })
})
