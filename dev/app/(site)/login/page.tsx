import type { Metadata } from 'next'

import { LoginForm } from '../components/LoginForm.js'
import { safeNextPath } from '../lib/format.js'

export const metadata: Metadata = { title: 'Log in' }

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams
  return (
    <section className="narrow">
      <h1 id="login-title">Log in</h1>
      <p>Subscribers log in to read premium articles.</p>
      <LoginForm next={safeNextPath(Array.isArray(next) ? next[0] : next)} />
    </section>
  )
}
