'use client'
import { toast, useConfig, useRouteCache } from '@payloadcms/ui'
import React, { useId, useState } from 'react'

import { useHydrated } from '../useHydrated.js'
import { useNewsroomTranslation } from '../useNewsroomTranslation.js'

/** A row's desk actions beside the status buttons: reply as staff (inline), edit, block the author (with undo). */
export const DeskRowActions: React.FC<{
  collectionSlug: string
  commentId: string
  editURL: string
  /** Whether the comment has an author email to block. */
  hasEmail?: boolean
}> = ({ collectionSlug, commentId, editURL, hasEmail = false }) => {
  const { i18n, t } = useNewsroomTranslation()
  const {
    config: {
      routes: { api },
      serverURL,
    },
  } = useConfig()
  const { clearRouteCache } = useRouteCache()
  const hydrated = useHydrated()
  const [replying, setReplying] = useState(false)
  const [busy, setBusy] = useState(false)
  const [text, setText] = useState('')
  const fieldId = useId()

  const blockAuthor = async (undo: boolean) => {
    setBusy(true)
    try {
      const res = await fetch(`${serverURL}${api}/${collectionSlug}/${encodeURIComponent(commentId)}/block-author`, {
        body: JSON.stringify({ undo }),
        credentials: 'include',
        headers: { 'Accept-Language': i18n.language, 'Content-Type': 'application/json' },
        method: 'POST',
      })
      const json = (await res.json().catch(() => ({}))) as { errors?: { message: string }[]; key?: string }
      if (!res.ok) throw new Error(json.errors?.map((e) => e.message).join(' ') || String(res.status))
      if (undo) toast.success(t('plugin-newsroom:deskUnblocked', { key: json.key ?? '' }))
      else {
        toast.success(t('plugin-newsroom:deskBlocked', { key: json.key ?? '' }), {
          action: { label: t('plugin-newsroom:deskUndo'), onClick: () => void blockAuthor(true) },
          duration: 10_000,
        })
      }
    } catch (error) {
      toast.error(t('plugin-newsroom:updateFailed', { message: (error as Error).message }))
    } finally {
      setBusy(false)
    }
  }

  const send = async () => {
    setBusy(true)
    try {
      const res = await fetch(`${serverURL}${api}/${collectionSlug}/${encodeURIComponent(commentId)}/staff-reply`, {
        body: JSON.stringify({ body: text }),
        credentials: 'include',
        headers: { 'Accept-Language': i18n.language, 'Content-Type': 'application/json' },
        method: 'POST',
      })
      const json = (await res.json().catch(() => ({}))) as { errors?: { message: string }[] }
      if (!res.ok) throw new Error(json.errors?.map((e) => e.message).join(' ') || String(res.status))
      toast.success(t('plugin-newsroom:deskReplyPublished'))
      setText('')
      setReplying(false)
      clearRouteCache()
    } catch (error) {
      toast.error(t('plugin-newsroom:deskReplyFailed', { message: (error as Error).message }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <span className="newsroom-desk__actions">
        <button
          aria-expanded={replying}
          className="newsroom-action"
          data-desk-action="reply"
          disabled={!hydrated}
          onClick={() => setReplying((open) => !open)}
          type="button"
        >
          {t('plugin-newsroom:deskReply')}
        </button>
        <a className="newsroom-action" data-desk-action="edit" href={editURL}>
          {t('plugin-newsroom:deskEdit')}
        </a>
        {hasEmail ? (
          <button
            className="newsroom-action newsroom-action--spam"
            data-desk-action="block"
            disabled={busy || !hydrated}
            onClick={() => void blockAuthor(false)}
            type="button"
          >
            {t('plugin-newsroom:deskBlockAuthor')}
          </button>
        ) : null}
      </span>
      {replying ? (
        <form
          className="newsroom-desk__reply"
          data-desk-reply-form={commentId}
          onSubmit={(event) => {
            event.preventDefault()
            if (text.trim()) void send()
          }}
        >
          <label htmlFor={fieldId}>{t('plugin-newsroom:deskReplyLabel')}</label>
          <textarea
            autoFocus
            id={fieldId}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setReplying(false)
              // The list's own shortcuts must not fire while typing.
              event.stopPropagation()
            }}
            value={text}
          />
          <span className="newsroom-desk__actions">
            <button className="newsroom-action newsroom-action--approved" disabled={busy || !text.trim()} type="submit">
              {t('plugin-newsroom:deskReplySend')}
            </button>
            <button className="newsroom-action" onClick={() => setReplying(false)} type="button">
              {t('plugin-newsroom:deskCancel')}
            </button>
          </span>
        </form>
      ) : null}
    </>
  )
}
