import type { Payload } from 'payload'
import type { Stripe } from 'stripe'

type Reader = {
  email?: string
  id: number | string
  name?: null | string
  subscription?: { stripeCustomerId?: null | string } | null
}

/**
 * The reader's Stripe customer, created on first checkout. Two concurrent first checkouts make one customer:
 * both ask Stripe with the same idempotency key (Stripe answers the second with the first's customer), and the
 * id is stored by a conditional write that only fills an empty field — the database keeps the first one stored.
 */
export const ensureStripeCustomer = async (
  payload: Payload,
  stripe: Stripe,
  readersSlug: string,
  reader: Reader,
): Promise<string> => {
  const stored = reader.subscription?.stripeCustomerId
  if (stored) return stored
  const readerId = String(reader.id)
  const customer = await stripe.customers.create(
    { email: reader.email, metadata: { newsroomReader: readerId }, ...(reader.name ? { name: reader.name } : {}) },
    { idempotencyKey: `newsroom-reader-customer-${readerId}` },
  )
  const filled = await payload.db.updateOne({
    collection: readersSlug,
    // An explicit `$set`: only this path changes (see src/billing/applyStripeEvent.ts `writeIf`).
    data: { $set: { 'subscription.stripeCustomerId': customer.id }, updatedAt: new Date() } as never,
    select: { id: true },
    where: {
      and: [
        { id: { equals: readerId } },
        {
          or: [
            { 'subscription.stripeCustomerId': { exists: false } },
            { 'subscription.stripeCustomerId': { equals: null } },
            { 'subscription.stripeCustomerId': { equals: '' } },
          ],
        },
      ],
    },
  })
  if (filled) return customer.id
  // Another request stored a customer first: use that one.
  const current = (await payload.findByID({
    collection: readersSlug as never,
    depth: 0,
    id: readerId,
    overrideAccess: true,
  })) as unknown as Reader
  return current.subscription?.stripeCustomerId || customer.id
}
