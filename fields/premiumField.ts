import type { CheckboxField, SelectField, TextField } from 'payload'

/** Marks a document premium: its gated fields reach entitled readers only. */
export const premiumField = (overrides: Partial<CheckboxField> = {}): CheckboxField =>
  ({
    name: 'premium',
    type: 'checkbox',
    admin: { description: 'Only subscribers can read the full content.', position: 'sidebar' },
    defaultValue: false,
    index: true,
    label: 'Premium',
    ...overrides,
  }) as CheckboxField

/**
 * Who may read the gated fields: everyone, logged-in members, any entitled subscription, or the listed plan
 * tiers. Kept in step with `premium` (premium = anything but public; `premium: true` alone means `paid`).
 */
export const visibilityField = (overrides: Partial<SelectField> = {}): SelectField =>
  ({
    name: 'visibility',
    type: 'select',
    admin: {
      description: 'Who can read the full content.',
      position: 'sidebar',
    },
    defaultValue: 'public',
    index: true,
    options: [
      { label: 'Public', value: 'public' },
      { label: 'Members (logged in)', value: 'members' },
      { label: 'Paid subscribers', value: 'paid' },
      { label: 'Specific tiers', value: 'tiers' },
    ],
    ...overrides,
  }) as SelectField

/** The plan tiers (e.g. `digital`, `all-access`) a `tiers` document opens to. */
export const tiersField = (): TextField => ({
  name: 'tiers',
  type: 'text',
  admin: {
    condition: (data) => data?.visibility === 'tiers',
    description: 'Plan tiers whose subscribers can read it (the tier of a reader’s subscription).',
    position: 'sidebar',
  },
  hasMany: true,
  index: true,
  maxLength: 100,
  validate: (value: unknown, { siblingData }: { siblingData?: { visibility?: unknown } }) =>
    siblingData?.visibility === 'tiers' && (!Array.isArray(value) || value.length === 0)
      ? 'List at least one tier, or choose another visibility.'
      : true,
})
