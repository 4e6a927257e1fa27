import type { CollectionSlug } from 'payload'

import { Link } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { NewsroomStyles } from '../NewsroomStyles.js'
import { newsroomT } from '../serverTranslation.js'
import { excerpt } from '../shared/excerpt.js'
import { queueSearch } from './moderationStatus.js'
import { type AdminServerProps, countPendingComments, resolveServerProps } from './pendingComments.js'

/** How many of the newest pending comments the widget lists. */
const NEWEST_SHOWN = 5

type PendingDoc = {
  article?: { id: number | string; title?: null | string } | null | number | string
  authorName?: string
  body?: string
  createdAt?: string
  id: number | string
}

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
  const adminRoute = payload.config.routes.admin
  let pending: number
  let newest: PendingDoc[]
  try {
    ;[pending, newest] = await Promise.all([
      countPendingComments(payload, user, commentsSlug),
      payload
        .find({
          collection: commentsSlug as CollectionSlug,
          depth: 1,
          limit: NEWEST_SHOWN,
          overrideAccess: false,
          pagination: false,
          populate: { [articlesSlug]: { title: true } },
          select: { article: true, authorName: true, body: true, createdAt: true },
          sort: '-createdAt',
          user,
          where: { status: { equals: 'pending' } },
        })
        .then((res) => res.docs as unknown as PendingDoc[]),
    ])
  } catch {
    return null
  }
  const queueURL = `${formatAdminURL({ adminRoute, path: `/collections/${commentsSlug}` })}${queueSearch('pending')}`
  const docURL = (id: number | string) =>
    formatAdminURL({ adminRoute, path: `/collections/${commentsSlug}/${encodeURIComponent(String(id))}` })

  return (
    <section aria-labelledby="newsroom-moderation-widget-title" className="newsroom-widget" data-newsroom-widget="moderation">
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
            {newest.map((doc) => {
              const articleTitle = typeof doc.article === 'object' && doc.article ? doc.article.title : undefined
              return (
                <li className="newsroom-widget__item" key={String(doc.id)}>
                  <Link href={docURL(doc.id)} prefetch={false}>
                    <strong>{doc.authorName}</strong>: {excerpt(doc.body, 90)}
                  </Link>
                  <span className="newsroom-widget__meta">
                    {articleTitle ? t('plugin-newsroom:onArticle', { article: articleTitle }) : null}
                    {articleTitle && doc.createdAt ? ' · ' : null}
                    {doc.createdAt ? new Date(doc.createdAt).toLocaleString(i18n.language) : null}
                  </span>
                </li>
              )
            })}
          </ul>
        </>
      )}
      <Link href={queueURL} prefetch={false}>
        {t('plugin-newsroom:openQueue')} →
      </Link>
    </section>
  )
}
