import type { CollectionSlug } from 'payload'

import { Link } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { NewsroomStyles } from '../NewsroomStyles.js'
import { newsroomT } from '../serverTranslation.js'
import { type AdminServerProps, countPendingComments, resolveServerProps } from './pendingComments.js'
import { queueSearch } from './moderationStatus.js'

/** In the admin nav: "Moderation queue" with the number of pending comments, linking to the queue. */
export const PendingCommentsNavLink = async (props: { commentsSlug?: string } & AdminServerProps) => {
  const { i18n, payload, user } = resolveServerProps(props)
  const commentsSlug = props.commentsSlug ?? 'comments'
  if (!payload || !i18n || !user || !payload.collections[commentsSlug as CollectionSlug]) return null
  const t = newsroomT(i18n)
  let pending: number
  try {
    pending = await countPendingComments(payload, user, commentsSlug)
  } catch {
    // Someone who may not read comments gets no link to them.
    return null
  }
  const href = `${formatAdminURL({ adminRoute: payload.config.routes.admin, path: `/collections/${commentsSlug}` })}${queueSearch('pending')}`
  return (
    <Link
      aria-label={`${t('plugin-newsroom:moderationQueue')}: ${t('plugin-newsroom:pendingCount', { count: pending })}`}
      className="nav__link newsroom-nav-link"
      href={href}
      id="nav-newsroom-moderation-queue"
      prefetch={false}
    >
      <NewsroomStyles />
      <span className="nav__link-label">{t('plugin-newsroom:moderationQueue')}</span>
      <span className={`newsroom-count${pending === 0 ? ' newsroom-count--zero' : ''}`} data-pending-count={pending}>
        {pending}
      </span>
    </Link>
  )
}
