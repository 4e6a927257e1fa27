import type { PayloadRequest, TaskConfig, Where } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { repairCommentCount } from '../commentCount/repairCommentCount.js'

import { readDiscussionSettings } from '../globals/discussionSettings.js'
import { SEND_ARTICLE_EMAIL_TASK } from '../email/sendArticleEmailTask.js'
import { editorsNotice, NOTIFY_EDITORS_TASK, NOTIFY_REPLY_AUTHOR_TASK, replyNotice } from './commentNotifications.js'
import { deliveryClaimed } from '../delivery/deliverOnce.js'
import { leaseCutoff } from '../delivery/lease.js'
import { expireOldPdfs } from '../print/pdf/pdfCache.js'
import { SCHEDULE_PUBLISH_TASK } from './publishOnce.js'

/**
 * Repairs what crashed instances left half done (abandoned jobs, drifted comment counts, unsent notifications)
 * and clears what has outlived its use (old delivery claims, stale cached PDFs).
 */
export const RECONCILE_TASK = 'newsroomReconcile'

const JOBS = 'payload-jobs'

type ScheduleConfig = NonNullable<TaskConfig['schedule']>[number]
type BeforeScheduleFn = NonNullable<NonNullable<ScheduleConfig['hooks']>['beforeSchedule']>
// Payload's scheduled publish counts as ours: the plugin runs it once per job (publishOnce.ts), so a released one is safe.
const OUR_TASKS = [
  NOTIFY_EDITORS_TASK,
  NOTIFY_REPLY_AUTHOR_TASK,
  SEND_ARTICLE_EMAIL_TASK,
  RECONCILE_TASK,
  SCHEDULE_PUBLISH_TASK,
]
const DAY_MS = 24 * 60 * 60 * 1000
// A notification not sent within a week is not sent late (nobody wants last month's "new comment" mail).
const REPAIR_WINDOW_MS = 7 * DAY_MS
// Sent claims are kept well past any retry or repair that could repeat their message, then purged.
const DELIVERY_RETENTION_MS = 30 * DAY_MS
// A comment written once by a moderated create and never changed since: its two stamps are this close.
const UNCHANGED_SINCE_CREATE_MS = 2_000
const PAGE = 200

export type ReconcileReport = {
  /** Jobs of ours stuck `processing` past the lease (their runner died), given back to the queue. */
  releasedJobs: number
  articlesChecked: number
  /** Articles whose `commentCount` differed from their approved comments, and by how much in total. */
  articlesRepaired: number
  countDrift: number
  /** Notifications queued for comments stored without them (no job, never sent). */
  notificationsQueued: number
  /** Sent-message claims older than the retention, deleted. */
  deliveriesPurged: number
  /** Cached PDFs not drawn again within 30 days, deleted. */
  pdfsExpired: number
}

type JobDoc = { id: number | string; input?: Record<string, unknown>; taskSlug?: string; updatedAt?: string }
type CommentStamp = { createdAt?: string; id: number | string; updatedAt?: string }
type ArticleCount = { commentCount?: null | number; id: number | string }

const findAll = async <T>(
  req: PayloadRequest,
  collection: string,
  where: Where,
  select?: Record<string, true>,
): Promise<T[]> =>
  (await req.payload.db.find({ collection, limit: 0, pagination: false, req, select, where })).docs as T[]

/**
 * Jobs of ours still `processing` whose last write is older than the lease: their runner died (Payload never
 * looks at a processing job again). Released with a conditional write on the stamp we read, so a slow but
 * living runner that just wrote keeps its job. A released job runs again; its messages are claimed, so a
 * send that did complete is not repeated (deliverOnce).
 */
