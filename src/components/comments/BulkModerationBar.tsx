'use client'
import type { Where } from 'payload'

import { toast, useConfig, useListDrawerContext, useListQuery, useRouteCache, useSelection } from '@payloadcms/ui'
import { mergeListSearchAndWhere } from 'payload/shared'
import React, { useState } from 'react'

import { NewsroomStyles } from '../NewsroomStyles.js'
import { useNewsroomTranslation } from '../useNewsroomTranslation.js'
import { type ModerationStatus, statusLabelKey } from './moderationStatus.js'
import { setCommentStatus } from './setCommentStatus.js'

const BULK_ACTIONS: {
  key: 'approveSelected' | 'holdSelected' | 'spamSelected' | 'trashSelected'
  status: ModerationStatus
}[] = [
  { key: 'approveSelected', status: 'approved' },
  { key: 'holdSelected', status: 'pending' },
  { key: 'spamSelected', status: 'spam' },
  { key: 'trashSelected', status: 'trash' },
]

/**
 * Above the comments table while rows are selected: move every selected comment to one status in a
 * single REST bulk update. "Select all across pages" applies to the whole current filter and search.
 */
export const BulkModerationBar: React.FC<{ collectionSlug?: string }> = ({ collectionSlug: slugFromProps }) => {
  const { t, i18n } = useNewsroomTranslation()
  const { count, selectAll, selectedIDs, toggleAll } = useSelection()
  const { collectionSlug: slugFromList, query } = useListQuery()
  const {
    config: {
      routes: { api },
      serverURL,
    },
    getEntityConfig,
  } = useConfig()
  const { clearRouteCache } = useRouteCache()
  const { isInDrawer } = useListDrawerContext()
  const [busy, setBusy] = useState(false)
  const collectionSlug = slugFromProps ?? slugFromList
  // In a relationship picker, selecting rows means choosing them, not moderating them.
  if (count === 0 || !collectionSlug || isInDrawer) return null

  const selectionWhere = (): Where => {
    if (selectAll !== 'allAvailable') return { id: { in: selectedIDs } }
    // Everything the list currently matches (filter and search), across all pages.
    const where = mergeListSearchAndWhere({
      collectionConfig: getEntityConfig({ collectionSlug }),
      search: typeof query?.search === 'string' ? query.search : '',
      // A copy: the merge appends to `and` in place.
      where: query?.where ? (structuredClone(query.where) as Where) : {},
    })
    return Object.keys(where).length > 0 ? where : { id: { exists: true } }
  }

  const moveSelectedTo = async (status: ModerationStatus) => {
    setBusy(true)
    try {
      const { errors, updated } = await setCommentStatus({
        apiRoute: api,
        collectionSlug,
        language: i18n.language,
        serverURL,
        status,
        where: selectionWhere(),
      })
      if (updated > 0) {
        toast.success(
          t('plugin-newsroom:commentsMarked', {
            count: updated,
            status: t(statusLabelKey(status)).toLowerCase(),
          }),
        )
      }
      if (errors.length > 0) toast.error(t('plugin-newsroom:updateFailed', { message: errors.join(' ') }))
      if (updated > 0) {
        toggleAll() // clears the selection
        clearRouteCache()
      }
    } catch (err) {
      toast.error(t('plugin-newsroom:updateFailed', { message: (err as Error).message }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div aria-label={t('plugin-newsroom:bulkLabel')} className="newsroom-bulk" role="toolbar">
      <NewsroomStyles />
      <strong>{t('plugin-newsroom:bulkLabel')}</strong>
      <span>{count}</span>
      {BULK_ACTIONS.map(({ key, status }) => (
        <button
          className={`newsroom-action newsroom-action--${status}`}
          data-bulk-action={status}
          disabled={busy}
          key={status}
          onClick={() => void moveSelectedTo(status)}
          type="button"
        >
          {t(`plugin-newsroom:${key}`)}
        </button>
      ))}
    </div>
  )
}
