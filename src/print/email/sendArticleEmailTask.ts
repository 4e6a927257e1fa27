import type { TaskConfig } from 'payload'

/** Job task that delivers one "shared article" email through Payload's email adapter. */
export const SEND_ARTICLE_EMAIL_TASK = 'newsroomSendArticleEmail'

export type SendArticleEmailInput = { html: string; subject: string; text: string; to: string }

export const sendArticleEmailTask = (): TaskConfig<{ input: SendArticleEmailInput; output: object }> => ({
  slug: SEND_ARTICLE_EMAIL_TASK,
  handler: async ({ input, req }) => {
    await req.payload.sendEmail({ html: input.html, subject: input.subject, text: input.text, to: input.to })
    return { output: {} }
  },
  inputSchema: [
    { name: 'to', type: 'text', required: true },
    { name: 'subject', type: 'text', required: true },
    { name: 'text', type: 'textarea', required: true },
    { name: 'html', type: 'textarea', required: true },
  ],
  label: 'Send a shared article by email',
  // Transient transport failures are retried with growing pauses; one job per recipient, so a retry never re-sends to others.
  retries: { attempts: 4, backoff: { delay: 30_000, type: 'exponential' } },
})