export const releaseAbandonedJobs = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  now: Date,
): Promise<number> => {
  const stuck = await findAll<JobDoc>(
    req,
    JOBS,
    {
      and: [
        { processing: { equals: true } },
        { taskSlug: { in: OUR_TASKS } },
        { updatedAt: { less_than: leaseCutoff(now, options.jobs.leaseSeconds).toISOString() } },
      ],
    },
    { updatedAt: true },
  )
  let released = 0
  for (const job of stuck) {
    const done = await req.payload.db.updateOne({
      collection: JOBS,
      data: { processing: false },
      req,
      where: {
        and: [{ id: { equals: job.id } }, { processing: { equals: true } }, { updatedAt: { equals: job.updatedAt } }],
      },
    })
    if (done) released++
  }
  return released
}

/**
 * One article's `commentCount` repaired: comments whose count entry disagrees with their status are settled,
 * then the count is set to the entries, conditional on the value read (src/commentCount/).
 */
const recountArticle = (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  article: ArticleCount,
): Promise<number> => repairCommentCount(req.payload, options, article.id)

export const recountCommentCounts = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
): Promise<Pick<ReconcileReport, 'articlesChecked' | 'articlesRepaired' | 'countDrift'>> => {
  const report = { articlesChecked: 0, articlesRepaired: 0, countDrift: 0 }
  for (let page = 1; ; page++) {
    const result = await req.payload.db.find({
      collection: options.slugs.articles,
      limit: PAGE,
      page,
      pagination: true,
      req,
      select: { commentCount: true },
      sort: 'createdAt',
    })
    for (const article of result.docs as ArticleCount[]) {
      report.articlesChecked++
      const drift = await recountArticle(req, options, article)
      if (drift > 0) {
        report.articlesRepaired++
        report.countDrift += drift
      }
    }
    if (!result.hasNextPage) return report
  }
}

/**
 * Comments stored without their notification (the instance died between the insert and queueing the job,
 * or the job was lost): a pending comment from the public never changed since its create, or an approved
 * reply, within the repair window, with no job of its task and no claim of its message. Queued once; a
 * second, concurrent reconcile may queue it twice, and the message claim still sends it once.
 */
export const queueMissingNotifications = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  now: Date,
): Promise<number> => {
  const settings = await readDiscussionSettings(req, options)
  const since = new Date(now.getTime() - REPAIR_WINDOW_MS).toISOString()
  // Every job of these tasks not completed (waiting, retrying, failed for good, running): the message has one.
  const jobs = await findAll<JobDoc>(
    req,
    JOBS,
    {
      and: [{ taskSlug: { in: [NOTIFY_EDITORS_TASK, NOTIFY_REPLY_AUTHOR_TASK] } }, { completedAt: { exists: false } }],
    },
    { input: true, taskSlug: true },
  )
  const hasJob = new Set(
    jobs.map((job) => `${job.taskSlug}:${String(job.input?.commentId)}:${String(job.input?.reason ?? '')}`),
  )
  let queued = 0
  const queue = async (task: string, input: Record<string, unknown>) => {
    await req.payload.jobs.queue({ input, req, task } as Parameters<typeof req.payload.jobs.queue>[0])
    queued++
  }

  if (settings.notifyEditors.length > 0) {
    const pending = await findAll<CommentStamp>(
      req,
      options.slugs.comments,
      {
        and: [
          { status: { equals: 'pending' } },
          { moderationReason: { exists: true } },
          { createdAt: { greater_than: since } },
        ],
      },
      { createdAt: true, updatedAt: true },
    )
    for (const comment of pending) {
      // Edited or sent back since: not a new comment (a send-back has its own message).
      const changed =
        Math.abs(new Date(comment.updatedAt ?? 0).getTime() - new Date(comment.createdAt ?? 0).getTime()) >
        UNCHANGED_SINCE_CREATE_MS
      if (changed || hasJob.has(`${NOTIFY_EDITORS_TASK}:${String(comment.id)}:pending`)) continue
      const notice = await editorsNotice(req, options, { commentId: String(comment.id), reason: 'pending' })
      if (notice && !(await deliveryClaimed(req, notice.key)))
        await queue(NOTIFY_EDITORS_TASK, { commentId: String(comment.id), reason: 'pending' })
    }
  }

  if (settings.notifyReplyAuthors) {
    const replies = await findAll<CommentStamp>(
      req,
      options.slugs.comments,
      {
        and: [{ status: { equals: 'approved' } }, { parent: { exists: true } }, { updatedAt: { greater_than: since } }],
      },
      { updatedAt: true },
    )
    for (const reply of replies) {
      if (hasJob.has(`${NOTIFY_REPLY_AUTHOR_TASK}:${String(reply.id)}:`)) continue
      const notice = await replyNotice(req, options, String(reply.id))
      if (notice && !(await deliveryClaimed(req, notice.key)))
        await queue(NOTIFY_REPLY_AUTHOR_TASK, { commentId: String(reply.id) })
    }
  }
  return queued
}

