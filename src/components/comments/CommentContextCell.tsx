import type { I18nClient } from '@payloadcms/translations'
import type { Payload } from 'payload'

import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { authorHistory, type StatusCounts } from '../../moderation/authorHistory.js'
import { fillArticlePath } from '../../utilities/articleUrl.js'
import { relationId } from '../../utilities/relationId.js'
import { isHttpUrl, safeUrl } from '../../utilities/safeUrl.js'
import { newsroomT } from '../serverTranslation.js'
import { excerpt } from '../shared/excerpt.js'
import { DeskRowActions } from './DeskRowActions.js'
import { DeskStyles } from './DeskStyles.js'

export type CommentContextCellProps = {
  /** `articlePath` and `siteUrl` from the plugin options: where the reader page of an article is. */
  articlePath?: string
  articlesSlug?: string
  siteUrl?: string
}

type Row = {
  article?: unknown
  authorEmail?: null | string
  authorName?: null | string
  authorUrl?: null | string
  fingerprint?: null | string
  id: number | string
  parent?: unknown
  staff?: boolean | null
  status?: null | string
}

/**
 * The moderation desk's author column (WordPress's comment screen is the model): who wrote it (name, email,
 * website, staff), how their earlier comments fared by email and by device, what it answers, where readers
 * see it, and the row's actions. A server cell: the counts and lookups run with the list, for editors only
 * (the admin's comments list is theirs alone).
 */
export const CommentContextCell = async (
  props: {
    cellData?: unknown
    collectionSlug?: string
    i18n?: I18nClient
    payload?: Payload
    rowData?: Row
  } & CommentContextCellProps,
) => {
  const { i18n, payload, rowData: row } = props
  if (!payload || !i18n || !row) return <span>{String(props.cellData ?? '')}</span>
  const t = newsroomT(i18n)
  const commentsSlug = props.collectionSlug ?? 'comments'
  const articlesSlug = props.articlesSlug ?? 'articles'
  const parentId = relationId(row.parent)
  const articleId = relationId(row.article)
  const [history, parent, article] = await Promise.all([
    authorHistory(payload, commentsSlug, { email: row.authorEmail, fingerprint: row.fingerprint }),
    parentId === null
      ? null
      : (payload.findByID({
          collection: commentsSlug as 'comments',
          depth: 0,
          disableErrors: true,
          id: parentId,
          overrideAccess: true,
          select: { authorName: true, body: true },
        }) as Promise<{ authorName?: string; body?: string; id: number | string } | null>),
    articleId === null || row.status !== 'approved'
      ? null
      : (payload.findByID({
          collection: articlesSlug as 'articles',
          depth: 0,
          disableErrors: true,
          id: articleId,
          overrideAccess: true,
          select: { slug: true },
        }) as Promise<{ slug?: string } | null>),
  ])
  const adminRoute = payload.config.routes.admin
  const editURL = formatAdminURL({
    adminRoute,
    path: `/collections/${commentsSlug}/${encodeURIComponent(String(row.id))}`,
  })
  const readerURL =
    article?.slug && props.articlePath
      ? `${props.siteUrl ?? ''}${fillArticlePath(props.articlePath, article.slug)}#comment-${encodeURIComponent(String(row.id))}`
      : null
  const website = isHttpUrl(row.authorUrl) ? safeUrl(row.authorUrl) : null
  const line = (key: 'deskHistoryByEmail' | 'deskHistoryByFingerprint', counts: null | StatusCounts) =>
    counts ? (
      <span
        className="newsroom-desk__history"
        data-newsroom-history={key === 'deskHistoryByEmail' ? 'email' : 'fingerprint'}
      >
        {t(`plugin-newsroom:${key}`, counts)}
      </span>
    ) : null

  return (
    <div className="newsroom-desk__context" data-newsroom-comment={String(row.id)}>
      <DeskStyles />
      <span className="newsroom-desk__who">
        <a className="newsroom-desk__name" href={editURL}>
          {row.authorName || '—'}
        </a>
        {row.staff ? (
          <span className="newsroom-badge newsroom-badge--approved">{t('plugin-newsroom:deskStaff')}</span>
        ) : null}
      </span>
      {row.authorEmail ? (
        <a className="newsroom-desk__email" href={`mailto:${row.authorEmail}`}>
          {row.authorEmail}
        </a>
      ) : null}
      {website ? (
        <a className="newsroom-desk__website" href={website} rel="nofollow noopener noreferrer" target="_blank">
          {website.replace(/^https?:\/\//, '').replace(/\/$/, '')}
        </a>
      ) : null}
      {line('deskHistoryByEmail', history.byEmail)}
      {line('deskHistoryByFingerprint', history.byFingerprint)}
      {parent ? (
        <span className="newsroom-desk__parent" data-newsroom-parent={String(parent.id)}>
          {t('plugin-newsroom:deskInReplyTo', { name: parent.authorName ?? '—' })} <q>{excerpt(parent.body, 80)}</q>
        </span>
      ) : null}
      {readerURL ? (
        <a className="newsroom-desk__reader-link" href={readerURL} rel="noopener" target="_blank">
          {t('plugin-newsroom:deskViewOnSite')}
        </a>
      ) : null}
      <DeskRowActions
        collectionSlug={commentsSlug}
        commentId={String(row.id)}
        editURL={editURL}
        hasEmail={Boolean(row.authorEmail)}
      />
    </div>
  )
}
