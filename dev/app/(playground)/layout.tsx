import type { Metadata } from 'next'
import type { ReactNode } from 'react'

export const metadata: Metadata = { title: 'GraphiQL — Newsroom dev' }

/** A root layout of its own: the playground fills the window, without the reader site's header and styles. */
export default function PlaygroundLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ height: '100vh', margin: 0 }}>{children}</body>
    </html>
  )
}
