/**
 * Notifications go through Payload's email adapter, queued on Payload's jobs queue: editors hear of comments
 * awaiting moderation, a comment's author (optionally) of an approved reply, and a failing mail server
 * neither loses nor blocks a comment.
 */
import type { EmailAdapter, Payload, SendEmailOptions } from 'payload'

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import {
  fingerprintOf,
  publishArticle,
  setDiscussion,
  stored,
  submit,
  uniqueEmail,
  uniqueIp,
} from './comments-fixtures.js'
import { startNewsroomApp } from './helpers/newsroomApp.js'

type Sent = { html: string; subject: string; text: string; to: string[] }
const sent: Sent[] = []
let mailServerDown = false

/** Records what it sends; throws like an unreachable SMTP server while `mailServerDown`. */
const flakyMailAdapter: EmailAdapter = () => ({
  name: 'flaky-test-mail',
  defaultFromAddress: 'newsroom@example.org',
  defaultFromName: 'Newsroom',
  sendEmail: async (message: SendEmailOptions) => {
    if (mailServerDown) throw new Error('connect ECONNREFUSED 127.0.0.1:25')
    const to = (Array.isArray(message.to) ? message.to : [message.to]).map(String)
    sent.push({ html: String(message.html), subject: String(message.subject), text: String(message.text), to })
    return { accepted: to }
  },
})

const DESK = ['desk@example.org', 'night-desk@example.org']
const SETTINGS = { notifyEditors: DESK.join('\n'), notifyReplyAuthors: true }

let app: NewsroomTestApp
let payload: Payload
let articleId: string
let articleTitle: string
let editor: Record<string, any>

beforeAll(async () => {
  app = await startNewsroomApp({ comments: { disallowedKeys: ['forbidden-word'] } }, { email: flakyMailAdapter })
  payload = app.payload
  articleId = await publishArticle(payload, { title: 'Bridge vote delayed again' })
  articleTitle = 'Bridge vote delayed again'
  editor = (await payload.find({ collection: 'users', limit: 1 })).docs[0] as Record<string, any>
})
afterAll(() => app?.shutdown())
beforeEach(async () => {
  await setDiscussion(payload, SETTINGS)
  // Start every test with an empty queue and mailbox.
  await payload.jobs.run({ silent: true })
  sent.length = 0
  mailServerDown = false
})
afterEach(() => {
  mailServerDown = false
})

const queuedJobs = async (task: string) =>
  (await payload.find({ collection: 'payload-jobs', depth: 0, limit: 100, where: { taskSlug: { equals: task } } }))
    .docs as Record<string, any>[]

const approved = async (data: Record<string, unknown>) =>
  payload.create({
    collection: 'comments',
    data: {
      article: articleId,
      authorName: 'Known',
      body: `Approved ${Math.random()}`,
      status: 'approved',
      ...data,
    } as never,
    overrideAccess: false,
    user: editor as never,
  })

describe('editors', () => {
  it('hear of a new comment awaiting moderation, through the jobs queue', async () => {
    const res = await submit(app, 'REST', {
      article: articleId,
      authorEmail: uniqueEmail(),
      authorName: 'Nora New',
      body: 'First time here.\n\n<b>Not bold</b>',
    })
    expect(res.status).toBe(201)
    // Nothing is sent while answering the request: the job waits for the runner.
    expect(sent).toHaveLength(0)
    expect(await queuedJobs('newsroomNotifyEditorsOfComment')).toHaveLength(1)
    await payload.jobs.run({ silent: true })
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ subject: `New comment awaiting moderation: “${articleTitle}”`, to: DESK })
    expect(sent[0].text).toContain('First time here.')
    expect(sent[0].text).toContain(`/admin/collections/comments/${res.doc!.id}`)
    // The comment is plain text: markup arrives escaped in the HTML mail.
    expect(sent[0].html).toContain('&lt;b&gt;Not bold&lt;/b&gt;')
  })

  it('are not bothered with spam, approved comments, or when nobody is listed', async () => {
    await submit(app, 'REST', {
      article: articleId,
      authorEmail: uniqueEmail(),
      authorName: 'Bot',
      body: 'forbidden-word',
    })
    const authorEmail = uniqueEmail()
    const ip = uniqueIp()
    await approved({ authorEmail, fingerprint: fingerprintOf(payload, ip) })
    await setDiscussion(payload, { floodSeconds: 0 })
    expect(
      (await submit(app, 'REST', { article: articleId, authorEmail, authorName: 'Known', body: 'Back again' }, { ip }))
        .doc?.status,
    ).toBe('approved')
    await setDiscussion(payload, { notifyEditors: '' })
    await submit(app, 'REST', {
      article: articleId,
      authorEmail: uniqueEmail(),
      authorName: 'Quiet',
      body: 'Nobody to tell',
    })
    expect(await queuedJobs('newsroomNotifyEditorsOfComment')).toHaveLength(0)
    await payload.jobs.run({ silent: true })
    expect(sent).toHaveLength(0)
  })

  it('a comment moderated before the job runs is not announced', async () => {
    const res = await submit(app, 'REST', {
      article: articleId,
      authorEmail: uniqueEmail(),
      authorName: 'Quick',
      body: 'Approved fast',
    })
    await payload.update({ collection: 'comments', data: { status: 'approved' } as never, id: res.doc!.id })
    await payload.jobs.run({ silent: true })
    expect(sent).toHaveLength(0)
  })
})

