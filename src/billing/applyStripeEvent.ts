import type { CollectionSlug, Payload, Where } from 'payload'

import type { CheckoutChange, InvoiceChange, StripeEventMeaning, SubscriptionChange } from './readStripeEvent.js'

import { LIVE_STATUSES } from './subscriptionStatus.js'

export type ApplySlugs = { plans: string; readers: string }

/** What became of an event: a reader changed, or why nothing did. */
export type ApplyOutcome = { applied: false; reason: string } | { applied: true; readerId: string }

const S = 'subscription'

/** The reader this event is about: by stored customer id, else the id the plugin's Checkout gave Stripe. */
const findReader = async (
  payload: Payload,
  readers: string,
  customerId: string,
  readerIdHint: null | string,
): Promise<null | string> => {
  const byCustomer = await payload.find({
    collection: readers as CollectionSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    select: { id: true } as never,
    where: { [`${S}.stripeCustomerId`]: { equals: customerId } },
  })
  const found = byCustomer.docs[0] as undefined | { id: number | string }
  if (found) return String(found.id)
  if (!readerIdHint) return null
  try {
    const reader = await payload.findByID({
      collection: readers as CollectionSlug,
      depth: 0,
      disableErrors: true,
      id: readerIdHint,
      overrideAccess: true,
    })
    return reader ? String(reader.id) : null
  } catch {
    // Not an id of this database (a malformed or foreign reference): no reader.
    return null
  }
}

// Conditions every webhook write carries, decided by the database in the same update (never read-then-write):
const notComplimentary: Where = { [`${S}.complimentary`]: { not_equals: true } }
const customerFree = (customerId: string): Where => ({
  or: [
    { [`${S}.stripeCustomerId`]: { exists: false } },
    { [`${S}.stripeCustomerId`]: { equals: null } },
    { [`${S}.stripeCustomerId`]: { equals: '' } },
    { [`${S}.stripeCustomerId`]: { equals: customerId } },
  ],
})
/** This subscription, or none that Stripe still bills (a late event of an old subscription never replaces a live one). */
const sameOrNoLiveSubscription = (subscriptionId: string): Where => ({
  or: [
    { [`${S}.stripeSubscriptionId`]: { equals: subscriptionId } },
    { [`${S}.stripeSubscriptionId`]: { exists: false } },
    { [`${S}.stripeSubscriptionId`]: { equals: null } },
    { [`${S}.stripeSubscriptionId`]: { equals: '' } },
    { [`${S}.status`]: { not_in: LIVE_STATUSES } },
  ],
})
/** Not older than what the reader holds (see `eventSequence`). */
const notOlderThan = (sequence: number): Where => ({
  or: [
    { [`${S}.billingSequence`]: { exists: false } },
    { [`${S}.billingSequence`]: { equals: null } },
    { [`${S}.billingSequence`]: { less_than_equal: sequence } },
  ],
})

/** One conditional write: the reader's fields change only if every condition holds at that moment. */
const writeIf = async (
  payload: Payload,
  readers: string,
  readerId: string,
  conditions: Where[],
  data: Record<string, unknown>,
): Promise<boolean> => {
  // findOneAndUpdate on MongoDB: null when no document matched every condition. The paths go in an explicit
  // `$set` (the adapter passes operators through): as plain data the adapter nests dotted keys into a new
  // `subscription` object, which would replace the group and drop its other fields.
  const updated = await payload.db.updateOne({
    collection: readers,
    data: { $set: data, updatedAt: new Date() } as never,
    select: { id: true },
    where: { and: [{ id: { equals: readerId } }, ...conditions] },
  })
  return updated !== null
}

const planForPrices = async (payload: Payload, plans: string, priceIds: string[]) => {
  if (!priceIds.length) return null
  const { docs } = await payload.find({
    collection: plans as CollectionSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    where: { 'stripePrices.priceId': { in: priceIds } },
  })
  return (docs[0] as unknown as undefined | { tier?: string }) ?? null
}

