'use client'
import type { TextFieldClientComponent } from 'payload'

import { FieldLabel, useField, useFormFields } from '@payloadcms/ui'
import React from 'react'

import { useNewsroomTranslation } from '../useNewsroomTranslation.js'
import { moderationReasonInWords } from './moderationReasonInWords.js'

/** The moderation reason in the edit view: read-only words in the editor's language instead of an English input. */
export const ModerationReasonField: TextFieldClientComponent = ({ field, path }) => {
  const { i18n, t } = useNewsroomTranslation()
  const { value } = useField<string>({ path: path ?? field.name })
  const detail = useFormFields(([fields]) => fields.moderationReasonDetail?.value)
  const words = moderationReasonInWords(value, detail, t as never, i18n.language)
  return (
    <div className="field-type newsroom-reason-field" data-newsroom-reason={words ? 'given' : 'none'}>
      <FieldLabel label={field.label ?? t('plugin-newsroom:moderationReason')} path={path} />
      <p style={{ margin: 0 }}>{words || t('plugin-newsroom:reasonNone')}</p>
    </div>
  )
}
