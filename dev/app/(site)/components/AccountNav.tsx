'use client'

import { usePathname } from 'next/navigation.js'
import { useState } from 'react'

import type { Reader } from '../lib/types.js'

import readerLogout from '../../../graphql/readerLogout.graphql'
import { sendGraphQL } from '../lib/browser.js'

/** "Log in" (coming back to this page afterwards), or the reader's name and "Log out". */
export function AccountNav({ reader }: { reader: null | Reader }) {
  const pathname = usePathname()
  const [busy, setBusy] = useState(false)

  if (!reader) {
    const next = pathname && pathname !== '/login' ? `?next=${encodeURIComponent(pathname)}` : ''
    return (
      <nav aria-label="Account" className="account-nav">
        <a href={`/login${next}`}>Log in</a>
      </nav>
    )
  }

  const logOut = async () => {
    setBusy(true)
    await sendGraphQL(readerLogout)
    window.location.reload()
  }

  return (
    <nav aria-label="Account" className="account-nav">
      <span>
        Logged in as <strong>{reader.name || reader.email}</strong>
      </span>{' '}
      <button disabled={busy} onClick={logOut} type="button">
        Log out
      </button>
    </nav>
  )
}
