import type { CollectionConfig } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { editorsOnly, isEditor } from '../../src/access/roles.js'

/**
 * Subscription plans sold through Stripe Checkout (with `billing`). Editors manage them; everyone else reads the
 * active ones (the host's `overrides.plans` is merged by src/plugin/assembleCollection.ts). Stripe price ids stay editors': a client asks for a plan and an interval, the server picks the price.
 */
export const plansCollection = (options: ResolvedNewsroomOptions): CollectionConfig => {
  const collection: CollectionConfig = {
    slug: options.slugs.plans,
    access: {
      create: editorsOnly,
      delete: editorsOnly,
      read: ({ req }) => isEditor(req) || { active: { equals: true } },
      update: editorsOnly,
    },
    admin: {
      defaultColumns: ['name', 'tier', 'active', 'trialDays'],
      group: 'Newsroom',
      useAsTitle: 'name',
    },
    fields: [
      { name: 'name', type: 'text', maxLength: 200, required: true },
      { name: 'description', type: 'textarea', maxLength: 2000 },
      {
        name: 'benefits',
        type: 'array',
        fields: [{ name: 'benefit', type: 'text', maxLength: 300, required: true }],
        maxRows: 30,
      },
      {
        name: 'tier',
        type: 'text',
        admin: {
          description:
            'Key of the access tier this plan gives (e.g. `digital`); readers get it as `subscription.tier`.',
        },
        index: true,
        required: true,
      },
      {
        name: 'stripePrices',
        type: 'array',
        admin: { description: 'One Stripe price per billing interval (price ids from the Stripe dashboard).' },
        fields: [
          {
            name: 'priceId',
            type: 'text',
            access: { read: editorsOnly },
            // Looked up on every subscription webhook (price → plan).
            index: true,
            required: true,
            validate: (value: null | string | undefined) =>
              typeof value === 'string' && /^price_[A-Za-z0-9_]+$/.test(value) ? true : 'A Stripe price id (price_…).',
          },
          { name: 'interval', type: 'select', options: ['month', 'year'], required: true },
        ],
        maxRows: 2,
      },
      { name: 'trialDays', type: 'number', min: 0, max: 730, admin: { step: 1 } },
      { name: 'active', type: 'checkbox', defaultValue: true, index: true },
    ],
    labels: { plural: 'Plans', singular: 'Plan' },
  }
  return collection
}
