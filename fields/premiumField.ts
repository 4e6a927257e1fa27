import type { CheckboxField } from 'payload'

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
