'use client'

import { type FormEvent, useState } from 'react'

import type { ReaderLoginData } from '../lib/types.js'

import readerLogin from '../../../graphql/readerLogin.graphql'
import { sendGraphQL } from '../lib/browser.js'
import { useHydrated } from '../lib/useHydrated.js'

/** Reader log-in through the ReaderLogin mutation; the API sets the login cookie, then we go back. */
export function LoginForm({ next }: { next: string }) {
  const hydrated = useHydrated()
  const [error, setError] = useState<null | string>(null)
  const [submitting, setSubmitting] = useState(false)

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const values = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>
    setSubmitting(true)
    setError(null)
    const result = await sendGraphQL<ReaderLoginData>(readerLogin, { email: values.email, password: values.password })
    if (result.data?.loginReader?.user) {
      // A full navigation, so every server-rendered part sees the new cookie.
      window.location.assign(next)
      return
    }
    setSubmitting(false)
    setError(result.errors?.[0]?.message ?? 'The email or password is incorrect.')
  }

  return (
    <>
      <noscript>
        <p>Logging in needs JavaScript.</p>
      </noscript>
      <form aria-labelledby="login-title" className="login-form" method="post" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="login-email">Email</label>
          <input autoComplete="username" id="login-email" name="email" required type="email" />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input autoComplete="current-password" id="login-password" name="password" required type="password" />
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <p>
          <button disabled={submitting || !hydrated} type="submit">
            {submitting ? 'Logging in…' : 'Log in'}
          </button>
        </p>
      </form>
    </>
  )
}
