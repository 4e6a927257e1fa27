import type { PayloadRequest, SendEmailOptions, TaskConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { readDiscussionSettings } from '../globals/discussionSettings.js'
import { articleUrl } from '../utilities/articleUrl.js'
import { escapeHTML } from '../utilities/escapeHTML.js'
import { relationId } from '../utilities/relationId.js'
import { deliverOnce } from '../delivery/deliverOnce.js'
import { messageKey } from '../delivery/messageKey.js'

/** Tells editors about a comment awaiting moderation (new and held, or sent back by reader reports). */
export const NOTIFY_EDITORS_TASK = 'newsroomNotifyEditorsOfComment'
/** Tells a comment's author that a reply to it was approved. */
export const NOTIFY_REPLY_AUTHOR_TASK = 'newsroomNotifyReplyAuthor'

export type NotifyEditorsReason = 'pending' | 'reported'

type StoredComment = {
  article?: unknown
  authorEmail?: string
  authorName?: string
  authorUrl?: null | string
  body?: string
  id: number | string
  moderationReason?: null | string
  parent?: unknown
  status?: string
}
type StoredArticle = { slug?: null | string; title?: null | string }

// Mail servers fail; the job is retried with growing pauses and the comment itself is never affected.
const RETRIES = { attempts: 5, backoff: { type: 'exponential' as const, delay: 30_000 } }

const paragraphs = (text: string): string =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHTML(p).replace(/\n/g, '<br>')}</p>`)
    .join('')

const load = async <T>(req: PayloadRequest, collection: string, id: null | number | string): Promise<null | T> => {
  if (id === null) return null
  return (await req.payload.findByID({
    id,
    collection,
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
    req,
  })) as null | T
}

/** Where a reply is read: the article's public URL, at the comment. */
const commentUrl = (
  options: ResolvedNewsroomOptions,
  article: StoredArticle | null,
  commentId: number | string,
): string => `${articleUrl(options, article?.slug ?? '')}#comment-${commentId}`

const adminUrl = (req: PayloadRequest, slug: string, id: number | string): string => {
  const { routes, serverURL } = req.payload.config
  return `${serverURL ?? ''}${routes.admin}/collections/${slug}/${id}`
}

type Notice = { key: string; message: SendEmailOptions }

/**
 * The editors' mail about a comment awaiting moderation, or null when there is nothing to say (no one to
 * tell, or an editor already dealt with it). Its key names the logical message: one per comment for a new
 * one (`pending`), one per send-back (`reported`, the report that crossed the threshold).
 */
export const editorsNotice = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  { commentId, event, reason }: { commentId: string; event?: null | string; reason: NotifyEditorsReason },
): Promise<Notice | null> => {
  const { slugs } = options
  const settings = await readDiscussionSettings(req, options)
  const comment = await load<StoredComment>(req, slugs.comments, commentId)
  if (!comment || comment.status !== 'pending' || settings.notifyEditors.length === 0) return null
  const article = await load<StoredArticle>(req, slugs.articles, relationId(comment.article))
  const title = article?.title ?? 'an article'
  const subject =
    reason === 'reported' ? `Comment reported by readers: “${title}”` : `New comment awaiting moderation: “${title}”`
  const review = adminUrl(req, slugs.comments, comment.id)
  const who = `${comment.authorName ?? ''} <${comment.authorEmail ?? ''}>${comment.authorUrl ? ` (${comment.authorUrl})` : ''}`
  return {
    key: messageKey(NOTIFY_EDITORS_TASK, String(comment.id), reason, reason === 'pending' ? '' : (event ?? '')),
    message: {
      html:
        `<p>${escapeHTML(who)} on <strong>${escapeHTML(title)}</strong>:</p>` +
        `<blockquote>${paragraphs(comment.body ?? '')}</blockquote>` +
        `<p>${escapeHTML(comment.moderationReason ?? '')}</p>` +
        `<p><a href="${escapeHTML(review)}">Review the comment</a></p>`,
      subject,
      text: `${who} on “${title}”:\n\n${comment.body ?? ''}\n\n${comment.moderationReason ?? ''}\n\nReview: ${review}\n`,
      to: settings.notifyEditors,
    },
  }
}

