/** Pure parts of "email this article": form validation, the hourly quota, the message, the requester key. */
import { describe, expect, it } from '@jest/globals'

import { composeArticleEmail, emailTeaserText, shorten } from '../src/email/composeArticleEmail.js'
import { decideEmailQuota, EMAIL_QUOTA_WINDOW_MS } from '../src/email/emailQuota.js'
import { requesterFingerprint } from '../src/email/requesterFingerprint.js'
import { validateEmailRequest } from '../src/email/validateEmailRequest.js'
import { isEmailAddress } from '../src/utilities/isEmailAddress.js'
import { lexical, paragraph, text } from './helpers/lexical.js'

const valid = { senderName: 'Ann', to: 'friend@example.com' }
const check = (body: unknown) => validateEmailRequest(body, { honeypotField: 'phone' })
const errorsOf = (body: unknown) => {
  const result = check(body)
  return result.ok ? [] : result.errors.map((e) => e.path)
}

describe('isEmailAddress', () => {
  it.each([
    ['friend@example.com', true],
    ['first.last+tag@mail.example.co.uk', true],
    ["o'brien@example.ie", true],
    ['no-at-sign.example.com', false],
    ['two@@example.com', false],
    ['user@localhost', false],
    ['user@example', false],
    ['.dot@example.com', false],
    ['dot.@example.com', false],
    ['a..b@example.com', false],
    ['Name <user@example.com>', false],
    ['user@exa_mple.com', false],
    ['user@-example.com', false],
    ['user@example.c0m', false],
    [`${'a'.repeat(65)}@example.com`, false],
    ['user@example.com\r\nBcc: victim@example.com', false],
  ])('%p → %p', (address, expected) => {
    expect(isEmailAddress(address)).toBe(expected)
  })
})

describe('validateEmailRequest', () => {
  it.each([
    ['one address', { ...valid }, ['friend@example.com']],
    [
      'comma, semicolon and space separated, duplicates collapse',
      { ...valid, to: 'a@x.io, b@x.io; A@X.io  c@x.io' },
      ['a@x.io', 'b@x.io', 'c@x.io'],
    ],
    ['an array', { ...valid, to: ['a@x.io', 'b@x.io'] }, ['a@x.io', 'b@x.io']],
  ])('accepts %s', (_name, body, to) => {
    const result = check(body)
    expect(result).toMatchObject({ form: { honeypot: false, message: null, senderName: 'Ann', to }, ok: true })
  })

  it.each([
    ['no body', undefined, ['to', 'senderName']],
    ['an array body', [valid], ['to', 'senderName']],
    ['no recipient', { senderName: 'Ann' }, ['to']],
    ['an empty recipient', { ...valid, to: ' , ' }, ['to']],
    ['a bad address among good ones', { ...valid, to: 'a@x.io, nope' }, ['to']],
    ['six recipients', { ...valid, to: ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `${l}@x.io`) }, ['to']],
    ['a non-string recipient', { ...valid, to: [42] }, ['to']],
    ['no sender name', { to: valid.to }, ['senderName']],
    ['a blank sender name', { ...valid, senderName: ' \n\t ' }, ['senderName']],
    ['a sender name with a web address', { ...valid, senderName: 'Win at https://spam.test' }, ['senderName']],
    ['a sender name with www.', { ...valid, senderName: 'see www.spam.test' }, ['senderName']],
    ['a sender name too long', { ...valid, senderName: 'x'.repeat(101) }, ['senderName']],
    ['a non-text sender name', { ...valid, senderName: { a: 1 } }, ['senderName']],
    ['a message too long', { ...valid, message: 'x'.repeat(1001) }, ['message']],
    ['a non-text message', { ...valid, message: ['x'] }, ['message']],
    ['everything wrong', { message: 5, senderName: '', to: 'x' }, ['to', 'senderName', 'message']],
  ])('refuses %s with field errors', (_name, body, paths) => {
    expect(errorsOf(body)).toEqual(paths)
  })

  it('normalises the name to one line and keeps the message lines, without control characters', () => {
    const result = check({ ...valid, message: ' Hi\r\nthere\u0007\u2028! ', senderName: '  Ann\r\nBcc: x@y.io ' })
    expect(result).toMatchObject({ form: { message: 'Hi\nthere!', senderName: 'Ann Bcc: x@y.io' }, ok: true })
  })

  it.each([
    ['filled', 'call me', true],
    ['empty', '', false],
    ['absent', undefined, false],
  ])('honeypot %s → %p', (_name, phone, honeypot) => {
    expect(check({ ...valid, phone })).toMatchObject({ form: { honeypot }, ok: true })
  })
})

