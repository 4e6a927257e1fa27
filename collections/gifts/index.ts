import type { Access, CollectionConfig, FieldAccess } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { GIFT_OPENS_SUFFIX } from '../../src/access/gifts/giftStore.js'
import { editorsOnly, isEditor } from '../../src/access/roles.js'

const nobody = () => false
const editorsRead: { read: FieldAccess } = { read: ({ req }) => isEditor(req) }

/** The giver sees and revokes their own gifts; editors see and revoke all. */
const giverOrEditor: Access = ({ req }) => {
  if (isEditor(req)) return true
  if (!req.user) return false
  return { giver: { equals: req.user.id } }
}

/**
 * Gift links: one document per link, made only by the gift endpoint. The token is never stored, only its
 * SHA-256 (`tokenHash`, unique); `giverSlot` (giver × month × slot 0…N-1, unique) makes the database hold
 * each giver to `giftsPerMonth`. Nobody can change what a gift opens; only `revoked` can be set.
 */
export const giftsCollection = (options: ResolvedNewsroomOptions): CollectionConfig => ({
  slug: options.slugs.gifts,
  access: { create: nobody, delete: editorsOnly, read: giverOrEditor, update: giverOrEditor },
  admin: {
    defaultColumns: ['article', 'giver', 'expiresAt', 'revoked', 'createdAt'],
    description: 'Gift links subscribers made. Revoke one to close it at once.',
    group: 'Newsroom',
  },
  fields: [
    {
      name: 'article',
      type: 'relationship',
      access: { update: nobody },
      admin: { readOnly: true },
      relationTo: options.slugs.articles,
      required: true,
    },
    ...(options.slugs.readers
      ? [
          {
            name: 'giver',
            type: 'relationship' as const,
            access: { update: nobody },
            admin: { readOnly: true },
            index: true,
            relationTo: options.slugs.readers,
          },
        ]
      : [{ name: 'giver', type: 'text' as const, access: { update: nobody }, admin: { readOnly: true }, index: true }]),
    { name: 'expiresAt', type: 'date', access: { update: nobody }, admin: { readOnly: true }, required: true },
    // One way for the giver: a revoked gift stays revoked (editors may reopen it).
    {
      name: 'revoked',
      type: 'checkbox',
      defaultValue: false,
      hooks: {
        beforeChange: [({ originalDoc, req, value }) => (originalDoc?.revoked && !isEditor(req) ? true : value)],
      },
    },
    {
      name: 'tokenHash',
      type: 'text',
      access: { ...editorsRead, update: nobody },
      admin: { hidden: true },
      index: true,
      required: true,
      unique: true,
    },
    // The giver's id and the month (UTC, YYYY-MM) the gift counts against.
    {
      name: 'giverKey',
      type: 'text',
      access: { ...editorsRead, update: nobody },
      admin: { hidden: true },
      index: true,
    },
    { name: 'month', type: 'text', access: { ...editorsRead, update: nobody }, admin: { hidden: true } },
    {
      name: 'giverSlot',
      type: 'text',
      access: { ...editorsRead, update: nobody },
      admin: { hidden: true },
      required: true,
      unique: true,
    },
  ],
  labels: { plural: 'Gift links', singular: 'Gift link' },
  timestamps: true,
})

/** Who opened a gift: one document per gift × requester, at most `maxOpens` per gift (unique slot). */
export const giftOpensCollection = (options: ResolvedNewsroomOptions): CollectionConfig => ({
  slug: `${options.slugs.gifts}${GIFT_OPENS_SUFFIX}`,
  access: { create: nobody, delete: editorsOnly, read: editorsOnly, update: nobody },
  admin: { group: 'Newsroom', hidden: true },
  fields: [
    { name: 'gift', type: 'text', index: true, required: true },
    { name: 'requester', type: 'text', required: true },
    { name: 'openKey', type: 'text', index: true, required: true, unique: true },
    { name: 'slotKey', type: 'text', index: true, required: true, unique: true },
  ],
  labels: { plural: 'Gift opens', singular: 'Gift open' },
  timestamps: true,
})
