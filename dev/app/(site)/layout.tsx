import type { Metadata } from 'next'
import type { ReactNode } from 'react'

import { AccountNav } from './components/AccountNav.js'
import { loadCurrentReader } from './lib/server.js'
import './site.css'

export const metadata: Metadata = { title: { default: 'Newsroom', template: '%s — Newsroom' } }

/** The reader-facing site: everything outside /admin and /api. */
export default async function SiteLayout({ children }: { children: ReactNode }) {
  const reader = await loadCurrentReader()
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <p className="site-name">
            <a href="/">Newsroom</a>
          </p>
          <AccountNav reader={reader} />
        </header>
        <main id="main">{children}</main>
        <footer className="site-footer">
          <p>Newsroom dev app · demo content</p>
        </footer>
      </body>
    </html>
  )
}