describe('decideEmailQuota: each recipient is one email, at most `limit` per sliding hour', () => {
  const now = new Date('2024-06-18T12:00:00.000Z')
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString()
  const entry = (id: string, minutesAgo: number, recipients: number) => ({ createdAt: ago(minutesAgo), id, recipients })

  it.each([
    ['nothing sent yet', [], 3, { allowed: true }],
    ['exactly reaching the limit', [entry('a', 10, 5), entry('b', 5, 2)], 3, { allowed: true }],
    [
      'one over the limit: wait until the oldest send leaves the hour',
      [entry('a', 50, 5), entry('b', 5, 3)],
      3,
      { allowed: false, retryAfterSeconds: 600 },
    ],
    [
      'over by more: wait until enough sends left',
      [entry('a', 50, 2), entry('b', 40, 2), entry('c', 5, 6)],
      3,
      { allowed: false, retryAfterSeconds: 20 * 60 },
    ],
    ['sends older than an hour do not count', [entry('a', 61, 10)], 10, { allowed: true }],
    ['more at once than the limit allows', [], 11, { allowed: false, retryAfterSeconds: 3600 }],
  ])('%s', (_name, entries, requested, expected) => {
    expect(decideEmailQuota({ entries, limit: 10, now, requested })).toEqual(expected)
  })

  it('counts only entries before the own reservation: of two concurrent requests for the last places, the first wins', () => {
    const entries = [entry('a', 30, 8), entry('first', 0, 2), entry('second', 0, 2)]
    expect(decideEmailQuota({ entries, limit: 10, now, ownId: 'first', requested: 2 })).toEqual({ allowed: true })
    expect(decideEmailQuota({ entries, limit: 10, now, ownId: 'second', requested: 2 })).toEqual({
      allowed: false,
      retryAfterSeconds: 30 * 60,
    })
  })

  it('never asks to wait less than a second', () => {
    const entries = [
      { createdAt: new Date(now.getTime() - EMAIL_QUOTA_WINDOW_MS + 10).toISOString(), id: 'a', recipients: 10 },
    ]
    expect(decideEmailQuota({ entries, limit: 10, now, requested: 1 })).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    })
  })
})

describe('composeArticleEmail', () => {
  const article = {
    canonicalUrl: 'https://news.test/news/story?a=1&b=2',
    excerpt: null,
    teaser: lexical(paragraph(text('Teaser <b>para</b> one.')), paragraph(text('Teaser two.'))),
    title: 'The <story>\nof "it"',
  }
  const email = composeArticleEmail({
    article,
    form: { message: 'Look at <this>!\nReally.', senderName: 'Ann <ann@evil.test>' },
    publisherName: 'Daily & Co',
  })

  it('says who sent it, the title, the teaser, the link and the note, in text and HTML', () => {
    for (const part of [
      'Ann <ann@evil.test> thought you would like this article from Daily & Co:',
      'The <story> of "it"',
      'Teaser <b>para</b> one.\n\nTeaser two.',
      'Read it here: https://news.test/news/story?a=1&b=2',
      'Message from Ann <ann@evil.test>:\nLook at <this>!\nReally.',
    ]) {
      expect(email.text).toContain(part)
    }
    expect(email.html).toContain('href="https://news.test/news/story?a=1&amp;b=2"')
    expect(email.html).toContain('The &lt;story&gt; of &quot;it&quot;')
    expect(email.html).toContain('Teaser &lt;b&gt;para&lt;/b&gt; one.')
    expect(email.html).toContain('Look at &lt;this&gt;!<br />Really.')
    expect(email.html).toContain('Ann &lt;ann@evil.test&gt;')
    expect(email.html).not.toMatch(/<(b|this|story)>/)
  })

  it('has a one-line subject (no header injection)', () => {
    expect(email.subject).toBe('Ann <ann@evil.test> shared “The <story> of "it"” with you')
    expect(email.subject).not.toMatch(/[\r\n]/)
  })

  it('prefers the editor excerpt; shortens a long teaser at a word', () => {
    expect(emailTeaserText({ excerpt: 'The excerpt.', teaser: article.teaser })).toBe('The excerpt.')
    const long = emailTeaserText({ excerpt: null, teaser: lexical(paragraph(text('word '.repeat(300)))) })
    expect(long.length).toBeLessThanOrEqual(600)
    expect(long.endsWith('word…')).toBe(true)
  })

  it.each([
    ['short stays', 'abc', 10, 'abc'],
    ['cut at a space', 'alpha beta gamma', 12, 'alpha beta…'],
    ['cut inside a long word', 'abcdefghijklmnop', 8, 'abcdefg…'],
  ])('shorten: %s', (_name, input, max, expected) => {
    expect(shorten(input, max)).toBe(expected)
  })
})