const applySubscription = async (
  payload: Payload,
  slugs: ApplySlugs,
  change: SubscriptionChange,
): Promise<ApplyOutcome> => {
  const readerId = await findReader(payload, slugs.readers, change.customerId, change.readerId)
  if (!readerId) return { applied: false, reason: 'no reader for this customer' }
  const plan = await planForPrices(payload, slugs.plans, change.priceIds)
  if (!plan)
    payload.logger.warn({
      msg: 'payload-plugin-newsroom: a Stripe subscription uses a price no plan lists',
      priceIds: change.priceIds,
    })
  const written = await writeIf(
    payload,
    slugs.readers,
    readerId,
    [
      notComplimentary,
      customerFree(change.customerId),
      sameOrNoLiveSubscription(change.subscriptionId),
      notOlderThan(change.sequence),
    ],
    {
      [`${S}.billingSequence`]: change.sequence,
      [`${S}.cancelAtPeriodEnd`]: change.cancelAtPeriodEnd,
      [`${S}.currentPeriodEnd`]: change.currentPeriodEnd,
      [`${S}.currentPeriodStart`]: change.currentPeriodStart,
      // A price no plan lists gives no access (fails closed); editors add the price and the next event fixes it.
      [`${S}.plan`]: plan ? 'premium' : 'free',
      [`${S}.status`]: change.status,
      [`${S}.stripeCustomerId`]: change.customerId,
      [`${S}.stripeSubscriptionId`]: change.subscriptionId,
      [`${S}.tier`]: plan?.tier ?? null,
      [`${S}.trialEnd`]: change.trialEnd,
    },
  )
  return written
    ? { applied: true, readerId }
    : { applied: false, reason: 'complimentary, another live subscription, or older than the stored state' }
}

const applyCheckout = async (payload: Payload, slugs: ApplySlugs, change: CheckoutChange): Promise<ApplyOutcome> => {
  const readerId = await findReader(payload, slugs.readers, change.customerId, change.readerId)
  if (!readerId) return { applied: false, reason: 'no reader for this checkout' }
  // Ids only: the status comes with the subscription's own events (which may arrive before or after this one).
  const written = await writeIf(
    payload,
    slugs.readers,
    readerId,
    [notComplimentary, customerFree(change.customerId), sameOrNoLiveSubscription(change.subscriptionId)],
    { [`${S}.stripeCustomerId`]: change.customerId, [`${S}.stripeSubscriptionId`]: change.subscriptionId },
  )
  return written
    ? { applied: true, readerId }
    : { applied: false, reason: 'complimentary or another live subscription' }
}

const applyInvoice = async (payload: Payload, slugs: ApplySlugs, change: InvoiceChange): Promise<ApplyOutcome> => {
  const readerId = await findReader(payload, slugs.readers, change.customerId, null)
  if (!readerId) return { applied: false, reason: 'no reader for this customer' }
  // Paid: a subscription waiting for money is active again. Failed: an active one is past due.
  const from = change.paid ? ['past_due', 'unpaid', 'incomplete'] : ['active']
  const period =
    change.currentPeriodEnd && change.paid
      ? { [`${S}.currentPeriodEnd`]: change.currentPeriodEnd, [`${S}.currentPeriodStart`]: change.currentPeriodStart }
      : change.currentPeriodStart && !change.paid
        ? { [`${S}.currentPeriodStart`]: change.currentPeriodStart }
        : {}
  const written = await writeIf(
    payload,
    slugs.readers,
    readerId,
    [
      notComplimentary,
      { [`${S}.stripeSubscriptionId`]: { equals: change.subscriptionId } },
      { [`${S}.status`]: { in: from } },
      notOlderThan(change.sequence),
    ],
    { ...period, [`${S}.billingSequence`]: change.sequence, [`${S}.status`]: change.paid ? 'active' : 'past_due' },
  )
  return written
    ? { applied: true, readerId }
    : { applied: false, reason: 'no matching subscription in that status, or older' }
}

/** Applies a verified event's meaning to the matching reader in one conditional write (or none). */
export const applyStripeEvent = (
  payload: Payload,
  slugs: ApplySlugs,
  meaning: StripeEventMeaning,
): Promise<ApplyOutcome> => {
  switch (meaning.kind) {
    case 'checkout':
      return applyCheckout(payload, slugs, meaning)
    case 'ignore':
      return Promise.resolve({ applied: false, reason: meaning.reason })
    case 'invoice':
      return applyInvoice(payload, slugs, meaning)
    case 'subscription':
      return applySubscription(payload, slugs, meaning)
  }
}
