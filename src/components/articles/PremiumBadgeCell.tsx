'use client'
import type { CheckboxFieldClient, DefaultCellComponentProps } from 'payload'

import React from 'react'

import { LinkedCell } from '../LinkedCell.js'
import { NewsroomStyles } from '../NewsroomStyles.js'
import { useNewsroomTranslation } from '../useNewsroomTranslation.js'

/** The `premium` checkbox as a "Premium" / "Free" badge in article and video lists. */
export const PremiumBadgeCell: React.FC<DefaultCellComponentProps<CheckboxFieldClient>> = (props) => {
  const { t } = useNewsroomTranslation()
  const premium = props.cellData === true
  return (
    <LinkedCell {...props}>
      <NewsroomStyles />
      <span className={`newsroom-badge newsroom-badge--${premium ? 'premium' : 'free'}`} data-premium={premium}>
        {premium ? `★ ${t('plugin-newsroom:premium')}` : t('plugin-newsroom:free')}
      </span>
    </LinkedCell>
  )
}