describe('requesterFingerprint', () => {
  const payload = { secret: 'test-secret' } as never
  const req = (headers: Record<string, string>, user?: object) => ({
    headers: new Headers(headers),
    payload,
    user: (user ?? null) as never,
  })
  const fingerprint = (headers: Record<string, string>, trustedProxies = 1, user?: object) =>
    requesterFingerprint(req(headers, user), trustedProxies)

  it('a logged-in requester is their account, wherever they come from', () => {
    const user = { collection: 'readers', id: 'r1' }
    expect(fingerprint({ 'x-forwarded-for': '1.1.1.1' }, 1, user)).toBe(
      fingerprint({ 'x-forwarded-for': '2.2.2.2' }, 1, user),
    )
    expect(fingerprint({}, 1, user)).toMatch(/^user:[\da-f]{40}$/)
  })

  it('an anonymous requester is their address (a new user agent buys no new quota), hashed', () => {
    const a = fingerprint({ 'user-agent': 'A', 'x-forwarded-for': '10.9.9.9, 203.0.113.7' })
    expect(a).toBe(fingerprint({ 'user-agent': 'B', 'x-forwarded-for': '203.0.113.7' }))
    expect(a).not.toBe(fingerprint({ 'user-agent': 'A', 'x-forwarded-for': '203.0.113.8' }))
    expect(a).toMatch(/^ip:[\da-f]{40}$/)
    expect(a).not.toContain('203.0.113.7')
  })

  // The address is taken as comment flood control takes it: `trustedProxies` hops from the right.
  it.each([
    ['one proxy: what the client sent in front is ignored', ['1.1.1.1, 203.0.113.7', '2.2.2.2, 203.0.113.7'], 1, true],
    [
      'one proxy: another appended address is another requester',
      ['1.1.1.1, 203.0.113.7', '1.1.1.1, 203.0.113.8'],
      1,
      false,
    ],
    [
      'two proxies: the client is second from the right',
      ['6.6.6.6, 203.0.113.7, 10.0.0.2', '7.7.7.7, 203.0.113.7, 10.0.0.3'],
      2,
      true,
    ],
    [
      'two proxies: a different client behind the same balancer',
      ['203.0.113.7, 10.0.0.2', '203.0.113.8, 10.0.0.2'],
      2,
      false,
    ],
  ])('%s', (_name, [first, second], trustedProxies, same) => {
    const headersOf = (value: string): Record<string, string> =>
      value.startsWith('x-real-ip:') ? { 'x-real-ip': value.slice('x-real-ip:'.length) } : { 'x-forwarded-for': value }
    const a = fingerprint(headersOf(first!), trustedProxies)
    const b = fingerprint(headersOf(second!), trustedProxies)
    expect(a).toMatch(/^ip:/)
    expect(a === b).toBe(same)
  })

  it('a client-sent CF-Connecting-IP is not an address (anyone can send it)', () => {
    expect(fingerprint({ 'cf-connecting-ip': '2001:db8::1', 'user-agent': 'A' })).toBe(
      fingerprint({ 'cf-connecting-ip': '2001:db8::2', 'user-agent': 'A' }),
    )
  })

  it('without a trustworthy address every anonymous requester shares one quota (nothing the client sends splits it)', () => {
    const noProxy: Record<string, string>[] = [
      { 'user-agent': 'A', 'x-forwarded-for': '1.1.1.1' },
      { 'user-agent': 'B', 'x-forwarded-for': '2.2.2.2', 'x-real-ip': '3.3.3.3' },
    ]
    expect(new Set(noProxy.map((headers) => fingerprint(headers, 0)))).toEqual(new Set(['anonymous:unknown-address']))
    expect(fingerprint({ 'user-agent': 'A', 'x-real-ip': '3.3.3.3' }, 1)).toBe(fingerprint({ 'user-agent': 'B' }, 1))
  })
})
