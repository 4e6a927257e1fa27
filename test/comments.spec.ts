/**
 * The "Leave a Comment" form end to end: public submission through Payload's own create, over REST and
 * GraphQL, each moderation rule of the contract, field-level errors, and editors' runtime settings.
 * Every rule is proven on both surfaces with the same assertions (`describe.each(SURFACES)`).
 * The plugin runs with its defaults here, so the rules are the contract's as written; the opt-in
 * `comments.hardenAgainstProbing` is proven in comments-hardened.spec.ts.
 */
import type { Payload } from 'payload'

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import {
  createReader,
  graphqlWithHeaders,
  publishArticle,
  setDiscussion,
  stored,
  submit,
  type Surface,
  SURFACES,
  type TestReader,
  uniqueEmail,
  uniqueIp,
} from './comments-fixtures.js'
import { startNewsroomApp } from './helpers/newsroomApp.js'

const MAX_LENGTH = 300
// What the Discussion settings hold at the start of every test (the plugin options below, made explicit).
const DEFAULT_SETTINGS = {
  closeAfterDays: 0,
  disallowedKeys: 'forbidden-word\n203.0.113.66\nEvilBot',
  editWindowSeconds: 900,
  floodSeconds: 15,
  manualApproval: false,
  maxDepth: 5,
  maxLinks: 2,
  moderationKeys: 'casino',
  premiumOnly: false,
  previouslyApproved: true,
}

let app: NewsroomTestApp
let payload: Payload
let articleId: string
let reader: TestReader
let editor: Record<string, any>

beforeAll(async () => {
  app = await startNewsroomApp({
    comments: {
      disallowedKeys: ['forbidden-word', '203.0.113.66', 'EvilBot'],
      maxLength: MAX_LENGTH,
      moderationKeys: ['casino'],
      // A stand-in for Akismet & co.: the verdict is written in the comment.
      spamCheck: async (comment) =>
        comment.body.includes('spamcheck-says-spam')
          ? 'spam'
          : comment.body.includes('spamcheck-says-hold')
            ? 'hold'
            : 'ham',
    },
  })
  payload = app.payload
  articleId = await publishArticle(payload)
  reader = await createReader(app, { name: 'Rita Reader' })
  editor = (await payload.find({ collection: 'users', limit: 1 })).docs[0] as Record<string, any>
})
afterAll(() => app?.shutdown())
afterEach(() => setDiscussion(payload, DEFAULT_SETTINGS))

const comment = (overrides: Record<string, unknown> = {}) => ({
  article: articleId,
  authorEmail: uniqueEmail(),
  authorName: 'Ann Author',
  body: `A thoughtful comment ${Math.random()}`,
  ...overrides,
})

/** An approved comment, as an editor would leave or approve it. */
const approvedComment = async (overrides: Record<string, unknown> = {}) =>
  payload.create({
    collection: 'comments',
    data: { ...comment(), status: 'approved', ...overrides } as never,
    overrideAccess: false,
    user: editor as never,
  })

const commentsCount = async () => (await payload.count({ collection: 'comments' })).totalDocs

