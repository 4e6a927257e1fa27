import type { CollectionSlug, Endpoint, PayloadRequest } from 'payload'
import type { Stripe } from 'stripe'

import type { ResolvedBillingOptions, ResolvedNewsroomOptions } from '../../../src/types.js'

import { reserveBillingSession } from '../../../src/billing/billingRateLimit.js'
import { ensureStripeCustomer } from '../../../src/billing/ensureStripeCustomer.js'
import { BillingNotConfiguredError, stripeClient } from '../../../src/billing/stripeClient.js'

const refuse = (status: number, message: string, headers?: HeadersInit) =>
  Response.json({ errors: [{ message }] }, { headers: { 'Cache-Control': 'private, no-store', ...headers }, status })
const ok = (body: Record<string, unknown>) =>
  Response.json(body, { headers: { 'Cache-Control': 'private, no-store' }, status: 200 })

type ReaderUser = NonNullable<PayloadRequest['user']> & {
  _verified?: boolean | null
  email?: string
  name?: null | string
  subscription?: { stripeCustomerId?: null | string } | null
}

type Plan = {
  active?: boolean
  id: number | string
  stripePrices?: { interval?: string; priceId?: string }[]
  trialDays?: null | number
}

class BillingClientError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly headers?: HeadersInit,
  ) {
    super(message)
  }
}

/** A logged-in, verified reader of this collection, or the 401/403. */
const signedInReader = (req: PayloadRequest, readersSlug: string, verifies: boolean): ReaderUser => {
  const user = req.user as null | ReaderUser | undefined
  if (!user) throw new BillingClientError('Log in as a reader first.', 401)
  if (user.collection !== readersSlug) throw new BillingClientError('Only reader accounts have subscriptions.', 403)
  if (verifies && user._verified === false) throw new BillingClientError('Confirm your email address first.', 403)
  return user
}

const readJson = async (req: PayloadRequest): Promise<Record<string, unknown>> => {
  const text = (await req.text?.()) ?? ''
  if (text.length > 4096) throw new BillingClientError('The request is too large.', 413)
  if (!text.trim()) return {}
  try {
    const body: unknown = JSON.parse(text)
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object')
    return body as Record<string, unknown>
  } catch {
    throw new BillingClientError('The request body must be a JSON object.', 400)
  }
}

const findActivePlan = async (req: PayloadRequest, plansSlug: string, id: string): Promise<Plan> => {
  let plan: null | Plan
  try {
    plan = (await req.payload.findByID({
      collection: plansSlug as CollectionSlug,
      depth: 0,
      disableErrors: true,
      id,
      overrideAccess: true,
    })) as null | Plan
  } catch {
    plan = null
  }
  if (!plan || !plan.active) throw new BillingClientError('Unknown or inactive plan.', 400)
  return plan
}

const limited = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  billing: ResolvedBillingOptions,
  readerId: string,
  kind: 'checkout' | 'portal',
) => {
  const decision = await reserveBillingSession(req, {
    kind,
    limit: billing.checkoutsPerHour,
    readerId,
    slug: options.slugs.billingRequests,
  })
  if (!decision.allowed) {
    throw new BillingClientError(
      `Too many billing sessions. Try again in ${Math.ceil(decision.retryAfterSeconds / 60)} minute(s).`,
      429,
      { 'Retry-After': String(decision.retryAfterSeconds) },
    )
  }
}

/** Stripe errors are not the client's: 502, with no detail (it may name ids or keys). */
const callStripe = async <T>(req: PayloadRequest, call: () => Promise<T>): Promise<T> => {
  try {
    return await call()
  } catch (error) {
    if (error instanceof BillingClientError) throw error
    req.payload.logger.error({
      msg: 'payload-plugin-newsroom: Stripe API call failed',
      type: (error as { type?: string })?.type,
    })
    throw new BillingClientError('The payment provider did not answer; try again later.', 502)
  }
}

const answering =
  (handler: (req: PayloadRequest) => Promise<Response>) =>
  async (req: PayloadRequest): Promise<Response> => {
    try {
      return await handler(req)
    } catch (error) {
      if (error instanceof BillingClientError) return refuse(error.status, error.message, error.headers)
      if (error instanceof BillingNotConfiguredError) return refuse(503, error.message)
      throw error
    }
  }

/**
 * `POST /api/{readers}/checkout { plan, interval }` → `{ url }` of a Stripe Checkout Session (subscription mode)
 * for the logged-in reader: 401 anonymous · 403 not a (verified) reader · 400 unknown/inactive plan or an interval
 * the plan has no price for · 429 over `billing.checkoutsPerHour` · 502 Stripe failed · 503 no secret key.
 */
export const checkoutEndpoint = (
  options: ResolvedNewsroomOptions,
  billing: ResolvedBillingOptions,
  readersSlug: string,
  verifies: boolean,
): Endpoint => ({
  handler: answering(async (req) => {
    const reader = signedInReader(req, readersSlug, verifies)
    const body = await readJson(req)
    const { interval, plan: planId } = body
    if (typeof planId !== 'string' && typeof planId !== 'number')
      throw new BillingClientError('`plan` (a plan id) is required.', 400)
    if (interval !== 'month' && interval !== 'year')
      throw new BillingClientError("`interval` must be 'month' or 'year'.", 400)
    const plan = await findActivePlan(req, options.slugs.plans, String(planId))
    const price = plan.stripePrices?.find((p) => p.interval === interval)?.priceId
    if (!price) throw new BillingClientError(`This plan is not sold by the ${interval}.`, 400)
    const stripe: Stripe = await stripeClient(billing)
    await limited(req, options, billing, String(reader.id), 'checkout')
    const customer = await callStripe(req, () => ensureStripeCustomer(req.payload, stripe, readersSlug, reader))
    const metadata = { newsroomPlan: String(plan.id), newsroomReader: String(reader.id) }
    const session = await callStripe(req, () =>
      stripe.checkout.sessions.create({
        cancel_url: billing.cancelUrl,
        client_reference_id: String(reader.id),
        customer,
        line_items: [{ price, quantity: 1 }],
        metadata,
        mode: 'subscription',
        subscription_data: { metadata, ...(plan.trialDays ? { trial_period_days: plan.trialDays } : {}) },
        success_url: billing.successUrl,
      }),
    )
    if (!session.url) throw new BillingClientError('The payment provider gave no checkout address.', 502)
    return ok({ url: session.url })
  }),
  method: 'post',
  path: '/checkout',
})

/**
 * `POST /api/{readers}/billing-portal` → `{ url }` of a Stripe Customer Portal session (manage payment, cancel):
 * 401 anonymous · 400 no billing account yet · 429 · 502 · 503 as checkout.
 */
export const billingPortalEndpoint = (
  options: ResolvedNewsroomOptions,
  billing: ResolvedBillingOptions,
  readersSlug: string,
  verifies: boolean,
): Endpoint => ({
  handler: answering(async (req) => {
    const reader = signedInReader(req, readersSlug, verifies)
    const customer = reader.subscription?.stripeCustomerId
    if (!customer) throw new BillingClientError('There is no billing account yet: subscribe first.', 400)
    const stripe: Stripe = await stripeClient(billing)
    await limited(req, options, billing, String(reader.id), 'portal')
    const session = await callStripe(req, () =>
      stripe.billingPortal.sessions.create({ customer, return_url: billing.successUrl }),
    )
    return ok({ url: session.url })
  }),
  method: 'post',
  path: '/billing-portal',
})
