'use client'

import { useRouter } from 'next/navigation.js'
import { useEffect } from 'react'

/**
 * Inside the admin's live preview iframe: when the editor saves, Payload posts a `payload-document-event`
 * to the frame; the page re-renders on the server with the new draft. Messages from other origins are ignored.
 */
export function RefreshOnSave() {
  const router = useRouter()
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin) return
      const type = (event.data as { type?: unknown } | null)?.type
      if (type === 'payload-document-event') router.refresh()
    }
    window.addEventListener('message', onMessage)
    // Tells the admin's live preview the page is listening (Payload waits for it before posting events).
    if (window.parent !== window)
      window.parent.postMessage({ type: 'payload-live-preview', ready: true }, window.location.origin)
    return () => window.removeEventListener('message', onMessage)
  }, [router])
  return null
}
