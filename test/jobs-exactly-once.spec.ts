/**
 * Exactly-once mail and the reconcile task through a real Payload (one process; the multi-process runs are
 * cluster-*.spec.ts): a message is sent once however often it is attempted, a failed send can be retried,
 * a dead runner's claim or job is taken over after the lease, the recount does not clobber a concurrent
 * count, and the reconcile task is scheduled on Payload's jobs queue without a dead run blocking it.
 */
import type { Payload, PayloadRequest, SendEmailOptions } from 'payload'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createLocalReq } from 'payload'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { INTERNAL_SLUGS } from '../src/defaults.js'
import { resolveOptions } from '../src/defaults.js'
import { DeliveryInFlightError, deliverOnce } from '../src/delivery/deliverOnce.js'
import { messageKey } from '../src/delivery/messageKey.js'
import { reconcile, RECONCILE_TASK, recountCommentCounts } from '../src/jobs/reconcile.js'
import { SEND_ARTICLE_EMAIL_TASK } from '../src/email/sendArticleEmailTask.js'
import { publishArticle } from './comments-fixtures.js'
import { startNewsroomApp } from './helpers/newsroomApp.js'

const LEASE_SECONDS = 60
const options = resolveOptions({ jobs: { leaseSeconds: LEASE_SECONDS } })
const sent: SendEmailOptions[] = []
let failNext = 0

let app: NewsroomTestApp
let payload: Payload
let req: PayloadRequest

beforeAll(async () => {
  app = await startNewsroomApp(
    { jobs: { leaseSeconds: LEASE_SECONDS } },
    {
      email: () => ({
        name: 'recording',
        defaultFromAddress: 'newsroom@example.org',
        defaultFromName: 'Newsroom',
        sendEmail: async (message: SendEmailOptions) => {
          if (failNext > 0) {
            failNext--
            throw new Error('connect ECONNREFUSED')
          }
          sent.push(message)
          return { accepted: [message.to] }
        },
      }),
    },
  )
  payload = app.payload
  req = await createLocalReq({}, payload)
})
afterAll(() => app?.shutdown())
beforeEach(() => {
  sent.length = 0
  failNext = 0
})

const message = (to: string): SendEmailOptions => ({ html: '<p>hi</p>', subject: 'Hello', text: 'hi', to })
const deliveries = (key: string) =>
  payload.db.find({
    collection: 'newsroom-deliveries',
    limit: 0,
    pagination: false,
    req,
    where: { key: { equals: key } },
  })

