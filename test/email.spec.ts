/**
 * "Email this article", end to end: REST → validation → rate limit in the database → jobs queue →
 * Payload's email adapter (the harness's capture adapter). Rule 6: only the teaser and link, never the body.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { INTERNAL_SLUGS } from '../src/defaults.js'
import { requesterFingerprint } from '../src/email/requesterFingerprint.js'
import { SEND_ARTICLE_EMAIL_TASK } from '../src/email/sendArticleEmailTask.js'
import { clearSentEmails, sentEmails } from './harness/captureEmailAdapter.js'
import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import { lexical, paragraph, paywallBreak, text } from './helpers/lexical.js'

const EMAIL_LOG_SLUG = INTERNAL_SLUGS.emailLog
const SECRET = 'PREMIUM-SECRET-BODY'
const LIMIT = 4
let app: NewsroomTestApp
let readerToken: string
let ipCounter = 0

/** Each test gets its own client address, so quotas do not leak between tests. */
const freshIP = () => `198.51.100.${++ipCounter}`

const send = (slug: string, body: unknown, { ip, token, ua }: { ip?: string; token?: string; ua?: string } = {}) =>
  app.rest.post(`/articles/${slug}/email`, {
    body,
    headers: { ...(ip ? { 'x-forwarded-for': ip } : {}), ...(ua ? { 'user-agent': ua } : {}) },
    token,
  })

const jobsQueued = async () =>
  (
    await app.payload.find({
      collection: 'payload-jobs' as never,
      overrideAccess: true,
      pagination: false,
      where: { taskSlug: { equals: SEND_ARTICLE_EMAIL_TASK } },
    })
  ).docs.length

const logEntries = async (fingerprint?: string) =>
  (
    await app.payload.find({
      collection: EMAIL_LOG_SLUG as never,
      overrideAccess: true,
      pagination: false,
      where: fingerprint ? { fingerprint: { equals: fingerprint } } : {},
    })
  ).docs as unknown as { fingerprint: string; recipients: number }[]

const fingerprintOfIP = (ip: string) =>
  requesterFingerprint({ headers: new Headers({ 'x-forwarded-for': ip }), payload: app.payload, user: null }, 1)

beforeAll(async () => {
  app = await startNewsroomApp({
    articlePath: '/news/{slug}',
    premium: { subscribeUrl: 'https://news.test/subscribe' },
    print: { emailsPerHour: LIMIT, publisherName: 'The Daily Test' },
    siteUrl: 'https://news.test',
  })
  const { payload } = app
  await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(
        paragraph(text('TEASER-PART <b>free</b> words.')),
        paywallBreak(),
        paragraph(text(`${SECRET} for subscribers.`)),
      ),
      premium: true,
      title: 'Premium <story>',
    } as never,
  })
  await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(paragraph(text('Open body.'))),
      excerpt: 'The editor excerpt.',
      title: 'Open story',
    } as never,
  })
  await payload.create({
    collection: 'articles',
    data: { _status: 'draft', content: lexical(paragraph(text('Draft'))), title: 'Draft story' } as never,
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
  readerToken = await app.rest.login('readers', 'premium@newsroom.test', READER_PASSWORD)
})

afterAll(async () => {
  await app?.shutdown()
})

beforeEach(async () => {
  await app.payload.jobs.run({ limit: 100 })
  clearSentEmails()
})

