import type { CollectionConfig, Field, SelectFieldSingleValidation } from 'payload'

import { select } from 'payload/shared'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { editorsOnly, isEditor } from '../../src/access/roles.js'
import { SUBSCRIPTION_STATUSES } from '../../src/billing/subscriptionStatus.js'
import { billingPortalEndpoint, checkoutEndpoint } from './endpoints/billingSession.js'
import { ownAccountFieldRead, rememberNewAccount } from './ownAccountRead.js'
import { refuseEditorOnlyChange, sameEmail, sameFlag, sameGroup } from './refuseEditorOnlyChange.js'
import { refuseFirstRegister } from './refuseFirstRegister.js'
import { readerVerification } from './verificationEmail.js'

/** A reader may read and edit their own account; editors see everyone. */
const selfOrEditor = ({ req }: { req: Parameters<typeof isEditor>[0] }) => {
  if (isEditor(req)) return true
  if (!req.user) return false
  return { id: { equals: req.user.id } }
}

/**
 * A value is required, checked on save rather than by `required: true`: Payload makes a group with a required
 * subfield a non-null input of GraphQL's update mutation, so a reader's own `updateReader(data: { name })` could
 * not be sent without a `subscription` (which they may not write).
 */
const requiredOnSave: SelectFieldSingleValidation = (value, args) => select(value, { ...args, required: true })

export const readersCollection = (options: ResolvedNewsroomOptions, slug: string): CollectionConfig => {
  // A reader can never raise their own plan: only editors write the subscription.
  const editorsWrite = { create: editorsOnly, update: editorsOnly }
  // Private to the reader and editors, also as `where`/`sort` paths through relationships (e.g. a comment's `reader`).
  const ownRead = { read: ownAccountFieldRead(slug) }
  const defaultFields: Field[] = [
    // Payload's auth `email` field, merged with this declaration: only the access is ours. A reader cannot move
    // their verified account to another address (it would own that address unconfirmed); editors can.
    {
      name: 'email',
      type: 'email',
      access: { ...ownRead, update: editorsOnly },
      hooks: {
        beforeValidate: [
          refuseEditorOnlyChange('Only an editor can change the email address of an account.', sameEmail),
        ],
      },
    },
    { name: 'name', type: 'text', access: ownRead, maxLength: 200 },
    // Payload's auth `_verified` (merged): its default lets any logged-in user set it, i.e. a reader could
    // create an already-verified account for someone else's address.
    {
      name: '_verified',
      type: 'checkbox',
      access: editorsWrite,
      hooks: { beforeValidate: [refuseEditorOnlyChange('Only an editor can verify an account.', sameFlag)] },
    },
    {
      name: 'subscription',
      type: 'group',
      access: ownRead,
      admin: { description: 'Set by editors or your billing integration.' },
      hooks: {
        beforeValidate: [
          refuseEditorOnlyChange('A subscription is changed by an editor or by billing, not by its reader.', sameGroup),
        ],
      },
      fields: [
        {
          name: 'plan',
          type: 'select',
          access: editorsWrite,
          defaultValue: 'free',
          options: ['free', 'premium'],
          validate: requiredOnSave,
        },
        {
          name: 'status',
          type: 'select',
          access: editorsWrite,
          defaultValue: 'active',
          // Stripe's subscription statuses (README: Billing); without billing only `active` is entitled.
          options: [...SUBSCRIPTION_STATUSES],
          validate: requiredOnSave,
        },
        // The plan tier (e.g. `digital`, `all-access`): set from the plan by billing, or by editors; it opens
        // articles and videos of visibility `tiers`.
        {
          name: 'tier',
          type: 'text',
          access: editorsWrite,
          admin: { description: "The plan's tier key." },
          maxLength: 100,
        },
        {
          name: 'currentPeriodEnd',
          type: 'date',
          access: editorsWrite,
          admin: {
            date: { pickerAppearance: 'dayAndTime' },
            description: 'Empty: no end (e.g. a complimentary subscription).',
          },
        },
        {
          name: 'cancelAtPeriodEnd',
          type: 'checkbox',
          access: editorsWrite,
          admin: { description: 'Cancelled: access ends with the current period.' },
        },
        { name: 'trialEnd', type: 'date', access: editorsWrite, admin: { date: { pickerAppearance: 'dayAndTime' } } },
        {
          name: 'complimentary',
          type: 'checkbox',
          access: editorsWrite,
          admin: { description: 'Granted by an editor: billing webhooks never change this subscription.' },
        },
        // Matching a webhook's customer to the reader is a lookup on this field.
        { name: 'stripeCustomerId', type: 'text', access: editorsWrite, index: true, admin: { readOnly: true } },
        { name: 'stripeSubscriptionId', type: 'text', access: editorsWrite, admin: { readOnly: true } },
        // Billing's bookkeeping, written by the webhook only: where a past_due grace starts, and the newest
        // Stripe event applied (an older one never overwrites it; see src/billing/applySubscriptionEvent.ts).
        {
          name: 'currentPeriodStart',
          type: 'date',
          access: { create: editorsOnly, read: editorsOnly, update: editorsOnly },
          admin: { readOnly: true },
        },
        {
          name: 'billingSequence',
          type: 'number',
          access: { create: () => false, read: editorsOnly, update: () => false },
          admin: { hidden: true },
        },
      ],
    },
  ]
  const collection: CollectionConfig = {
    slug,
    access: {
      create: () => true,
      delete: selfOrEditor,
      read: selfOrEditor,
      // Payload's default ("any logged-in user") would let any reader lift the lockout of another's account.
      unlock: editorsOnly,
      update: selfOrEditor,
    },
    admin: {
      defaultColumns: ['email', 'name', 'subscription.plan', 'subscription.status', 'subscription.currentPeriodEnd'],
      group: 'Newsroom',
      useAsTitle: 'email',
    },
    auth: { maxLoginAttempts: 10, tokenExpiration: 60 * 60 * 24 * 7, verify: readerVerification(options) },
    endpoints: [
      refuseFirstRegister,
      // Checkout and the Customer Portal, with billing (a disabled plugin adds no endpoints).
      ...(options.billing && !options.disabled
        ? [
            checkoutEndpoint(options, options.billing, slug, Boolean(readerVerification(options))),
            billingPortalEndpoint(options, options.billing, slug, Boolean(readerVerification(options))),
          ]
        : []),
    ],
    fields: defaultFields,
    hooks: { beforeChange: [rememberNewAccount] },
    labels: { plural: 'Readers', singular: 'Reader' },
  }
  return collection
}
