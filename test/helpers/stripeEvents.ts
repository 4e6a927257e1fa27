/**
 * Stripe webhook events as Stripe sends them (the documented `event` envelope around a subscription, invoice or
 * Checkout Session object), signed with the SDK's own `webhooks.generateTestHeaderString` — the same scheme
 * `constructEvent` verifies. Nothing here talks to Stripe.
 */
import Stripe from 'stripe'

export const WEBHOOK_SECRET = 'whsec_newsroom_test_secret'
export const SECRET_KEY = 'sk_test_newsroom_not_a_real_key'

let counter = 0
export const eventId = (label = 'e') => `evt_${label}_${Date.now().toString(36)}_${(counter++).toString(36)}`

const seconds = (date: Date) => Math.floor(date.getTime() / 1000)

export type SubscriptionShape = {
  cancelAtPeriodEnd?: boolean
  customer: string
  id?: string
  /** 'current' (period on items, API ≥ 2025-03-31) or 'legacy' (period on the subscription). */
  api?: 'current' | 'legacy'
  metadata?: Record<string, string>
  periodEnd: Date
  periodStart: Date
  price?: string
  status: string
  trialEnd?: Date | null
}

export const subscriptionObject = (s: SubscriptionShape) => {
  const period = { current_period_end: seconds(s.periodEnd), current_period_start: seconds(s.periodStart) }
  const item = {
    id: 'si_test_1',
    object: 'subscription_item',
    price: { id: s.price ?? 'price_digital_month', object: 'price', recurring: { interval: 'month' } },
    quantity: 1,
    ...(s.api === 'legacy' ? {} : period),
  }
  return {
    id: s.id ?? 'sub_test_1',
    object: 'subscription',
    cancel_at: null,
    cancel_at_period_end: s.cancelAtPeriodEnd ?? false,
    customer: s.customer,
    items: { data: [item], has_more: false, object: 'list', url: '/v1/subscription_items' },
    livemode: false,
    metadata: s.metadata ?? {},
    status: s.status,
    trial_end: s.trialEnd ? seconds(s.trialEnd) : null,
    ...(s.api === 'legacy' ? period : {}),
  }
}

export const invoiceObject = (i: { customer: string; periodEnd: Date; periodStart: Date; subscription?: string }) => ({
  id: `in_${counter++}`,
  object: 'invoice',
  billing_reason: 'subscription_cycle',
  customer: i.customer,
  lines: {
    data: [
      {
        id: 'il_1',
        object: 'line_item',
        period: { end: seconds(i.periodEnd), start: seconds(i.periodStart) },
      },
    ],
    object: 'list',
  },
  parent: { subscription_details: { subscription: i.subscription ?? 'sub_test_1' }, type: 'subscription_details' },
})

export const checkoutSessionObject = (c: { customer: string; reader: string; subscription?: string }) => ({
  id: `cs_test_${counter++}`,
  object: 'checkout.session',
  client_reference_id: c.reader,
  customer: c.customer,
  metadata: { newsroomReader: c.reader },
  mode: 'subscription',
  status: 'complete',
  subscription: c.subscription ?? 'sub_test_1',
})

export const stripeEvent = (type: string, object: unknown, created: Date, id = eventId()) => ({
  id,
  object: 'event',
  api_version: '2026-10-28.endive',
  created: seconds(created),
  data: { object },
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
  type,
})

/** The `Stripe-Signature` header Stripe would send for this exact body (at `timestamp`, seconds; default now). */
export const signature = (payload: string, options: { secret?: string; timestamp?: number } = {}) =>
  Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
  })

/** Body and headers of a signed delivery, ready for a REST client's `post`. */
export const signedDelivery = (event: unknown, options: { secret?: string; timestamp?: number } = {}) => {
  const body = JSON.stringify(event)
  return { body, headers: { 'content-type': 'application/json', 'stripe-signature': signature(body, options) } }
}

export const WEBHOOK_PATH = '/newsroom/stripe/webhook'