describe('POST /api/articles/:id/email', () => {
  it('queues the email (202); the job runner delivers title, teaser, link and note — never the premium body', async () => {
    const res = await send(
      'premium-story',
      { message: 'Have a look <b>now</b>', senderName: 'Ann <Smith>', to: 'friend@example.com' },
      { ip: freshIP() },
    )
    expect(res.status).toBe(202)
    expect(res.json).toEqual({ message: 'The article is on its way.', recipients: 1 })
    expect(sentEmails).toHaveLength(0)
    expect(await jobsQueued()).toBe(1)

    await app.payload.jobs.run()
    expect(sentEmails).toHaveLength(1)
    const [email] = sentEmails
    expect(email!.to).toEqual(['friend@example.com'])
    expect(email!.subject).toBe('Ann <Smith> shared “Premium <story>” with you')
    expect(email!.text).toContain('Ann <Smith> thought you would like this article from The Daily Test:')
    expect(email!.text).toContain('TEASER-PART <b>free</b> words.')
    expect(email!.text).toContain('Read it here: https://news.test/news/premium-story')
    expect(email!.text).toContain('Have a look <b>now</b>')
    expect(email!.html).toContain('TEASER-PART &lt;b&gt;free&lt;/b&gt; words.')
    expect(email!.html).toContain('Have a look &lt;b&gt;now&lt;/b&gt;')
    expect(email!.html).toContain('href="https://news.test/news/premium-story"')
    for (const part of [email!.text, email!.html, email!.subject]) expect(part).not.toContain(SECRET)
    expect(await jobsQueued()).toBe(0)
  })

  it('an entitled sender still mails only the teaser', async () => {
    expect(
      (await send('premium-story', { senderName: 'Subscriber', to: 'friend@example.com' }, { token: readerToken }))
        .status,
    ).toBe(202)
    await app.payload.jobs.run()
    expect(sentEmails).toHaveLength(1)
    expect(sentEmails[0]!.text).toContain('TEASER-PART')
    expect(sentEmails[0]!.text).not.toContain(SECRET)
    expect(sentEmails[0]!.html).not.toContain(SECRET)
  })

  it('one email per recipient (nobody sees the other addresses); the excerpt is the teaser when set', async () => {
    const res = await send(
      'open-story',
      { senderName: 'Ann', to: 'a@example.com, b@example.com;A@example.com' },
      { ip: freshIP() },
    )
    expect(res.json).toMatchObject({ recipients: 2 })
    await app.payload.jobs.run()
    expect(sentEmails.map((e) => e.to)).toEqual(expect.arrayContaining([['a@example.com'], ['b@example.com']]))
    expect(sentEmails).toHaveLength(2)
    expect(sentEmails[0]!.text).toContain('The editor excerpt.')
    expect(sentEmails[0]!.text).not.toContain('Open body.')
  })

  it('accepts a plain HTML form post (urlencoded, repeated `to`)', async () => {
    const form = new URLSearchParams([
      ['to', 'form1@example.com'],
      ['to', 'form2@example.com'],
      ['senderName', 'Form user'],
    ])
    const res = await app.rest.post('/articles/open-story/email', {
      body: form.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'x-forwarded-for': freshIP() },
    })
    expect(res.status).toBe(202)
    expect(res.json).toMatchObject({ recipients: 2 })
  })

  it.each([
    ['a bad address', { senderName: 'Ann', to: 'friend@example.com, not-an-address' }, ['to']],
    ['no recipient', { senderName: 'Ann', to: '' }, ['to']],
    [
      'too many recipients',
      { senderName: 'Ann', to: ['1', '2', '3', '4', '5', '6'].map((n) => `r${n}@example.com`) },
      ['to'],
    ],
    ['no sender name', { to: 'friend@example.com' }, ['senderName']],
    ['a message too long', { message: 'x'.repeat(1001), senderName: 'Ann', to: 'friend@example.com' }, ['message']],
  ])('%s → 400 with field errors; nothing queued or logged', async (_name, body, paths) => {
    const ip = freshIP()
    const res = await send('open-story', body, { ip })
    expect(res.status).toBe(400)
    expect(res.json.errors[0].data.errors.map((e: { path: string }) => e.path)).toEqual(paths)
    expect(res.json.errors[0].data.errors[0].message).toEqual(expect.any(String))
    expect(await jobsQueued()).toBe(0)
    expect(await logEntries(fingerprintOfIP(ip))).toHaveLength(0)
  })

  it.each([
    ['invalid JSON', 400, '{"to": ', 'application/json'],
    ['another content type', 415, 'to=a@example.com', 'text/plain'],
    [
      'a body too large',
      413,
      JSON.stringify({ message: 'x'.repeat(20_000), senderName: 'A', to: 'a@example.com' }),
      'application/json',
    ],
  ])('%s → %p with a message', async (_name, status, body, contentType) => {
    const res = await app.rest.post('/articles/open-story/email', {
      body,
      headers: { 'Content-Type': contentType, 'x-forwarded-for': freshIP() },
    })
    expect(res.status).toBe(status)
    expect(res.json.errors[0].message).toEqual(expect.any(String))
  })

  it('a filled honeypot answers like a success but sends and logs nothing', async () => {
    const ip = freshIP()
    const res = await send('open-story', { phone: '555-0100', senderName: 'Bot', to: 'victim@example.com' }, { ip })
    expect(res.status).toBe(202)
    expect(await jobsQueued()).toBe(0)
    expect(await logEntries(fingerprintOfIP(ip))).toHaveLength(0)
  })

  it.each([
    ['an unpublished article', 'draft-story', 404],
    ['an unknown article', 'no-such-story', 404],
    ['a malformed id', encodeURIComponent('<x>'), 400],
  ])('%s → %p', async (_name, slug, status) => {
    expect((await send(slug, { senderName: 'Ann', to: 'friend@example.com' }, { ip: freshIP() })).status).toBe(status)
  })
})

