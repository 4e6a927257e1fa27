import type { CollectionSlug } from 'payload'

import { Link } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { NewsroomStyles } from '../NewsroomStyles.js'
import { newsroomT } from '../serverTranslation.js'
import { excerpt } from '../shared/excerpt.js'
import { pendingSummary, queueURL } from './moderationQueue.js'
import { type AdminServerProps, resolveServerProps } from '../shared/serverProps.js'

/** How many of the newest pending comments the widget lists. */
const NEWEST_SHOWN = 5

/**
 * Dashboard widget: the pending count and the newest pending comments, linking to the queue.
 * Works as a modular-dashboard widget (gets `req`) and in `beforeDashboard` (gets `payload`).
 */
export const PendingCommentsWidget = async (
  props: { articlesSlug?: string; commentsSlug?: string } & AdminServerProps,
) => {
  const { i18n, payload, user } = resolveServerProps(props)
  const commentsSlug = props.commentsSlug ?? 'comments'
  const articlesSlug = props.articlesSlug ?? 'articles'
  if (!payload || !i18n || !user || !payload.collections[commentsSlug as CollectionSlug]) return null
  const t = newsroomT(i18n)
  let summary: Awaited<ReturnType<typeof pendingSummary>>
  try {
    summary = await pendingSummary({ articlesSlug, commentsSlug, limit: NEWEST_SHOWN, payload, user })
  } catch {
    // Someone who may not read comments sees no widget.
    return null
  }
  const { newest, pending } = summary
  const docURL = (id: number | string) =>
    formatAdminURL({
      adminRoute: payload.config.routes.admin,
      path: `/collections/${commentsSlug}/${encodeURIComponent(String(id))}`,
    })

  return (
    <section
      aria-labelledby="newsroom-moderation-widget-title"
      className="newsroom-widget"
      data-newsroom-widget="moderation"
    >
      <NewsroomStyles />
      <div className="newsroom-widget__head">
        <h2 className="newsroom-widget__title" id="newsroom-moderation-widget-title">
          {t('plugin-newsroom:moderationWidgetLabel')}
        </h2>
        <span className="newsroom-widget__count" data-pending-count={pending}>
          {pending}
        </span>
      </div>
      {newest.length === 0 ? (
        <p className="newsroom-widget__meta">{t('plugin-newsroom:noPending')}</p>
      ) : (
        <>
          <span className="newsroom-widget__meta">{t('plugin-newsroom:newestPending')}</span>
          <ul className="newsroom-widget__list">
            {newest.map((comment) => (
              <li className="newsroom-widget__item" key={String(comment.id)}>
                <Link href={docURL(comment.id)} prefetch={false}>
                  <strong>{comment.authorName}</strong>: {excerpt(comment.body, 90)}
                </Link>
                <span className="newsroom-widget__meta">
                  {[
                    comment.articleTitle ? t('plugin-newsroom:onArticle', { article: comment.articleTitle }) : null,
                    comment.createdAt ? new Date(comment.createdAt).toLocaleString(i18n.language) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <Link href={queueURL(payload, commentsSlug, 'pending')} prefetch={false}>
        {t('plugin-newsroom:openQueue')} →
      </Link>
    </section>
  )
}
