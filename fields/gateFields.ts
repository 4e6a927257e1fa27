import type { CheckboxField, JSONField } from 'payload'

const readOnlyVirtual = { create: () => false, update: () => false }

/** Computed on every read: true when this requester is not entitled to the document's gated fields. */
export const lockedField = (): CheckboxField => ({
  name: 'locked',
  type: 'checkbox',
  access: readOnlyVirtual,
  admin: { hidden: true },
  virtual: true,
})

/** Computed on every read: the Lexical state anyone may read (before the paywall break). */
export const teaserField = (): JSONField => ({
  name: 'teaser',
  type: 'json',
  access: readOnlyVirtual,
  admin: { hidden: true },
  virtual: true,
})