describe('rate limit: options.print.emailsPerHour per requester, each recipient one email, in the database', () => {
  it('counts recipients within the hour, answers 429 with Retry-After, and keeps other requesters apart', async () => {
    const ip = freshIP()
    expect(
      (await send('open-story', { senderName: 'A', to: ['1@example.com', '2@example.com', '3@example.com'] }, { ip }))
        .status,
    ).toBe(202)
    const over = await send('open-story', { senderName: 'A', to: ['4@example.com', '5@example.com'] }, { ip })
    expect(over.status).toBe(429)
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(3500)
    expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(3600)
    expect(over.json.errors[0].message).toMatch(/Too many emails/)
    expect((await send('open-story', { senderName: 'A', to: '4@example.com' }, { ip })).status).toBe(202)
    expect((await send('open-story', { senderName: 'A', to: '5@example.com' }, { ip })).status).toBe(429)
    // A new user agent or an X-Forwarded-For entry the client sends itself is no new requester; another client address is.
    expect(
      (await send('open-story', { senderName: 'A', to: '5@example.com' }, { ip, ua: 'Another browser/1.0' })).status,
    ).toBe(429)
    expect(
      (await send('open-story', { senderName: 'A', to: '5@example.com' }, { ip: `203.0.113.99, ${ip}` })).status,
    ).toBe(429)
    expect((await send('open-story', { senderName: 'B', to: '5@example.com' }, { ip: freshIP() })).status).toBe(202)

    // Only the accepted sends are in the ledger; refused reservations were removed.
    expect((await logEntries(fingerprintOfIP(ip))).map((e) => e.recipients).sort()).toEqual([1, 3])
    expect(await jobsQueued()).toBe(5)
  })

  it('sends older than an hour no longer count; Retry-After says when the oldest counted one expires', async () => {
    const ip = freshIP()
    const fingerprint = fingerprintOfIP(ip)
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()
    await app.payload.create({
      collection: EMAIL_LOG_SLUG as never,
      data: { createdAt: minutesAgo(120), fingerprint, recipients: LIMIT } as never,
      overrideAccess: true,
    })
    expect((await send('open-story', { senderName: 'A', to: 'x@example.com' }, { ip })).status).toBe(202)

    await app.payload.create({
      collection: EMAIL_LOG_SLUG as never,
      data: { createdAt: minutesAgo(50), fingerprint, recipients: LIMIT - 1 } as never,
      overrideAccess: true,
    })
    const over = await send('open-story', { senderName: 'A', to: 'y@example.com' }, { ip })
    expect(over.status).toBe(429)
    const retryAfter = Number(over.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(9 * 60)
    expect(retryAfter).toBeLessThanOrEqual(10 * 60)
  })

  it('two concurrent requests for the last place: exactly one is sent', async () => {
    const ip = freshIP()
    expect(
      (await send('open-story', { senderName: 'A', to: ['1@example.com', '2@example.com', '3@example.com'] }, { ip }))
        .status,
    ).toBe(202)
    const answers = await Promise.all([
      send('open-story', { senderName: 'A', to: 'last-a@example.com' }, { ip }),
      send('open-story', { senderName: 'A', to: 'last-b@example.com' }, { ip }),
    ])
    expect(answers.map((a) => a.status).sort()).toEqual([202, 429])
    expect((await logEntries(fingerprintOfIP(ip))).reduce((sum, e) => sum + e.recipients, 0)).toBe(LIMIT)
  })

  // Red team F3: the quota was keyed on the first X-Forwarded-For entry, which the client writes itself.
  it('rotating X-Forwarded-For does not buy a fresh email quota (open spam relay with a free-text message)', async () => {
    const proxyAppended = freshIP()
    const statuses: number[] = []
    for (let i = 1; i <= LIMIT + 2; i++) {
      const res = await app.rest.post('/articles/open-story/email', {
        body: {
          message: 'Any text the spammer likes, sent from the publisher.',
          senderName: 'Spammer',
          to: 'victim@example.com',
        },
        // Behind nginx/ALB-style proxies that APPEND the client address, the first hop is what the client sent.
        headers: { 'x-forwarded-for': `203.0.113.${i}, ${proxyAppended}` },
      })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(202), 429, 429])
  })

  it('a logged-in reader is limited by account, from any address', async () => {
    await app.payload.create({
      collection: 'readers',
      data: { _verified: true, email: 'sharer@newsroom.test', password: READER_PASSWORD } as never,
    })
    const token = await app.rest.login('readers', 'sharer@newsroom.test', READER_PASSWORD)
    for (let i = 0; i < LIMIT; i++) {
      expect(
        (await send('open-story', { senderName: 'R', to: `r${i}@example.com` }, { ip: freshIP(), token })).status,
      ).toBe(202)
    }
    expect(
      (await send('open-story', { senderName: 'R', to: 'more@example.com' }, { ip: freshIP(), token })).status,
    ).toBe(429)
  })
})