describe('reply authors', () => {
  it('hear when a reply to their comment is approved', async () => {
    const parentEmail = uniqueEmail()
    const parent = await approved({ authorEmail: parentEmail, authorName: 'Pat Parent' })
    const reply = await submit(app, 'REST', {
      article: articleId,
      authorEmail: uniqueEmail(),
      authorName: 'Rory Reply',
      body: 'I disagree, politely.',
      parent: parent.id,
    })
    expect(reply.doc?.status).toBe('pending')
    await payload.jobs.run({ silent: true })
    sent.length = 0 // the editors' mail about the pending reply

    await app.rest.patch(`/comments/${reply.doc!.id}`, { body: { status: 'approved' }, token: app.editorToken })
    await payload.jobs.run({ silent: true })
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      subject: `Rory Reply replied to your comment on “${articleTitle}”`,
      to: [parentEmail],
    })
    expect(sent[0].text).toContain('I disagree, politely.')
    expect(sent[0].text).toContain(`#comment-${reply.doc!.id}`)
    // The replier's address is not the parent author's business.
    expect(sent[0].text).not.toContain((await stored(payload, reply.doc!.id)).authorEmail)
  })

  it('are not mailed when the option is off, nor about their own replies', async () => {
    const parentEmail = uniqueEmail()
    const parent = await approved({ authorEmail: parentEmail })
    await approved({ authorEmail: parentEmail, body: 'Replying to myself', parent: parent.id })
    await payload.jobs.run({ silent: true })
    expect(sent).toHaveLength(0)
    await setDiscussion(payload, { notifyReplyAuthors: false })
    await approved({ authorEmail: uniqueEmail(), body: 'A reply while the option is off', parent: parent.id })
    await payload.jobs.run({ silent: true })
    expect(sent).toHaveLength(0)
    expect(await queuedJobs('newsroomNotifyReplyAuthor')).toHaveLength(0)
  })
})

describe('a failing mail server', () => {
  it('neither loses nor blocks the comment; the mail goes out on a later run', async () => {
    mailServerDown = true
    const res = await submit(app, 'REST', {
      article: articleId,
      authorEmail: uniqueEmail(),
      authorName: 'Patient',
      body: 'Sent while mail is down',
    })
    expect(res.status).toBe(201)
    expect((await stored(payload, res.doc!.id)).status).toBe('pending')

    await payload.jobs.run({ silent: true })
    expect(sent).toHaveLength(0)
    const [job] = await queuedJobs('newsroomNotifyEditorsOfComment')
    expect(job).toBeDefined()
    expect(job.completedAt ?? null).toBeNull()
    expect(job.totalTried).toBe(1)
    // Kept for a retry after a back-off pause.
    expect(new Date(job.waitUntil).getTime()).toBeGreaterThan(Date.now())

    mailServerDown = false
    await payload.update({ collection: 'payload-jobs', data: { waitUntil: new Date().toISOString() }, id: job.id })
    await payload.jobs.run({ silent: true })
    expect(sent).toHaveLength(1)
    expect(sent[0].text).toContain('Sent while mail is down')
  })
})