describe.each(SURFACES)('%s submission', (surface: Surface) => {
  it('stores a valid anonymous comment as pending with its reason; the public cannot set status, reason, fingerprint or reader', async () => {
    const email = uniqueEmail()
    const res = await submit(app, surface, {
      ...comment({ authorEmail: `  ${email.toUpperCase()} `, body: '  Hello there.\r\nSecond line.  ' }),
      fingerprint: 'forged',
      moderationReason: 'forged',
      reader: reader.id,
      status: 'approved',
    })
    expect(res.status).toBe(201)
    expect(res.doc).toMatchObject({ status: 'pending' })
    // Editors-only fields never come back to the public, not even in the create response.
    expect(res.doc?.authorEmail ?? undefined).toBeUndefined()
    expect(res.doc?.moderationReason ?? undefined).toBeUndefined()
    expect(res.doc?.fingerprint ?? undefined).toBeUndefined()
    const saved = await stored(payload, res.doc!.id)
    expect(saved).toMatchObject({
      authorEmail: email,
      body: 'Hello there.\nSecond line.',
      moderationReason: 'First comment by this author (none approved yet)',
      status: 'pending',
    })
    expect(saved.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(saved.reader ?? null).toBeNull()
  })

  it('takes a logged-in reader’s name and email from the account and links the reader', async () => {
    const reader = await createReader(app, { name: 'Rita Reader' })
    const res = await submit(app, surface, comment({ authorEmail: 'spoofed@example.org', authorName: 'Spoofed' }), {
      token: reader.token,
    })
    expect(res.status).toBe(201)
    const saved = await stored(payload, res.doc!.id)
    expect(saved).toMatchObject({ authorEmail: reader.email, authorName: 'Rita Reader' })
    expect(String(saved.reader?.id ?? saved.reader)).toBe(reader.id)
  })

  it('a logged-in reader needs no name or email in the form', async () => {
    const reader = await createReader(app)
    const { authorEmail: _e, authorName: _n, ...withoutIdentity } = comment()
    const res = await submit(app, surface, withoutIdentity, { token: reader.token })
    expect(res.status).toBe(201)
  })

  it.each([
    [
      'name, email and body empty',
      { authorEmail: '', authorName: '', body: '' },
      ['authorName', 'authorEmail', 'body'],
    ],
    ['name and email missing', { authorEmail: undefined, authorName: undefined }, ['authorName', 'authorEmail']],
    ['a blank body', { body: '   \n  ' }, ['body']],
    ['an invalid email', { authorEmail: 'not-an-email' }, ['authorEmail']],
    ['a javascript: website', { authorUrl: 'javascript:alert(1)' }, ['authorUrl']],
    ['a body over the length limit', { body: 'x'.repeat(MAX_LENGTH + 1) }, ['body']],
    ['an unknown article', { article: '000000000000000000000000' }, ['article']],
    ['a malformed article id', { article: 'not-an-id' }, ['article']],
  ])('answers 400 with field-level errors for %s, and stores nothing', async (_, overrides, paths) => {
    const before = await commentsCount()
    const data = comment(overrides)
    const res = await submit(app, surface, Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)))
    expect(res.status).toBe(400)
    expect(res.fieldErrors.map((e) => e.path).sort()).toEqual([...paths].sort())
    expect(res.fieldErrors.every((e) => e.message.length > 0)).toBe(true)
    expect(await commentsCount()).toBe(before)
  })

  it('a missing body is refused by the schema itself', async () => {
    const { body: _b, ...withoutBody } = comment()
    const res = await submit(app, surface, withoutBody)
    // GraphQL refuses the input before Payload runs and, per GraphQL over HTTP, says so in `errors` with a 200.
    expect(res.status).toBe(surface === 'REST' ? 400 : 200)
    expect(res.doc).toBeNull()
    expect(res.message).toMatch(/body/)
  })

  it('accepts an http(s) website', async () => {
    const res = await submit(app, surface, comment({ authorUrl: 'https://ann.example.org/blog' }))
    expect(res.status).toBe(201)
    expect(res.doc?.authorUrl).toBe('https://ann.example.org/blog')
  })

  it('refuses comments on a draft article as if it did not exist', async () => {
    const draft = await publishArticle(payload, { _status: 'draft' })
    const res = await submit(app, surface, comment({ article: draft }))
    expect(res.status).toBe(400)
    expect(res.fieldErrors.map((e) => e.path)).toEqual(['article'])
  })

  describe('replies', () => {
    it('may answer an approved comment of the same article', async () => {
      const parent = await approvedComment()
      const res = await submit(app, surface, comment({ parent: parent.id }))
      expect(res.status).toBe(201)
      expect(String(res.doc?.parent?.id ?? res.doc?.parent)).toBe(String(parent.id))
    })

    it.each([
      ['a pending comment', async () => (await submit(app, 'REST', comment())).doc!.id],
      [
        'a comment of another article',
        async () => (await approvedComment({ article: await publishArticle(payload) })).id,
      ],
      ['an unknown comment', async () => '000000000000000000000000'],
      ['a malformed id', async () => 'not-an-id'],
    ])('may not answer %s (400 on parent)', async (_, parentOf) => {
      const res = await submit(app, surface, comment({ parent: await parentOf() }))
      expect(res.status).toBe(400)
      expect(res.fieldErrors.map((e) => e.path)).toEqual(['parent'])
    })

    it('are limited to the configured depth', async () => {
      await setDiscussion(payload, { maxDepth: 2 })
      const top = await approvedComment()
      const reply = await approvedComment({ parent: top.id })
      expect((await submit(app, surface, comment({ parent: top.id }))).status).toBe(201)
      const tooDeep = await submit(app, surface, comment({ parent: reply.id }))
      expect(tooDeep.status).toBe(400)
      expect(tooDeep.fieldErrors).toEqual([{ message: 'Replies can be nested at most 2 levels deep.', path: 'parent' }])
    })
  })

  describe('rules', () => {
    it('honeypot filled → stored as spam, answered 201 like any held comment', async () => {
      const res = await submit(app, surface, { ...comment(), phone: '555-0100' })
      expect(res.status).toBe(201)
      expect(res.doc?.status).toBe('pending')
      expect(await stored(payload, res.doc!.id)).toMatchObject({
        moderationReason: 'The hidden anti-bot field was filled in',
        status: 'spam',
      })
    })

    it.each([
      ['the body', { body: 'This has a FORBIDDEN-WORD inside.' }, {}, "'forbidden-word' in the comment"],
      ['the name', { authorName: 'forbidden-word fan' }, {}, "'forbidden-word' in the name"],
      ['the IP address', {}, { ip: '203.0.113.66' }, "'203.0.113.66' in the IP address"],
      ['the user agent', {}, { userAgent: 'evilbot/2.1' }, "'EvilBot' in the user agent"],
    ])('disallowed key in %s → spam (201)', async (_, overrides, requester, where) => {
      // A user agent of its own: the same IP on both surfaces must not look like one requester flooding.
      const res = await submit(app, surface, comment(overrides), {
        userAgent: `Mozilla/5.0 (${surface})`,
        ...requester,
      })
      expect(res.status).toBe(201)
      expect(res.doc?.status).toBe('pending')
      expect(await stored(payload, res.doc!.id)).toMatchObject({
        moderationReason: `Matched disallowed key ${where}`,
        status: 'spam',
      })
    })

    it.each([
      ['the article does not allow comments', { allowComments: false }, 'Comments are closed for this article.'],
      [
        'the close date has passed',
        { commentsCloseAt: new Date(Date.now() - 60_000).toISOString() },
        'Comments are closed for this article.',
      ],
    ])('closed: %s → 403', async (_, articleData, message) => {
      const closed = await publishArticle(payload, articleData)
      const before = await commentsCount()
      const res = await submit(app, surface, comment({ article: closed }))
      expect(res).toMatchObject({ message, status: 403 })
      expect(await commentsCount()).toBe(before)
    })

    it('closed: closeAfterDays after publication → 403; a fresh article stays open', async () => {
      await setDiscussion(payload, { closeAfterDays: 2 })
      const old = await publishArticle(payload, { publishedAt: new Date(Date.now() - 3 * 86_400_000).toISOString() })
      expect(await submit(app, surface, comment({ article: old }))).toMatchObject({
        message: 'Comments close 2 days after publication.',
        status: 403,
      })
      expect((await submit(app, surface, comment())).status).toBe(201)
    })

    it('closed: premium-only option → 403 for the public and free readers, open to subscribers', async () => {
      await setDiscussion(payload, { premiumOnly: true })
      const premium = await publishArticle(payload, { premium: true })
      const refused = { message: 'Only subscribers can comment on this article.', status: 403 }
      expect(await submit(app, surface, comment({ article: premium }))).toMatchObject(refused)
      const freeReader = await createReader(app)
      expect(await submit(app, surface, comment({ article: premium }), { token: freeReader.token })).toMatchObject(
        refused,
      )
      const subscriber = await createReader(app, { premium: true })
      expect((await submit(app, surface, comment({ article: premium }), { token: subscriber.token })).status).toBe(201)
      // Free articles stay open to everyone.
      expect((await submit(app, surface, comment())).status).toBe(201)
    })

    it('closed: premium-only follows visibility: members-only articles open to members, tiers to that tier', async () => {
      await setDiscussion(payload, { premiumOnly: true })
      const members = await publishArticle(payload, { visibility: 'members' })
      expect(await submit(app, surface, comment({ article: members }))).toMatchObject({
        message: 'Only members can comment on this article.',
        status: 403,
      })
      const member = await createReader(app)
      expect((await submit(app, surface, comment({ article: members }), { token: member.token })).status).toBe(201)

      const digital = await publishArticle(payload, { tiers: ['digital'], visibility: 'tiers' })
      const refused = { message: 'Only subscribers can comment on this article.', status: 403 }
      const before = await commentsCount()
      expect(await submit(app, surface, comment({ article: digital }), { token: member.token })).toMatchObject(refused)
      const otherTier = await createReader(app, { premium: true, tier: 'print' })
      expect(await submit(app, surface, comment({ article: digital }), { token: otherTier.token })).toMatchObject(
        refused,
      )
      expect(await commentsCount()).toBe(before)
      const digitalSubscriber = await createReader(app, { premium: true, tier: 'digital' })
      expect(
        (await submit(app, surface, comment({ article: digital }), { token: digitalSubscriber.token })).status,
      ).toBe(201)
      // A public article (visibility stated) stays open to everyone.
      const open = await publishArticle(payload, { visibility: 'public' })
      expect((await submit(app, surface, comment({ article: open }))).status).toBe(201)
    })

    it('flood: the same requester (IP + user agent) within floodSeconds → 429 with Retry-After', async () => {
      const ip = uniqueIp()
      expect((await submit(app, surface, comment(), { ip })).status).toBe(201)
      const res = await submit(app, surface, comment(), { ip })
      expect(res.status).toBe(429)
      expect(res.message).toMatch(/^You are posting comments too quickly\. Try again in \d+ seconds\.$/)
      expect(Number(res.retryAfter)).toBeGreaterThanOrEqual(1)
      expect(Number(res.retryAfter)).toBeLessThanOrEqual(15)
    })

    it('flood: a logged-in reader is slowed down by account email, from any address', async () => {
      const account = await createReader(app)
      expect((await submit(app, surface, comment(), { token: account.token })).status).toBe(201)
      expect((await submit(app, surface, comment(), { token: account.token })).status).toBe(429)
    })

    it('flood: the same email from another IP and user agent within floodSeconds → 429 with Retry-After', async () => {
      const authorEmail = uniqueEmail()
      expect(
        (await submit(app, surface, comment({ authorEmail }), { ip: uniqueIp(), userAgent: 'Browser A' })).status,
      ).toBe(201)
      const res = await submit(app, surface, comment({ authorEmail }), { ip: uniqueIp(), userAgent: 'Browser B' })
      expect(res.status).toBe(429)
      expect(res.message).toMatch(/^You are posting comments too quickly\. Try again in \d+ seconds\.$/)
      expect(Number(res.retryAfter)).toBeGreaterThanOrEqual(1)
      expect(Number(res.retryAfter)).toBeLessThanOrEqual(15)
      // Another email from yet another requester is not slowed down.
      expect((await submit(app, surface, comment())).status).toBe(201)
    })

    it('flood: floodSeconds 0 turns the rule off', async () => {
      await setDiscussion(payload, { floodSeconds: 0 })
      const ip = uniqueIp()
      expect((await submit(app, surface, comment(), { ip })).status).toBe(201)
      expect((await submit(app, surface, comment(), { ip })).status).toBe(201)
    })

    it('flood: a honeypot comment answers 201 even when the requester is flooding (spam is decided first)', async () => {
      const ip = uniqueIp()
      expect((await submit(app, surface, comment(), { ip })).status).toBe(201)
      const bot = await submit(app, surface, { ...comment(), phone: 'bot' }, { ip })
      expect(bot.status).toBe(201)
      expect(bot.doc?.status).toBe('pending')
      expect(await stored(payload, bot.doc!.id)).toMatchObject({
        moderationReason: 'The hidden anti-bot field was filled in',
        status: 'spam',
      })
      // The requester was flooding all along: the same comment without the honeypot is refused.
      expect((await submit(app, surface, comment(), { ip })).status).toBe(429)
    })

    it('flood: a disallowed-key comment answers 201 within the flood window (spam is decided first)', async () => {
      const ip = uniqueIp()
      expect((await submit(app, surface, comment(), { ip })).status).toBe(201)
      const spam = await submit(app, surface, comment({ body: 'Have some forbidden-word.' }), { ip })
      expect(spam.status).toBe(201)
      expect(spam.doc?.status).toBe('pending')
      expect(await stored(payload, spam.doc!.id)).toMatchObject({
        moderationReason: "Matched disallowed key 'forbidden-word' in the comment",
        status: 'spam',
      })
      expect((await submit(app, surface, comment({ body: 'Have some kind words.' }), { ip })).status).toBe(429)
    })

    it('exact duplicate (same article, email and body, same requester) → 409; the same words elsewhere are fine', async () => {
      await setDiscussion(payload, { floodSeconds: 0 })
      const data = comment()
      const ip = uniqueIp()
      expect((await submit(app, surface, data, { ip })).status).toBe(201)
      expect(await submit(app, surface, data, { ip })).toMatchObject({
        message: 'Duplicate comment detected; it looks as though you’ve already said that.',
        status: 409,
      })
      expect((await submit(app, surface, { ...data, article: await publishArticle(payload) }, { ip })).status).toBe(201)
    })

    it('exact duplicate: the same article, email and body from another IP and user agent → 409', async () => {
      await setDiscussion(payload, { floodSeconds: 0 })
      const data = comment()
      expect((await submit(app, surface, data, { ip: uniqueIp(), userAgent: 'Browser A' })).status).toBe(201)
      expect(await submit(app, surface, data, { ip: uniqueIp(), userAgent: 'Browser B' })).toMatchObject({
        message: 'Duplicate comment detected; it looks as though you’ve already said that.',
        status: 409,
      })
      // Another email with the same words is not a duplicate.
      expect((await submit(app, surface, { ...data, authorEmail: uniqueEmail() })).status).toBe(201)
    })

    it('more than maxLinks links → pending with the reason', async () => {
      await setDiscussion(payload, { previouslyApproved: false })
      const res = await submit(
        app,
        surface,
        comment({ body: 'See https://a.example, https://b.example and www.c.example' }),
      )
      expect(res.status).toBe(201)
      expect(await stored(payload, res.doc!.id)).toMatchObject({
        moderationReason: '3 links, more than 2',
        status: 'pending',
      })
    })

    it('moderation key → pending; keys editors add at runtime apply to the next comment', async () => {
      const first = await submit(app, surface, comment({ body: 'Fancy a Casino night?' }))
      expect(await stored(payload, first.doc!.id)).toMatchObject({
        moderationReason: "Matched moderation key 'casino' in the comment",
        status: 'pending',
      })
      await setDiscussion(payload, { moderationKeys: 'casino\nlottery' })
      const second = await submit(app, surface, comment({ authorName: 'Lottery Larry' }))
      expect(await stored(payload, second.doc!.id)).toMatchObject({
        moderationReason: "Matched moderation key 'lottery' in the name",
        status: 'pending',
      })
    })

    it('spamCheck verdicts: spam → spam (201), hold → pending', async () => {
      const spam = await submit(app, surface, comment({ body: 'spamcheck-says-spam' }))
      expect(spam.status).toBe(201)
      expect(spam.doc?.status).toBe('pending')
      expect(await stored(payload, spam.doc!.id)).toMatchObject({
        moderationReason: 'The spam check said spam',
        status: 'spam',
      })
      const hold = await submit(app, surface, comment({ body: 'spamcheck-says-hold' }))
      expect(await stored(payload, hold.doc!.id)).toMatchObject({
        moderationReason: 'The spam check asked to hold it',
        status: 'pending',
      })
    })

    /** A visitor's approved comment: submitted from `ip`, approved by an editor. */
    const approvedFrom = async (ip: string, authorEmail: string) => {
      const first = await submit(app, surface, comment({ authorEmail }), { ip })
      expect(first.status).toBe(201)
      await payload.update({ collection: 'comments', data: { status: 'approved' } as never, id: first.doc!.id })
    }

    it('previously approved author (same email, same requester) → approved at once', async () => {
      await setDiscussion(payload, { floodSeconds: 0 })
      const authorEmail = uniqueEmail()
      const ip = uniqueIp()
      await approvedFrom(ip, authorEmail)
      const res = await submit(app, surface, comment({ authorEmail: authorEmail.toUpperCase() }), { ip })
      expect(res.status).toBe(201)
      expect(res.doc?.status).toBe('approved')
      expect(await stored(payload, res.doc!.id)).toMatchObject({
        moderationReason: 'The author has a previously approved comment',
      })
    })

    it('previously approved: an approved comment by an email approves the next comment with that email, from another IP and user agent', async () => {
      await setDiscussion(payload, { floodSeconds: 0 })
      const authorEmail = uniqueEmail()
      await approvedFrom(uniqueIp(), authorEmail)
      const res = await submit(app, surface, comment({ authorEmail }), { ip: uniqueIp(), userAgent: 'Another browser' })
      expect(res.status).toBe(201)
      expect(res.doc?.status).toBe('approved')
      expect(await stored(payload, res.doc!.id)).toMatchObject({
        moderationReason: 'The author has a previously approved comment',
        status: 'approved',
      })
      // Only an approved comment counts: a pending one by another email earns nothing.
      const pendingEmail = uniqueEmail()
      await submit(app, surface, comment({ authorEmail: pendingEmail }))
      expect((await submit(app, surface, comment({ authorEmail: pendingEmail }))).doc?.status).toBe('pending')
    })

    it('previously approved: a logged-in reader is recognised by account, from any address', async () => {
      await setDiscussion(payload, { floodSeconds: 0 })
      const account = await createReader(app, { name: 'Vera Verified' })
      await approvedComment({ authorEmail: account.email, reader: account.id })
      const genuine = await submit(app, surface, comment(), { token: account.token })
      expect(genuine.doc?.status).toBe('approved')
    })

    it('manual approval → pending, even for a previously approved author', async () => {
      await setDiscussion(payload, { floodSeconds: 0, manualApproval: true })
      const authorEmail = uniqueEmail()
      const ip = uniqueIp()
      await approvedFrom(ip, authorEmail)
      const res = await submit(app, surface, comment({ authorEmail }), { ip })
      expect(await stored(payload, res.doc!.id)).toMatchObject({
        moderationReason: 'Manual approval is on: every comment waits for an editor',
        status: 'pending',
      })
    })

    it('previouslyApproved off → a known author waits like anyone', async () => {
      await setDiscussion(payload, { floodSeconds: 0, previouslyApproved: false })
      const authorEmail = uniqueEmail()
      const ip = uniqueIp()
      await approvedFrom(ip, authorEmail)
      const res = await submit(app, surface, comment({ authorEmail }), { ip })
      expect(await stored(payload, res.doc!.id)).toMatchObject({
        moderationReason: 'Awaiting moderation',
        status: 'pending',
      })
    })

    it('spam is decided before the refusals: a disallowed key or the honeypot on a closed article is stored as spam (201), without them 403', async () => {
      const closed = await publishArticle(payload, { allowComments: false })
      const spam = await submit(app, surface, comment({ article: closed, body: 'forbidden-word' }))
      const bot = await submit(app, surface, { ...comment({ article: closed }), phone: 'bot' })
      const ham = await submit(app, surface, comment({ article: closed, body: 'kind words' }))
      expect([spam.status, bot.status, ham.status]).toEqual([201, 201, 403])
      expect([spam.doc?.status, bot.doc?.status]).toEqual(['pending', 'pending'])
      expect((await stored(payload, spam.doc!.id)).status).toBe('spam')
      expect((await stored(payload, bot.doc!.id)).status).toBe('spam')
    })
  })
})

