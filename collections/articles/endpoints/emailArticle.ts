import type { CollectionSlug, Endpoint, PayloadRequest } from 'payload'

import { ValidationError } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { answeringClientErrors, PrintClientError } from '../../../src/print/clientError.js'
import { composeArticleEmail } from '../../../src/email/composeArticleEmail.js'
import { decideEmailQuota, EMAIL_QUOTA_WINDOW_MS, type EmailLogEntry } from '../../../src/email/emailQuota.js'
import { requesterFingerprint } from '../../../src/email/requesterFingerprint.js'
import { SEND_ARTICLE_EMAIL_TASK, type SendArticleEmailInput } from '../../../src/email/sendArticleEmailTask.js'
import { validateEmailRequest } from '../../../src/email/validateEmailRequest.js'
import { loadPrintableArticle } from '../../../src/print/loadPrintableArticle.js'

const MAX_BODY_BYTES = 16 * 1024
// Log entries older than this are of no use to the rate limit (nor to editors looking for abuse).
const LOG_RETENTION_MS = 24 * 60 * 60 * 1000

/** The request body as text, refusing (413) past `max` bytes without buffering more than that. */
const readBodyText = async (req: PayloadRequest, max: number): Promise<string> => {
  if (Number(req.headers.get('content-length') ?? 0) > max) throw new PrintClientError('The request is too large.', 413)
  const stream = req.body as null | ReadableStream<Uint8Array> | undefined
  if (!stream) return (await req.text?.()) ?? ''
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel()
      throw new PrintClientError('The request is too large.', 413)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The form as JSON, or as a plain HTML form post (urlencoded, `to` may repeat). */
const readForm = async (req: PayloadRequest): Promise<unknown> => {
  const contentType = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (contentType !== 'application/json' && contentType !== 'application/x-www-form-urlencoded') {
    throw new PrintClientError(
      'Send the form as JSON (application/json) or as a form (application/x-www-form-urlencoded).',
      415,
    )
  }
  const text = await readBodyText(req, MAX_BODY_BYTES)
  if (contentType === 'application/x-www-form-urlencoded') {
    const params = new URLSearchParams(text)
    const form: Record<string, unknown> = {}
    for (const key of new Set(params.keys())) form[key] = key === 'to' ? params.getAll(key) : params.get(key)
    return form
  }
  try {
    return text ? JSON.parse(text) : {}
  } catch {
    throw new PrintClientError('The request body is not valid JSON.', 400)
  }
}

/**
 * Reserves `recipients` sends for this requester in the email log, or refuses with the seconds to wait.
 * The reservation is written first and then judged against the entries before it, so concurrent
 * requests cannot both take the last places; a refused reservation is removed again.
 */
const reserveQuota = async (
  req: PayloadRequest,
  {
    article,
    fingerprint,
    limit,
    log,
    recipients,
  }: { article: string; fingerprint: string; limit: number; log: CollectionSlug; recipients: number },
) => {
  const now = new Date()
  // The ledger is the plugin's own bookkeeping: the public may not read or write it, the endpoint must.
  const reservation = await req.payload.create({
    collection: log,
    data: { article, fingerprint, recipients } as never,
    overrideAccess: true,
    req,
  })
  const { docs } = await req.payload.find({
    collection: log,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { createdAt: true, recipients: true } as never,
    sort: 'createdAt',
    where: {
      and: [
        { fingerprint: { equals: fingerprint } },
        { createdAt: { greater_than: new Date(now.getTime() - EMAIL_QUOTA_WINDOW_MS).toISOString() } },
      ],
    },
  })
  const decision = decideEmailQuota({
    entries: docs as unknown as EmailLogEntry[],
    limit,
    now,
    ownId: reservation.id,
    requested: recipients,
  })
  if (!decision.allowed) {
    await req.payload.delete({
      collection: log,
      id: reservation.id,
      overrideAccess: true,
      req,
    })
  }
  await req.payload.delete({
    collection: log,
    overrideAccess: true,
    req,
    where: { createdAt: { less_than: new Date(now.getTime() - LOG_RETENTION_MS).toISOString() } },
  })
  return { decision, reservation: String(reservation.id) }
}

/**
 * `POST /api/{articles}/:id/email` `{ to, senderName, message? }`: emails the title, the teaser and the
 * link (never the body) to up to five addresses, through Payload's email adapter via the jobs queue
 * (task `newsroomSendArticleEmail`, default queue: the host's job runner delivers). Answers 202.
 * 400 bad input · 404 unknown or unpublished article · 429 with Retry-After over `print.emailsPerHour`.
 */
export const emailArticleEndpoint = (options: ResolvedNewsroomOptions): Endpoint => ({
  handler: answeringClientErrors(async (req) => {
    const article = await loadPrintableArticle(req, options, { withBody: false })
    const check = validateEmailRequest(await readForm(req), { honeypotField: options.comments.honeypotField })
    if (!check.ok) throw new ValidationError({ collection: options.slugs.articles, errors: check.errors, req })
    const { form } = check
    const accepted = () =>
      Response.json({ message: 'The article is on its way.', recipients: form.to.length }, { status: 202 })
    // Bots that fill the honeypot get the same answer and nothing is sent or logged.
    if (form.honeypot) return accepted()

    const { decision, reservation } = await reserveQuota(req, {
      log: options.slugs.emailLog as CollectionSlug,
      article: article.id,
      fingerprint: requesterFingerprint(req, options.trustedProxies),
      limit: options.print.emailsPerHour,
      recipients: form.to.length,
    })
    if (!decision.allowed) {
      return Response.json(
        {
          errors: [
            { message: `Too many emails sent. Try again in ${Math.ceil(decision.retryAfterSeconds / 60)} minute(s).` },
          ],
        },
        { headers: { 'Retry-After': String(decision.retryAfterSeconds) }, status: 429 },
      )
    }

    const email = composeArticleEmail({ article, form, publisherName: options.print.publisherName })
    for (const to of form.to) {
      // The reservation names this form post: with `to`, the message's idempotency key (sent once, however often retried).
      const input: SendArticleEmailInput = { ...email, request: reservation, to }
      await req.payload.jobs.queue({ input: input as never, req, task: SEND_ARTICLE_EMAIL_TASK as never })
    }
    return accepted()
  }),
  method: 'post',
  path: '/:id/email',
})
