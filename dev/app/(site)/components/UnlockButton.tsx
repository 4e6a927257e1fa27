'use client'

import { useRouter } from 'next/navigation.js'
import { useState } from 'react'

/**
 * "Read this one": spends one free article (`POST /api/articles/:id/unlock`; the browser keeps the meter's
 * HttpOnly cookie), then reloads the page, which now reads the article unlocked.
 */
export function UnlockButton({ articleId }: { articleId: string }) {
  const router = useRouter()
  const [error, setError] = useState<null | string>(null)
  const [busy, setBusy] = useState(false)
  const unlock = async () => {
    setBusy(true)
    setError(null)
    const res = await fetch(`/api/articles/${encodeURIComponent(articleId)}/unlock?depth=0`, {
      credentials: 'include',
      method: 'POST',
    })
    setBusy(false)
    if (res.ok) return router.refresh()
    const body = (await res.json().catch(() => null)) as { errors?: { message?: string }[] } | null
    setError(body?.errors?.[0]?.message ?? 'Could not unlock this article.')
  }
  return (
    <>
      <button className="button" disabled={busy} onClick={unlock} type="button">
        Read this one
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  )
}
