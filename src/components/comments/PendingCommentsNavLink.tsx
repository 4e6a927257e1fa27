import type { CollectionSlug } from 'payload'

import { Link } from '@payloadcms/ui'
import React from 'react'

import { NewsroomStyles } from '../NewsroomStyles.js'
import { newsroomT } from '../serverTranslation.js'
import { countComments, queueURL } from './moderationQueue.js'
import { type AdminServerProps, resolveServerProps } from '../shared/serverProps.js'

/** In the admin nav: "Moderation queue" with the number of pending comments, linking to the queue. */
export const PendingCommentsNavLink = async (props: { commentsSlug?: string } & AdminServerProps) => {
  const { i18n, payload, user } = resolveServerProps(props)
  const commentsSlug = props.commentsSlug ?? 'comments'
  if (!payload || !i18n || !user || !payload.collections[commentsSlug as CollectionSlug]) return null
  const t = newsroomT(i18n)
  let pending: number
  try {
    pending = await countComments({ commentsSlug, payload, user }, 'pending')
  } catch {
    // Someone who may not read comments gets no link to them.
    return null
  }
  return (
    <Link
      aria-label={`${t('plugin-newsroom:moderationQueue')}: ${t('plugin-newsroom:pendingCount', { count: pending })}`}
      className="nav__link newsroom-nav-link"
      href={queueURL(payload, commentsSlug, 'pending')}
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