describe('deliverOnce', () => {
  it('sends a message once however many runners attempt it at the same time, then never again', async () => {
    const key = messageKey('test', 'concurrent')
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        deliverOnce(req, options, { key, message: message('a@example.org'), task: 'test' }),
      ),
    )
    expect(sent).toHaveLength(1)
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'sent')).toHaveLength(1)
    // The others found it sent (or, at worst, were told to retry later — never a second send).
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(DeliveryInFlightError)
    expect(await deliverOnce(req, options, { key, message: message('a@example.org'), task: 'test' })).toBe(
      'already-sent',
    )
    expect(sent).toHaveLength(1)
    expect((await deliveries(key)).docs).toMatchObject([{ state: 'sent' }])
  })

  it('passes the key to the adapter as header and Message-ID', async () => {
    const key = messageKey('test', 'headers')
    await deliverOnce(req, options, { key, message: message('h@example.org'), task: 'test' })
    expect(sent[0]).toMatchObject({
      headers: { 'X-Idempotency-Key': key },
      messageId: `<${key}@payload-plugin-newsroom.invalid>`,
    })
  })

  it('gives the claim back when the send fails, so the retry sends it', async () => {
    const key = messageKey('test', 'fails-once')
    failNext = 1
    await expect(deliverOnce(req, options, { key, message: message('b@example.org'), task: 'test' })).rejects.toThrow(
      'ECONNREFUSED',
    )
    expect((await deliveries(key)).docs).toEqual([])
    expect(await deliverOnce(req, options, { key, message: message('b@example.org'), task: 'test' })).toBe('sent')
    expect(sent).toHaveLength(1)
  })

  it('takes over the claim of a runner that died mid-send once its lease expired', async () => {
    const key = messageKey('test', 'dead-holder')
    const expired = new Date(Date.now() - (LEASE_SECONDS + 1) * 1000).toISOString()
    await payload.db.create({
      collection: 'newsroom-deliveries',
      data: { claimedAt: expired, key, owner: 'dead-runner', state: 'claimed', task: 'test' },
      req,
    })
    expect(await deliverOnce(req, options, { key, message: message('c@example.org'), task: 'test' })).toBe('sent')
    expect(sent).toHaveLength(1)
  })

  it('does not send while another runner holds a fresh claim: the job is retried later', async () => {
    const key = messageKey('test', 'live-holder')
    await payload.db.create({
      collection: 'newsroom-deliveries',
      data: { claimedAt: new Date().toISOString(), key, owner: 'live-runner', state: 'claimed', task: 'test' },
      req,
    })
    await expect(
      deliverOnce(req, options, { key, message: message('d@example.org'), task: 'test' }),
    ).rejects.toBeInstanceOf(DeliveryInFlightError)
    expect(sent).toHaveLength(0)
  })

  it('sends a re-queued job (same message) once', async () => {
    const input = {
      html: '<p>x</p>',
      request: 'form-post-1',
      subject: 'Read this',
      text: 'x',
      to: 'friend@example.org',
    }
    await payload.jobs.queue({ input, task: SEND_ARTICLE_EMAIL_TASK as never })
    await payload.jobs.queue({ input, task: SEND_ARTICLE_EMAIL_TASK as never })
    await payload.jobs.run({ silent: true })
    await payload.jobs.run({ silent: true })
    expect(sent.map((m) => m.to)).toEqual(['friend@example.org'])
  })
})