/** The mail telling a comment's author of an approved reply, or null (off, not approved, own reply…). One per reply and recipient. */
export const replyNotice = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  replyId: string,
): Promise<Notice | null> => {
  const { slugs } = options
  const settings = await readDiscussionSettings(req, options)
  const reply = await load<StoredComment>(req, slugs.comments, replyId)
  if (!settings.notifyReplyAuthors || !reply || reply.status !== 'approved') return null
  const parent = await load<StoredComment>(req, slugs.comments, relationId(reply.parent))
  // No mail to yourself, nor about a parent that is no longer public.
  if (!parent?.authorEmail || parent.status !== 'approved' || parent.authorEmail === reply.authorEmail) return null
  const article = await load<StoredArticle>(req, slugs.articles, relationId(reply.article))
  const title = article?.title ?? 'an article'
  const link = commentUrl(options, article, reply.id)
  const replier = reply.authorName ?? 'Someone'
  return {
    key: messageKey(NOTIFY_REPLY_AUTHOR_TASK, String(reply.id), parent.authorEmail),
    message: {
      html:
        `<p>${escapeHTML(replier)} replied to your comment on <strong>${escapeHTML(title)}</strong>:</p>` +
        `<blockquote>${paragraphs(reply.body ?? '')}</blockquote>` +
        `<p><a href="${escapeHTML(link)}">Read the conversation</a></p>`,
      subject: `${replier} replied to your comment on “${title}”`,
      text: `${replier} replied to your comment on “${title}”:\n\n${reply.body ?? ''}\n\n${link}\n`,
      to: parent.authorEmail,
    },
  }
}

const recipientCount = (to: SendEmailOptions['to']) => (Array.isArray(to) ? to.length : to ? 1 : 0)

export const commentNotificationTasks = (options: ResolvedNewsroomOptions): TaskConfig[] => {
  const notifyEditors: TaskConfig = {
    slug: NOTIFY_EDITORS_TASK,
    handler: async ({ input, job, req }) => {
      const { commentId, event, reason } = input as {
        commentId: string
        event?: null | string
        reason: NotifyEditorsReason
      }
      // Jobs queued before send-backs carried their report: the job itself is the event.
      const notice = await editorsNotice(req, options, { commentId, event: event ?? String(job.id), reason })
      if (!notice) return { output: { sent: 0 } }
      const outcome = await deliverOnce(req, options, { ...notice, task: NOTIFY_EDITORS_TASK })
      return { output: { sent: outcome === 'sent' ? recipientCount(notice.message.to) : 0 } }
    },
    inputSchema: [
      { name: 'commentId', type: 'text', required: true },
      { name: 'reason', type: 'select', options: ['pending', 'reported'], required: true },
      // Which send-back (the report that crossed the threshold): part of the message's idempotency key.
      { name: 'event', type: 'text' },
    ],
    label: 'Newsroom: notify editors of a comment',
    outputSchema: [{ name: 'sent', type: 'number' }],
    retries: RETRIES,
  }

  const notifyReplyAuthor: TaskConfig = {
    slug: NOTIFY_REPLY_AUTHOR_TASK,
    handler: async ({ input, req }) => {
      const { commentId } = input as { commentId: string }
      const notice = await replyNotice(req, options, commentId)
      if (!notice) return { output: { sent: 0 } }
      const outcome = await deliverOnce(req, options, { ...notice, task: NOTIFY_REPLY_AUTHOR_TASK })
      return { output: { sent: outcome === 'sent' ? 1 : 0 } }
    },
    inputSchema: [{ name: 'commentId', type: 'text', required: true }],
    label: 'Newsroom: notify a comment author of an approved reply',
    outputSchema: [{ name: 'sent', type: 'number' }],
    retries: RETRIES,
  }

  return [notifyEditors, notifyReplyAuthor]
}
