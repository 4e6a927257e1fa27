/**
 * What a Stripe webhook event means for a reader's subscription, as plain data (no Payload, no network).
 * Shapes: Stripe's documented event objects, on current API versions (the billing period on
 * `subscription.items.data[]`, an invoice's subscription under `parent.subscription_details`) and older ones
 * (`subscription.current_period_end`, `invoice.subscription`).
 */
import { isSubscriptionStatus, type SubscriptionStatus } from './subscriptionStatus.js'

/** A signed body that is not a usable event: answered 400, nothing changed. */
export class MalformedStripeEventError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MalformedStripeEventError'
  }
}

/** Replaces the reader's billing state with the subscription's (any `customer.subscription.*` event). */
export type SubscriptionChange = {
  cancelAtPeriodEnd: boolean
  currentPeriodEnd: Date | null
  currentPeriodStart: Date | null
  customerId: string
  kind: 'subscription'
  priceIds: string[]
  /** The reader id the plugin's Checkout put in the subscription's metadata, if any. */
  readerId: null | string
  sequence: number
  status: SubscriptionStatus
  subscriptionId: string
  trialEnd: Date | null
}

/** A finished Checkout: links the reader (client_reference_id) to the customer and subscription. */
export type CheckoutChange = {
  customerId: string
  kind: 'checkout'
  readerId: null | string
  subscriptionId: string
}

/** A paid or failed renewal: moves the status along (active ↔ past_due) and the period with it. */
export type InvoiceChange = {
  currentPeriodEnd: Date | null
  currentPeriodStart: Date | null
  customerId: string
  kind: 'invoice'
  paid: boolean
  sequence: number
  subscriptionId: string
}

export type StripeEventMeaning =
  { kind: 'ignore'; reason: string } | CheckoutChange | InvoiceChange | SubscriptionChange

export const HANDLED_EVENT_TYPES = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'customer.subscription.trial_will_end',
  'invoice.paid',
  'invoice.payment_failed',
] as const

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** An id field that may be expanded into its object. */
const idOf = (value: unknown): null | string => {
  if (typeof value === 'string' && value) return value
  if (isObject(value) && typeof value.id === 'string' && value.id) return value.id
  return null
}

const required = (value: null | string, what: string): string => {
  if (!value) throw new MalformedStripeEventError(`The event has no ${what}.`)
  return value
}

const dateOf = (seconds: unknown): Date | null =>
  typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : null

const listData = (value: unknown): Json[] =>
  isObject(value) && Array.isArray(value.data) ? value.data.filter(isObject) : []

/**
 * Ordering of events about one reader: Stripe's `created` (seconds), and within the same second a cancellation
 * after anything else, so a same-second `updated` never revives a deleted subscription. An event applies only when
 * its sequence is at least the stored one (equal: a replay or a same-second sibling, which carries the same state).
 */
export const eventSequence = (createdSeconds: number, terminal: boolean): number =>
  createdSeconds * 10 + (terminal ? 1 : 0)

/** The billing period: the latest item period on current API versions, the subscription's own on older ones. */
const billingPeriod = (subscription: Json): { end: Date | null; start: Date | null } => {
  const items = listData(subscription.items)
  let end: Date | null = null
  let start: Date | null = null
  for (const item of items) {
    const itemEnd = dateOf(item.current_period_end)
    if (itemEnd && (!end || itemEnd > end)) {
      end = itemEnd
      start = dateOf(item.current_period_start)
    }
  }
  if (end) return { end, start }
  return { end: dateOf(subscription.current_period_end), start: dateOf(subscription.current_period_start) }
}

const readSubscription = (subscription: Json, created: number): SubscriptionChange => {
  const status = subscription.status
  if (!isSubscriptionStatus(status)) throw new MalformedStripeEventError('The subscription has no known status.')
  const period = billingPeriod(subscription)
  const cancelAt = dateOf(subscription.cancel_at)
  const metadata = isObject(subscription.metadata) ? subscription.metadata : {}
  return {
    // Newer API versions may express "cancel at period end" as `cancel_at` set to the period's end.
    cancelAtPeriodEnd:
      subscription.cancel_at_period_end === true ||
      Boolean(cancelAt && period.end && cancelAt.getTime() <= period.end.getTime()),
    currentPeriodEnd: period.end,
    currentPeriodStart: period.start,
    customerId: required(idOf(subscription.customer), 'customer'),
    kind: 'subscription',
    priceIds: listData(subscription.items)
      .map((item) => idOf(item.price))
      .filter((id): id is string => Boolean(id)),
    readerId: typeof metadata.newsroomReader === 'string' && metadata.newsroomReader ? metadata.newsroomReader : null,
    sequence: eventSequence(created, status === 'canceled' || status === 'incomplete_expired'),
    status,
    subscriptionId: required(idOf(subscription.id), 'subscription id'),
    trialEnd: dateOf(subscription.trial_end),
  }
}

const invoiceSubscriptionId = (invoice: Json): null | string => {
  const parent = isObject(invoice.parent) ? invoice.parent : null
  const details = parent && isObject(parent.subscription_details) ? parent.subscription_details : null
  return idOf(details?.subscription) ?? idOf(invoice.subscription)
}

const readInvoice = (invoice: Json, created: number, paid: boolean): StripeEventMeaning => {
  const subscriptionId = invoiceSubscriptionId(invoice)
  if (!subscriptionId) return { kind: 'ignore', reason: 'invoice without a subscription' }
  // The period the invoice bills: its subscription lines' (the invoice's own period_* is the previous one).
  let end: Date | null = null
  let start: Date | null = null
  for (const line of listData(invoice.lines)) {
    const period = isObject(line.period) ? line.period : {}
    const lineEnd = dateOf(period.end)
    if (lineEnd && (!end || lineEnd > end)) {
      end = lineEnd
      start = dateOf(period.start)
    }
  }
  return {
    currentPeriodEnd: end,
    currentPeriodStart: start,
    customerId: required(idOf(invoice.customer), 'customer'),
    kind: 'invoice',
    paid,
    sequence: eventSequence(created, false),
    subscriptionId,
  }
}

/** The meaning of a verified event; throws `MalformedStripeEventError` for a body that is not a Stripe event. */
export const readStripeEvent = (event: unknown): StripeEventMeaning => {
  if (!isObject(event) || typeof event.id !== 'string' || !event.id || typeof event.type !== 'string') {
    throw new MalformedStripeEventError('The body is not a Stripe event (id and type).')
  }
  const created = event.created
  if (typeof created !== 'number' || !Number.isFinite(created) || created <= 0) {
    throw new MalformedStripeEventError('The event has no `created` time.')
  }
  if (!(HANDLED_EVENT_TYPES as readonly string[]).includes(event.type)) {
    return { kind: 'ignore', reason: `unhandled event type ${event.type}` }
  }
  const object = isObject(event.data) && isObject(event.data.object) ? event.data.object : null
  if (!object) throw new MalformedStripeEventError('The event has no data.object.')
  switch (event.type) {
    case 'checkout.session.completed': {
      if (object.mode !== 'subscription') return { kind: 'ignore', reason: 'checkout session not in subscription mode' }
      return {
        customerId: required(idOf(object.customer), 'customer'),
        kind: 'checkout',
        readerId:
          typeof object.client_reference_id === 'string' && object.client_reference_id
            ? object.client_reference_id
            : null,
        subscriptionId: required(idOf(object.subscription), 'subscription'),
      }
    }
    case 'invoice.paid':
      return readInvoice(object, created, true)
    case 'invoice.payment_failed':
      return readInvoice(object, created, false)
    default:
      return readSubscription(object, created)
  }
}