describe('REST bodies GraphQL’s types cannot even express', () => {
  it.each([
    ['article', { article: { $ne: null } }],
    ['parent', { parent: { $ne: null } }],
    ['parent', { parent: { id: { $gt: '' } } }],
  ])('an operator object as %s is a field error on it', async (path, overrides) => {
    const res = await submit(app, 'REST', comment(overrides))
    expect(res.status).toBe(400)
    expect(res.fieldErrors.map((e) => e.path)).toEqual([path])
  })

  // Red team F4 (rest): Payload's own error had an empty list, naming no field.
  it('a comment whose article is an operator object gets a field error naming `article`', async () => {
    const before = await commentsCount()
    const res = await app.rest.post('/comments', {
      body: { article: { $ne: null }, authorEmail: 'a@example.org', authorName: 'A', body: 'Hi.' },
    })
    expect(res.status).toBe(400)
    expect(res.json.errors[0].data.errors).toEqual([{ message: 'Article not found.', path: 'article' }])
    expect(await commentsCount()).toBe(before)
  })
})

describe('error shapes (as documented in the README)', () => {
  it('REST: 429 with Retry-After and `errors[0]` { name, message, data: { rule, retryAfter } }', async () => {
    const headers = { 'x-forwarded-for': uniqueIp() }
    await app.rest.post('/comments', { body: comment(), headers })
    const res = await app.rest.post('/comments', { body: comment(), headers })
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(res.json).toEqual({
      errors: [
        {
          data: { retryAfter: Number(res.headers.get('retry-after')), rule: 'flood' },
          message: expect.stringMatching(/^You are posting comments too quickly/),
          name: 'CommentRejectedError',
        },
      ],
    })
  })

  it('GraphQL: `createComment: null` and `errors[0].extensions` { name, statusCode, data }', async () => {
    const closed = await publishArticle(payload, { allowComments: false })
    const res = await graphqlWithHeaders(
      app,
      'mutation($data: mutationCommentInput!) { createComment(data: $data) { id } }',
      { data: comment({ article: closed }) },
    )
    expect(res.data).toEqual({ createComment: null })
    expect(res.errors).toEqual([
      expect.objectContaining({
        extensions: { data: { rule: 'closed' }, name: 'CommentRejectedError', statusCode: 403 },
        message: 'Comments are closed for this article.',
        path: ['createComment'],
      }),
    ])
  })

  it('GraphQL: field errors are a ValidationError with `extensions.data.errors` [{ path, message }]', async () => {
    const res = await graphqlWithHeaders(
      app,
      'mutation($data: mutationCommentInput!) { createComment(data: $data) { id } }',
      { data: comment({ authorEmail: 'nope' }) },
    )
    expect(res.errors?.[0]).toMatchObject({
      extensions: {
        data: {
          collection: 'comments',
          errors: [{ message: 'Please enter a valid email address.', path: 'authorEmail' }],
        },
        name: 'ValidationError',
        statusCode: 400,
      },
      message: 'The following field is invalid: authorEmail',
    })
  })
})

