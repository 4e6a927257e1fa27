import type { Field } from 'payload'

/** The comment's field that marks a reply an editor wrote from the moderation desk. */
export const STAFF_FIELD = 'staff'

/**
 * Public (the reader page and GraphQL show "Staff"), but no request can set it, not even an editor's REST or
 * GraphQL write: only the desk's staff-reply endpoint, which writes it from server code.
 */
export const staffField = (): Field => ({
  name: STAFF_FIELD,
  type: 'checkbox',
  access: { create: () => false, update: () => false },
  admin: { description: 'Written by the newsroom from the moderation desk.', position: 'sidebar', readOnly: true },
  defaultValue: false,
  label: 'Staff reply',
})