const purgeOldDeliveries = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  now: Date,
): Promise<number> => {
  const where: Where = {
    and: [
      { state: { equals: 'sent' } },
      { sentAt: { less_than: new Date(now.getTime() - DELIVERY_RETENTION_MS).toISOString() } },
    ],
  }
  const { totalDocs } = await req.payload.db.count({ collection: options.slugs.deliveries, req, where })
  if (totalDocs > 0) await req.payload.db.deleteMany({ collection: options.slugs.deliveries, req, where })
  return totalDocs
}

export const reconcile = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  now = new Date(),
): Promise<ReconcileReport> => {
  const releasedJobs = await releaseAbandonedJobs(req, options, now)
  const counts = await recountCommentCounts(req, options)
  const notificationsQueued = await queueMissingNotifications(req, options, now)
  const deliveriesPurged = await purgeOldDeliveries(req, options, now)
  const pdfsExpired = await expireOldPdfs(req.payload, options, now)
  return { releasedJobs, ...counts, deliveriesPurged, notificationsQueued, pdfsExpired }
}

/**
 * Scheduled like Payload's default (one reconcile job at a time per queue), except that a reconcile job
 * whose runner died does not block the schedule forever: the next run releases it.
 */
const scheduleUnlessRunning =
  (options: ResolvedNewsroomOptions): BeforeScheduleFn =>
  async ({ queueable, req }) => {
    const { totalDocs } = await req.payload.db.count({
      collection: JOBS,
      req,
      where: {
        and: [
          { taskSlug: { equals: RECONCILE_TASK } },
          { queue: { equals: queueable.scheduleConfig.queue } },
          { completedAt: { exists: false } },
          { hasError: { not_equals: true } },
          {
            or: [
              { processing: { equals: false } },
              { updatedAt: { greater_than: leaseCutoff(new Date(), options.jobs.leaseSeconds).toISOString() } },
            ],
          },
        ],
      },
    })
    return { input: {}, shouldSchedule: totalDocs === 0, waitUntil: queueable.waitUntil }
  }

export const reconcileTask = (options: ResolvedNewsroomOptions): TaskConfig => ({
  slug: RECONCILE_TASK,
  handler: async ({ req }) => {
    const report = await reconcile(req, options)
    req.payload.logger.info({ msg: 'payload-plugin-newsroom: reconcile', ...report })
    return { output: report }
  },
  label: 'Newsroom: repair what crashed instances left (jobs, comment counts, notifications), clear stale caches',
  outputSchema: [
    { name: 'releasedJobs', type: 'number' },
    { name: 'articlesChecked', type: 'number' },
    { name: 'articlesRepaired', type: 'number' },
    { name: 'countDrift', type: 'number' },
    { name: 'notificationsQueued', type: 'number' },
    { name: 'deliveriesPurged', type: 'number' },
    { name: 'pdfsExpired', type: 'number' },
  ],
  retries: 2,
  // Disabled plugin: the task stays (queued jobs still run), nothing is scheduled.
  ...(options.jobs.reconcileCron === false || options.disabled
    ? {}
    : {
        schedule: [
          {
            cron: options.jobs.reconcileCron,
            hooks: { beforeSchedule: scheduleUnlessRunning(options) },
            queue: options.jobs.reconcileQueue,
          },
        ],
      }),
})