describe('Discussion settings', () => {
  it('notification recipients must be email addresses (field-level 400)', async () => {
    const res = await app.rest.post('/globals/discussion-settings', {
      body: { notifyEditors: 'desk@example.org\nnot-an-address' },
      token: app.editorToken,
    })
    expect(res.status).toBe(400)
    expect(res.json.errors[0].data.errors).toEqual([
      { label: expect.anything(), message: 'Not an email address: not-an-address', path: 'notifyEditors' },
    ])
  })
})

describe('editors', () => {
  it('are not moderated and set the status themselves', async () => {
    const res = await app.rest.post('/comments', {
      body: comment({
        body: 'casino forbidden-word https://a.example https://b.example https://c.example',
        status: 'approved',
      }),
      query: { depth: 0 },
      token: app.editorToken,
    })
    expect(res.status).toBe(201)
    expect(res.json.doc.status).toBe('approved')
  })

  it('can change any comment’s status', async () => {
    const pending = await submit(app, 'REST', comment())
    const res = await app.rest.patch(`/comments/${pending.doc!.id}`, {
      body: { status: 'approved' },
      token: app.editorToken,
    })
    expect(res.status).toBe(200)
    expect((await stored(payload, pending.doc!.id)).status).toBe('approved')
  })

  it('a public PATCH cannot approve a comment', async () => {
    const pending = await submit(app, 'REST', comment())
    const res = await app.rest.patch(`/comments/${pending.doc!.id}`, { body: { status: 'approved' } })
    expect(res.status).toBe(403)
    expect((await stored(payload, pending.doc!.id)).status).toBe('pending')
  })

  it('a backdated createdAt from the public is ignored (it would dodge the flood rule)', async () => {
    const ip = uniqueIp()
    const first = await submit(app, 'REST', { ...comment(), createdAt: '2000-01-01T00:00:00.000Z' }, { ip })
    expect(new Date((await stored(payload, first.doc!.id)).createdAt).getFullYear()).toBeGreaterThan(2000)
    expect((await submit(app, 'REST', comment(), { ip })).status).toBe(429)
  })
})

describe('Local API', () => {
  it('runs the same rules for server code acting for the public (overrideAccess: false)', async () => {
    const created = await payload.create({
      collection: 'comments',
      data: comment({ body: 'forbidden-word', status: 'approved' }) as never,
      overrideAccess: false,
    })
    // The requester sees the held status; the stored truth is spam.
    expect(created.status).toBe('pending')
    expect((await stored(payload, created.id)).status).toBe('spam')
  })

  it('trusted server code (overrideAccess, the Local API default) is not moderated, like an editor', async () => {
    const created = await payload.create({
      collection: 'comments',
      data: comment({ body: 'forbidden-word', status: 'approved' }) as never,
    })
    expect(created.status).toBe('approved')
  })

  it('refusals are errors with their status', async () => {
    const closed = await publishArticle(payload, { allowComments: false })
    await expect(
      payload.create({ collection: 'comments', data: comment({ article: closed }) as never, overrideAccess: false }),
    ).rejects.toMatchObject({ message: 'Comments are closed for this article.', status: 403 })
  })
})
