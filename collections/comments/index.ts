import type { CollectionConfig, Field, TextFieldSingleValidation } from 'payload'

import { text } from 'payload/shared'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { authorUrlField } from '../../fields/authorUrlField.js'
import { mustExist } from '../../fields/mustExist.js'
import { editorsOnly } from '../../src/access/roles.js'
import { COMMENT_STATUSES } from '../../src/moderation/commentStatus.js'
import { reportCommentEndpoint } from './endpoints/reportComment.js'
import { commentLocaleField } from './fields/commentLocaleField.js'
import { ownCommentWithinWindow, readApprovedOrEditor } from './access.js'
import { cleanUpAfterDelete, clearReportsOnApproval } from './hooks/cleanup.js'
import { countApprovedOnChange, countApprovedOnDelete } from './hooks/countApprovedComments.js'
import { hideSpamVerdict } from './hooks/hideSpamVerdict.js'
import { moderateOnSave } from './hooks/moderateOnSave.js'
import { prepareComment } from './hooks/prepareComment.js'
import { recordEditorDecision } from './hooks/recordEditorDecision.js'
import { recordTrustedWrite } from './hooks/trustedWrite.js'
import { queueCommentNotifications } from './hooks/queueNotifications.js'
import { keepClaimsOfStoredComment } from './hooks/submissionClaims.js'
import { moderationReasonDetailField } from './fields/moderationReasonDetail.js'
import { blockAuthorEndpoint } from './endpoints/blockAuthor.js'
import { staffReplyEndpoint } from './endpoints/staffReply.js'
import { staffField } from './fields/staffField.js'

const editorsOnlyField = { create: editorsOnly, read: editorsOnly, update: editorsOnly }
// Set when the comment is written; afterwards only editors may move it or change who wrote it.
const fixedAfterCreate = { update: editorsOnly }

export const commentsCollection = (
  options: ResolvedNewsroomOptions,
  { localized = false }: { localized?: boolean } = {},
): CollectionConfig => {
  const { comments: rules, slugs } = options
  const defaultFields: Field[] = [
    {
      name: 'article',
      type: 'relationship',
      access: fixedAfterCreate,
      admin: { position: 'sidebar' },
      filterOptions: mustExist,
      index: true,
      relationTo: slugs.articles,
      required: true,
    },
    {
      name: 'parent',
      type: 'relationship',
      access: fixedAfterCreate,
      admin: { position: 'sidebar' },
      index: true,
      relationTo: slugs.comments,
    },
    {
      name: 'authorName',
      type: 'text',
      access: fixedAfterCreate,
      label: 'Name',
      maxLength: 100,
      // Required, but through `validate` rather than `required`: a logged-in reader's name comes from the
      // account, so GraphQL must not demand it in the input.
      validate: ((value, args) =>
        typeof value === 'string' && value.trim()
          ? text(value, args)
          : args.req.t('validation:required')) as TextFieldSingleValidation,
    },
    {
      name: 'authorEmail',
      type: 'email',
      // Readers are told their email will not be published.
      access: { read: editorsOnly, update: editorsOnly },
      index: true,
      label: 'Email',
      required: true,
    },
    authorUrlField(),
    {
      name: 'body',
      type: 'textarea',
      admin: { description: 'Plain text.' },
      label: 'Comment',
      maxLength: rules.maxLength,
      required: true,
    },
    {
      name: 'status',
      type: 'select',
      access: { create: editorsOnly, update: editorsOnly },
      admin: { position: 'sidebar' },
      defaultValue: 'pending',
      // Runs for every write, before the collection hooks: tells them whether the write is trusted.
      hooks: { beforeValidate: [recordTrustedWrite] },
      index: true,
      options: COMMENT_STATUSES.map((value) => ({
        label: value[0].toUpperCase() + value.slice(1),
        value,
      })),
    },
    {
      name: 'moderationReason',
      type: 'text',
      access: editorsOnlyField,
      admin: { position: 'sidebar', readOnly: true },
    },
    moderationReasonDetailField(),
    staffField(),
    ...(slugs.readers
      ? [
          {
            name: 'reader',
            type: 'relationship',
            access: { create: editorsOnly, update: editorsOnly },
            admin: { position: 'sidebar', readOnly: true },
            index: true,
            relationTo: slugs.readers,
          } as Field,
        ]
      : []),
    {
      name: 'fingerprint',
      type: 'text',
      access: editorsOnlyField,
      admin: {
        description: 'Keyed hash of the requester (IP + user agent) for flood control.',
        position: 'sidebar',
        readOnly: true,
      },
      index: true,
    },
    {
      // Honeypot: invisible in the public form, filled in only by bots. Never stored.
      name: rules.honeypotField,
      type: 'text',
      admin: { hidden: true },
      virtual: true,
    },
  ]

  // `disabled`: the schema and access rules stay, the moderation machinery does not run
  // (nothing is approved automatically: the public's comments stay pending).
  const hooks: CollectionConfig['hooks'] = options.disabled
    ? { afterOperation: [hideSpamVerdict] }
    : {
        afterChange: [
          keepClaimsOfStoredComment,
          countApprovedOnChange(options),
          queueCommentNotifications(options),
          clearReportsOnApproval(options),
        ],
        afterDelete: [countApprovedOnDelete(options), cleanUpAfterDelete(options)],
        afterOperation: [hideSpamVerdict],
        beforeChange: [moderateOnSave(options), recordEditorDecision],
        beforeValidate: [prepareComment(options)],
      }

  const collection: CollectionConfig = {
    slug: slugs.comments,
    access: {
      create: () => true,
      delete: ownCommentWithinWindow(options),
      read: readApprovedOrEditor,
      update: ownCommentWithinWindow(options),
    },
    admin: {
      defaultColumns: ['authorName', 'body', 'article', 'status', 'moderationReason', 'createdAt'],
      group: 'Newsroom',
      listSearchableFields: ['authorName', 'authorEmail', 'body'],
      useAsTitle: 'authorName',
    },
    defaultSort: '-createdAt',
    // A copy would be a new comment that skipped the form; nobody needs one.
    disableDuplicate: true,
    endpoints: options.disabled
      ? []
      : [
          ...(slugs.readers ? [reportCommentEndpoint(options)] : []),
          staffReplyEndpoint(options),
          blockAuthorEndpoint(options),
        ],
    // The edition a comment was written on, only when the host has localization (the schema stays as it was otherwise).
    fields: localized ? [...defaultFields, commentLocaleField()] : defaultFields,
    hooks,
    indexes: [
      { fields: ['status', 'createdAt'] },
      { fields: ['article', 'status'] },
      { fields: ['authorEmail', 'createdAt'] },
      { fields: ['fingerprint', 'createdAt'] },
    ],
    labels: { plural: 'Comments', singular: 'Comment' },
    timestamps: true,
  }
  return collection
}
