import type { Endpoint, PayloadRequest } from 'payload'

import type { ResolvedBillingOptions, ResolvedNewsroomOptions } from '../types.js'

import { applyStripeEvent } from '../billing/applyStripeEvent.js'
import { claimEvent, finishEvent, releaseEvent } from '../billing/eventLedger.js'
import { MalformedStripeEventError, readStripeEvent } from '../billing/readStripeEvent.js'
import { BillingNotConfiguredError, webhookSecretOf } from '../billing/stripeClient.js'

// Stripe's events are a few KB; anything far larger is not one.
const MAX_BODY_BYTES = 512 * 1024

const answer = (status: number, body: Record<string, unknown>, headers?: HeadersInit) =>
  Response.json(body, { headers, status })
const refuse = (status: number, message: string) => answer(status, { errors: [{ message }] })

/** The exact bytes Stripe signed (the signature is over the raw body, so it is never parsed first). */
const rawBody = async (req: PayloadRequest): Promise<null | string> => {
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return null
  const text = (await req.text?.()) ?? ''
  return Buffer.byteLength(text) > MAX_BODY_BYTES ? null : text
}

const verify = async (raw: string, signature: string, secret: string): Promise<unknown> => {
  const { default: StripeSDK } = await import('stripe')
  // Default tolerance (300 s): a replayed old signature is refused.
  return StripeSDK.webhooks.constructEvent(raw, signature, secret)
}

const handle = async (req: PayloadRequest, options: ResolvedNewsroomOptions, billing: ResolvedBillingOptions) => {
  let secret: string
  try {
    secret = webhookSecretOf(billing)
  } catch (error) {
    if (error instanceof BillingNotConfiguredError) return refuse(503, error.message)
    throw error
  }
  const signature = req.headers.get('stripe-signature')
  if (!signature) return refuse(400, 'Missing Stripe-Signature header.')
  const raw = await rawBody(req)
  if (raw === null) return refuse(413, 'The request is too large for a Stripe event.')

  let event: unknown
  try {
    event = await verify(raw, signature, secret)
  } catch (error) {
    const name = (error as { type?: string })?.type ?? (error as Error)?.name
    if (name === 'StripeSignatureVerificationError') {
      return refuse(400, 'The Stripe-Signature does not match the body (wrong secret, altered body or too old).')
    }
    return refuse(400, 'The body is not a JSON Stripe event.')
  }

  let meaning: ReturnType<typeof readStripeEvent>
  try {
    meaning = readStripeEvent(event)
  } catch (error) {
    if (error instanceof MalformedStripeEventError) return refuse(400, error.message)
    throw error
  }
  const { id, type } = event as { id: string; type: string }
  // Unknown event types are acknowledged and not recorded: there is nothing to do with them, ever.
  if (meaning.kind === 'ignore' && meaning.reason.startsWith('unhandled')) {
    return answer(200, { ignored: true, received: true })
  }

  const ledger = options.slugs.stripeEvents
  const claim = await claimEvent(req.payload, ledger, { id, type })
  if (claim.state === 'done') return answer(200, { duplicate: true, received: true })
  if (claim.state === 'busy') {
    return answer(
      409,
      { errors: [{ message: 'This event is being processed by another delivery.' }] },
      { 'Retry-After': '10' },
    )
  }
  try {
    const outcome = await applyStripeEvent(
      req.payload,
      { plans: options.slugs.plans, readers: options.slugs.readers as string },
      meaning,
    )
    await finishEvent(req.payload, ledger, id, claim.holder, {
      applied: outcome.applied,
      text: outcome.applied ? `reader ${outcome.readerId}` : outcome.reason,
    })
    return answer(200, { applied: outcome.applied, received: true })
  } catch (error) {
    // Nothing half-written: the reader's change is one conditional write; the claim is given back for the retry.
    req.payload.logger.error({
      err: error,
      eventId: id,
      msg: 'payload-plugin-newsroom: Stripe event failed; Stripe will retry',
    })
    await releaseEvent(req.payload, ledger, id, claim.holder).catch(() => undefined)
    return refuse(500, 'The event could not be processed; retry later.')
  }
}

/**
 * `POST /api/newsroom/stripe/webhook`: Stripe's signed events (README: Billing). 400 on a missing, wrong or
 * expired signature or a body that is no event (nothing changed) · 200 for handled, replayed and unknown events ·
 * 409 while another delivery processes the same event · 500 when processing failed (Stripe retries) · 503 without
 * a webhook secret.
 */
export const stripeWebhookEndpoint = (options: ResolvedNewsroomOptions, billing: ResolvedBillingOptions): Endpoint => ({
  handler: (req) => handle(req, options, billing),
  method: 'post',
  path: '/newsroom/stripe/webhook',
})
