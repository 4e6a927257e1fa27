'use client'
import type { DefaultCellComponentProps, SelectFieldClient } from 'payload'

import React from 'react'

import { LinkedCell } from '../LinkedCell.js'
import { NewsroomStyles } from '../NewsroomStyles.js'
import { subscriptionStatusTone } from './stripeDashboard.js'

/** A reader's subscription status as a coloured badge (green entitled, amber at risk, grey ended). */
export const SubscriptionStatusCell: React.FC<DefaultCellComponentProps<SelectFieldClient>> = (props) => {
  const status = typeof props.cellData === 'string' ? props.cellData : ''
  return (
    <LinkedCell {...props}>
      <NewsroomStyles />
      {status ? (
        <span className={`newsroom-badge newsroom-badge--${subscriptionStatusTone(status)}`} data-status={status}>
          {status.replace(/_/g, ' ')}
        </span>
      ) : null}
    </LinkedCell>
  )
}