describe('reconcile', () => {
  const approvedCount = async (articleId: string) =>
    (
      await payload.count({
        collection: 'comments',
        where: { and: [{ article: { equals: articleId } }, { status: { equals: 'approved' } }] },
      })
    ).totalDocs
  const storedCount = async (articleId: string) =>
    ((await payload.findByID({ collection: 'articles', depth: 0, id: articleId })) as { commentCount?: number })
      .commentCount
  const approvedComment = (articleId: string, n: number) =>
    payload.create({
      collection: 'comments',
      data: {
        article: articleId,
        authorEmail: `r${n}@example.org`,
        authorName: `R${n}`,
        body: `Approved ${n}`,
        status: 'approved',
      } as never,
    })

  it('repairs drifted counts and reports by how much', async () => {
    const articleId = await publishArticle(payload)
    for (let n = 0; n < 3; n++) await approvedComment(articleId, n)
    await payload.db.updateOne({
      collection: 'articles',
      data: { commentCount: 7, updatedAt: null },
      id: articleId,
      req,
    })
    await payload.jobs.queue({ input: {}, task: RECONCILE_TASK as never })
    await payload.jobs.run({ silent: true, where: { taskSlug: { equals: RECONCILE_TASK } } })
    expect(await storedCount(articleId)).toBe(3)
    await payload.db.updateOne({
      collection: 'articles',
      data: { commentCount: 9, updatedAt: null },
      id: articleId,
      req,
    })
    const report = await reconcile(req, options)
    expect(report).toMatchObject({ articlesRepaired: 1, countDrift: 6 })
    expect(await storedCount(articleId)).toBe(3)
  })

  it('does not clobber an approval counted while it recounts', async () => {
    const articleId = await publishArticle(payload)
    for (let n = 0; n < 2; n++) await approvedComment(articleId, 10 + n)
    await payload.db.updateOne({
      collection: 'articles',
      data: { commentCount: 5, updatedAt: null },
      id: articleId,
      req,
    })
    // The interleaving to beat: between the recount's count of the count entries and its write, another instance approves a comment (and counts it).
    const count = payload.db.count
    let interleaved = false
    payload.db.count = async function (args) {
      const result = await count.call(this, args)
      if (!interleaved && args.collection === INTERNAL_SLUGS.countedComments) {
        interleaved = true
        await approvedComment(articleId, 99)
      }
      return result
    }
    try {
      const report = await recountCommentCounts(req, options)
      expect(report.articlesRepaired).toBeGreaterThanOrEqual(1)
    } finally {
      payload.db.count = count
    }
    expect(interleaved).toBe(true)
    expect(await approvedCount(articleId)).toBe(3)
    expect(await storedCount(articleId)).toBe(3)
  })

  it('releases a job whose runner died after the lease, not a living one, and it then sends once', async () => {
    const input = { html: '<p>x</p>', request: 'form-post-2', subject: 'Stuck', text: 'x', to: 'stuck@example.org' }
    const dead = (await payload.jobs.queue({ input, task: SEND_ARTICLE_EMAIL_TASK as never })) as unknown as {
      id: string
    }
    const alive = (await payload.jobs.queue({
      input: { ...input, request: 'form-post-3', to: 'alive@example.org' },
      task: SEND_ARTICLE_EMAIL_TASK as never,
    })) as unknown as { id: string }
    const old = new Date(Date.now() - (LEASE_SECONDS + 5) * 1000).toISOString()
    await payload.db.updateOne({
      collection: 'payload-jobs',
      data: { processing: true, updatedAt: old },
      id: dead.id,
      req,
    })
    await payload.db.updateOne({ collection: 'payload-jobs', data: { processing: true }, id: alive.id, req })
    await payload.jobs.run({ silent: true }) // neither runs: both look taken
    expect(sent).toHaveLength(0)

    await payload.jobs.queue({ input: {}, task: RECONCILE_TASK as never })
    await payload.jobs.run({ silent: true, where: { taskSlug: { equals: RECONCILE_TASK } } })
    const jobs = await payload.db.find({
      collection: 'payload-jobs',
      limit: 0,
      pagination: false,
      req,
      where: { id: { in: [dead.id, alive.id] } },
    })
    const processing = Object.fromEntries(
      jobs.docs.map((j) => [String(j.id), (j as { processing?: boolean }).processing]),
    )
    expect(processing[String(alive.id)]).toBe(true)
    await payload.jobs.run({ silent: true })
    expect(sent.map((m) => m.to)).toEqual(['stuck@example.org'])
    await payload.db.deleteOne({ collection: 'payload-jobs', req, where: { id: { equals: alive.id } } })
  })

  it('is scheduled on the jobs queue, once at a time, and a dead reconcile run does not block the schedule', async () => {
    const reconcileJobs = async () =>
      (
        await payload.db.find({
          collection: 'payload-jobs',
          limit: 0,
          pagination: false,
          req,
          where: { taskSlug: { equals: RECONCILE_TASK } },
        })
      ).docs as {
        id: string
        processing?: boolean
      }[]
    for (const job of await reconcileJobs())
      await payload.db.deleteOne({ collection: 'payload-jobs', req, where: { id: { equals: job.id } } })

    const first = await payload.jobs.handleSchedules()
    expect(first.queued.map((q) => q.taskConfig?.slug)).toContain(RECONCILE_TASK)
    const second = await payload.jobs.handleSchedules()
    expect(second.queued.map((q) => q.taskConfig?.slug)).not.toContain(RECONCILE_TASK)

    // Its runner died: processing, not written for longer than the lease.
    const [scheduled] = await reconcileJobs()
    const old = new Date(Date.now() - (LEASE_SECONDS + 5) * 1000).toISOString()
    await payload.db.updateOne({
      collection: 'payload-jobs',
      data: { processing: true, updatedAt: old },
      id: scheduled!.id,
      req,
    })
    const third = await payload.jobs.handleSchedules()
    expect(third.queued.map((q) => q.taskConfig?.slug)).toContain(RECONCILE_TASK)
  })
})
