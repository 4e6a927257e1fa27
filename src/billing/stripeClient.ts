import type { Stripe } from 'stripe'

import type { ResolvedBillingOptions } from '../types.js'

/** Billing is on but a key is missing: the endpoints answer 503 naming what to set (never the value). */
export class BillingNotConfiguredError extends Error {
  constructor(readonly missing: string) {
    super(`Billing is not configured: set ${missing}.`)
    this.name = 'BillingNotConfiguredError'
  }
}

// One SDK client per resolved billing options (i.e. per plugin instance), made on first use.
const clients = new WeakMap<ResolvedBillingOptions, Promise<Stripe>>()

/**
 * The Stripe SDK client for these options. Loaded on first use (an app without billing never loads the SDK);
 * no automatic retries: a failed call fails the request, the client (or Stripe's webhook retry) tries again.
 */
export const stripeClient = (billing: ResolvedBillingOptions): Promise<Stripe> => {
  if (!billing.stripe.secretKey) throw new BillingNotConfiguredError('STRIPE_SECRET_KEY (or billing.stripe.secretKey)')
  let client = clients.get(billing)
  if (!client) {
    client = import('stripe').then(
      ({ default: StripeSDK }) =>
        new StripeSDK(billing.stripe.secretKey, {
          ...(billing.stripe.apiVersion ? { apiVersion: billing.stripe.apiVersion as Stripe.LatestApiVersion } : {}),
          ...billing.stripe.api,
          appInfo: { name: 'payload-plugin-newsroom' },
          maxNetworkRetries: 0,
          telemetry: false,
        }),
    )
    clients.set(billing, client)
  }
  return client
}

/** The webhook signing secret, or the 503 that says which variable to set. */
export const webhookSecretOf = (billing: ResolvedBillingOptions): string => {
  if (!billing.stripe.webhookSecret) {
    throw new BillingNotConfiguredError('STRIPE_WEBHOOK_SECRET (or billing.stripe.webhookSecret)')
  }
  return billing.stripe.webhookSecret
}
