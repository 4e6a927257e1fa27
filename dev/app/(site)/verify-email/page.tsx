import type { Metadata } from 'next'

import config from '@payload-config'
import { getPayload } from 'payload'

export const metadata: Metadata = { title: 'Confirm your email' }

/** The link of the verification email lands here (the plugin's `verifyEmailPath`): confirm, then log in. */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>
}) {
  const { token } = await searchParams
  const value = Array.isArray(token) ? token[0] : token
  const payload = await getPayload({ config })
  const confirmed = value
    ? await payload.verifyEmail({ collection: 'readers', token: value }).then(
        () => true,
        () => false,
      )
    : false
  return (
    <section className="narrow">
      <h1>{confirmed ? 'Email confirmed' : 'This link is not valid'}</h1>
      {confirmed ? (
        <p>
          Thank you: your address is confirmed. You can now <a href="/login">log in</a>.
        </p>
      ) : (
        <p>The confirmation link was already used or is incomplete. If you cannot log in, sign up again.</p>
      )}
    </section>
  )
}
