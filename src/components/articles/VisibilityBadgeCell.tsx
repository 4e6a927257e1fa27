'use client'
import type { DefaultCellComponentProps, SelectFieldClient } from 'payload'

import React from 'react'

import { LinkedCell } from '../LinkedCell.js'
import { NewsroomStyles } from '../NewsroomStyles.js'
import { useNewsroomTranslation } from '../useNewsroomTranslation.js'

const KNOWN = ['public', 'members', 'paid', 'tiers'] as const
type Known = (typeof KNOWN)[number]

/** `visibility` as a badge in article and video lists: Free, Members, ★ Premium, ★ Tiers (with the tiers). */
export const VisibilityBadgeCell: React.FC<DefaultCellComponentProps<SelectFieldClient>> = (props) => {
  const { t } = useNewsroomTranslation()
  const row = (props.rowData ?? {}) as { premium?: boolean; tiers?: null | string[] }
  const raw = props.cellData
  // Documents from before visibility read as the gate reads them: premium → paid.
  const visibility: Known = KNOWN.includes(raw as Known) ? (raw as Known) : row.premium ? 'paid' : 'public'
  const label = {
    members: t('plugin-newsroom:visibilityMembers'),
    paid: `★ ${t('plugin-newsroom:premium')}`,
    public: t('plugin-newsroom:free'),
    tiers: `★ ${(row.tiers ?? []).join(', ') || t('plugin-newsroom:visibilityTiers')}`,
  }[visibility]
  const tone = visibility === 'public' ? 'free' : visibility === 'members' ? 'members' : 'premium'
  return (
    <LinkedCell {...props}>
      <NewsroomStyles />
      <span className={`newsroom-badge newsroom-badge--${tone}`} data-visibility={visibility}>
        {label}
      </span>
    </LinkedCell>
  )
}
