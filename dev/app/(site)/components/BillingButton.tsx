'use client'

import { useState } from 'react'

/**
 * Posts to a billing endpoint of the plugin (`/api/readers/checkout` or `/api/readers/billing-portal`) with the
 * reader's cookie and follows the Stripe URL it answers; shows the API's message otherwise (e.g. the 503 naming
 * the environment variables to set).
 */
export function BillingButton({
  body,
  endpoint,
  label,
}: {
  body?: Record<string, unknown>
  endpoint: string
  label: string
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<null | string>(null)
  const go = async () => {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(endpoint, {
        body: JSON.stringify(body ?? {}),
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
      const json = (await response.json().catch(() => ({}))) as { errors?: { message: string }[]; url?: string }
      if (response.ok && json.url) {
        window.location.assign(json.url)
        return
      }
      setError(json.errors?.[0]?.message ?? `The server answered ${response.status}.`)
    } catch {
      setError('The server could not be reached.')
    }
    setBusy(false)
  }
  return (
    <span className="billing-button">
      <button disabled={busy} onClick={go} type="button">
        {label}
      </button>
      {error ? (
        <span className="field-error" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </span>
  )
}
