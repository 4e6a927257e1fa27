import type { CollectionConfig, Field } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { editorsOnly, isEditor } from '../../src/access/roles.js'
import { ownAccountFieldRead, rememberNewAccount } from './ownAccountRead.js'
import { refuseFirstRegister } from './refuseFirstRegister.js'
import { readerVerification } from './verificationEmail.js'

/** A reader may read and edit their own account; editors see everyone. */
const selfOrEditor = ({ req }: { req: Parameters<typeof isEditor>[0] }) => {
  if (isEditor(req)) return true
  if (!req.user) return false
  return { id: { equals: req.user.id } }
}

export const readersCollection = (options: ResolvedNewsroomOptions, slug: string): CollectionConfig => {
  // A reader can never raise their own plan: only editors write the subscription.
  const editorsWrite = { create: editorsOnly, update: editorsOnly }
  // Private to the reader and editors, also as `where`/`sort` paths through relationships (e.g. a comment's `reader`).
  const ownRead = { read: ownAccountFieldRead(slug) }
  const defaultFields: Field[] = [
    // Payload's auth `email` field, merged with this declaration: only the access is ours. A reader cannot move
    // their verified account to another address (it would own that address unconfirmed); editors can.
    { name: 'email', type: 'email', access: { ...ownRead, update: editorsOnly } },
    { name: 'name', type: 'text', access: ownRead, maxLength: 200 },
    // Payload's auth `_verified` (merged): its default lets any logged-in user set it, i.e. a reader could
    // create an already-verified account for someone else's address.
    { name: '_verified', type: 'checkbox', access: editorsWrite },
    {
      name: 'subscription',
      type: 'group',
      access: ownRead,
      admin: { description: 'Set by editors or your billing integration.' },
      fields: [
        {
          name: 'plan',
          type: 'select',
          access: editorsWrite,
          defaultValue: 'free',
          options: ['free', 'premium'],
          required: true,
        },
        {
          name: 'status',
          type: 'select',
          access: editorsWrite,
          defaultValue: 'active',
          options: ['active', 'past_due', 'canceled'],
          required: true,
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
      defaultColumns: ['email', 'name', 'subscription.plan', 'subscription.status'],
      group: 'Newsroom',
      useAsTitle: 'email',
    },
    auth: { maxLoginAttempts: 10, tokenExpiration: 60 * 60 * 24 * 7, verify: readerVerification(options) },
    endpoints: [refuseFirstRegister],
    fields: defaultFields,
    hooks: { beforeChange: [rememberNewAccount] },
    labels: { plural: 'Readers', singular: 'Reader' },
  }
  return collection
}
