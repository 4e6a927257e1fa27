import type { CheckboxField, JSONField, SelectField, TextField } from 'payload'

import { UNLOCKED_BY } from '../src/utilities/accessDecision.js'

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

/** Computed on every read: what opened the gated fields to this requester (null: nothing had to, or locked). */
export const unlockedByField = (): SelectField => ({
  name: 'unlockedBy',
  type: 'select',
  access: readOnlyVirtual,
  admin: { hidden: true },
  options: [...UNLOCKED_BY],
  virtual: true,
})

/** Computed on every read: the giver's name when a gift link opened the document (the reader page's “Gifted by …”). */
export const giftedByField = (): TextField => ({
  name: 'giftedBy',
  type: 'text',
  access: readOnlyVirtual,
  admin: { hidden: true },
  virtual: true,
})