describe('the email log', () => {
  it('is for editors only: the public and readers can neither read nor write it (REST, GraphQL)', async () => {
    expect((await app.rest.get(`/${EMAIL_LOG_SLUG}`)).status).toBe(403)
    expect((await app.rest.get(`/${EMAIL_LOG_SLUG}`, { token: readerToken })).status).toBe(403)
    expect(
      (await app.rest.post(`/${EMAIL_LOG_SLUG}`, { body: { fingerprint: 'x', recipients: 1 }, token: readerToken }))
        .status,
    ).toBe(403)
    expect(
      (await app.rest.post(`/${EMAIL_LOG_SLUG}`, { body: { fingerprint: 'x', recipients: 1 }, token: app.editorToken }))
        .status,
    ).toBe(403)

    const editor = await app.rest.get(`/${EMAIL_LOG_SLUG}`, { token: app.editorToken })
    expect(editor.status).toBe(200)
    expect(editor.json.totalDocs).toBeGreaterThan(0)
    // Keyed hashes only: no address of any requester is stored.
    expect(JSON.stringify(editor.json.docs)).not.toMatch(/198\.51\.100\./)

    const gql = await app.graphql('{ NewsroomEmailLogs { docs { fingerprint } } }')
    expect(gql.data?.NewsroomEmailLogs ?? null).toBeNull()
    expect(gql.errors?.[0]?.message).toEqual(expect.any(String))
  })

  it('is hidden from the admin navigation', () => {
    expect(app.payload.collections[EMAIL_LOG_SLUG as never]!.config.admin.hidden).toBe(true)
  })
})

describe('rate limit behind two proxies (options.trustedProxies: 2)', () => {
  let behindTwo: NewsroomTestApp
  let article: string

  beforeAll(async () => {
    behindTwo = await startNewsroomApp({ print: { emailsPerHour: 1 }, trustedProxies: 2 })
    article = String(
      (
        await behindTwo.payload.create({
          collection: 'articles',
          data: { _status: 'published', title: 'Behind two' } as never,
        })
      ).id,
    )
  })
  afterAll(() => behindTwo?.shutdown())

  const sendVia = (forwardedFor: string) =>
    behindTwo.rest.post(`/articles/${article}/email`, {
      body: { senderName: 'A', to: 'friend@example.com' },
      headers: { 'x-forwarded-for': forwardedFor },
    })

  it('the client is the second entry from the right, whatever it sends in front and whichever balancer node passes it on', async () => {
    expect((await sendVia('6.6.6.1, 203.0.113.7, 10.0.0.1')).status).toBe(202)
    expect((await sendVia('6.6.6.2, 203.0.113.7, 10.0.0.2')).status).toBe(429)
    expect((await sendVia('203.0.113.8, 10.0.0.1')).status).toBe(202)
  })
})
