'use client'
import type { DefaultCellComponentProps, SelectFieldClient } from 'payload'

import { toast, useConfig, useRouteCache } from '@payloadcms/ui'
import React, { useState } from 'react'

import { NewsroomStyles } from '../NewsroomStyles.js'
import { useHydrated } from '../useHydrated.js'
import { useNewsroomTranslation } from '../useNewsroomTranslation.js'
import {
  actionLabelKey,
  actionsFor,
  isModerationStatus,
  type ModerationStatus,
  statusLabelKey,
} from './moderationStatus.js'
import { setCommentStatus } from './setCommentStatus.js'

/** A comment's status as a coloured badge; in the list view also one-click Approve / Hold / Spam / Trash. */
export const CommentStatusCell: React.FC<DefaultCellComponentProps<SelectFieldClient>> = ({
  cellData,
  collectionSlug,
  rowData,
  viewType,
}) => {
  const { t, i18n } = useNewsroomTranslation()
  const {
    config: {
      routes: { api },
      serverURL,
    },
  } = useConfig()
  const { clearRouteCache } = useRouteCache()
  const [busy, setBusy] = useState(false)
  const hydrated = useHydrated()
  const status = isModerationStatus(cellData) ? cellData : undefined

  const moveTo = async (target: ModerationStatus) => {
    setBusy(true)
    try {
      const { errors, updated } = await setCommentStatus({
        apiRoute: api,
        collectionSlug,
        language: i18n.language,
        serverURL,
        status: target,
        where: { id: { equals: rowData.id } },
      })
      if (updated > 0) {
        toast.success(t('plugin-newsroom:commentMarked', { status: t(statusLabelKey(target)).toLowerCase() }))
        // Re-render the server parts: the row, the status counts, the nav badge.
        clearRouteCache()
      } else {
        toast.error(t('plugin-newsroom:updateFailed', { message: errors.join(' ') || '—' }))
      }
    } catch (err) {
      toast.error(t('plugin-newsroom:updateFailed', { message: (err as Error).message }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <span className="newsroom-status-cell">
      <NewsroomStyles />
      {status ? (
        <span className={`newsroom-badge newsroom-badge--${status}`} data-status={status}>
          {t(statusLabelKey(status))}
        </span>
      ) : (
        <span>{String(cellData ?? '')}</span>
      )}
      {viewType === 'list' && rowData?.id !== undefined ? (
        <span className="newsroom-actions">
          {actionsFor(status).map((target) => (
            <button
              className={`newsroom-action newsroom-action--${target}`}
              data-action={target}
              disabled={busy || !hydrated}
              key={target}
              onClick={() => void moveTo(target)}
              type="button"
            >
              {t(actionLabelKey(target))}
            </button>
          ))}
        </span>
      ) : null}
    </span>
  )
}
