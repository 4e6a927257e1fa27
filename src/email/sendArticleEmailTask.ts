import type { TaskConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { deliverOnce } from '../delivery/deliverOnce.js'
import { messageKey } from '../delivery/messageKey.js'

/** Job task that delivers one "shared article" email through Payload's email adapter. */
export const SEND_ARTICLE_EMAIL_TASK = 'newsroomSendArticleEmail'

/** `request`: the email-log entry of the form post, which with `to` names the message (its idempotency key). */
export type SendArticleEmailInput = { html: string; request?: string; subject: string; text: string; to: string }

export const sendArticleEmailTask = (
  options: ResolvedNewsroomOptions,
): TaskConfig<{ input: SendArticleEmailInput; output: object }> => ({
  slug: SEND_ARTICLE_EMAIL_TASK,
  handler: async ({ input, job, req }) => {
    // Jobs queued without their request (before keys existed): the job is the message.
    const key = messageKey(SEND_ARTICLE_EMAIL_TASK, input.request ?? `job:${job.id}`, input.to)
    await deliverOnce(req, options, {
      key,
      message: { html: input.html, subject: input.subject, text: input.text, to: input.to },
      task: SEND_ARTICLE_EMAIL_TASK,
    })
    return { output: {} }
  },
  inputSchema: [
    { name: 'to', type: 'text', required: true },
    { name: 'subject', type: 'text', required: true },
    { name: 'text', type: 'textarea', required: true },
    { name: 'html', type: 'textarea', required: true },
    { name: 'request', type: 'text' },
  ],
  label: 'Send a shared article by email',
  // Transient transport failures are retried with growing pauses; one job per recipient, so a retry never re-sends to others.
  retries: { attempts: 4, backoff: { delay: 30_000, type: 'exponential' } },
})
