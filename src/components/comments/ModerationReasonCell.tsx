'use client'
import type { DefaultCellComponentProps, TextFieldClient } from 'payload'

import React from 'react'

import { useNewsroomTranslation } from '../useNewsroomTranslation.js'
import { moderationReasonInWords } from './moderationReasonInWords.js'

/** The rule that held or flagged the comment, in the editor's words; nothing at all when there is none. */
export const ModerationReasonCell: React.FC<DefaultCellComponentProps<TextFieldClient>> = ({ cellData, rowData }) => {
  const { i18n, t } = useNewsroomTranslation()
  const words = moderationReasonInWords(
    cellData,
    (rowData as Record<string, unknown> | undefined)?.moderationReasonDetail,
    t as never,
    i18n.language,
  )
  return <span data-newsroom-reason={words ? 'given' : 'none'}>{words}</span>
}
