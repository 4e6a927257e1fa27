import type { Metadata } from 'next'

export const metadata: Metadata = { title: 'Subscribe' }

export default function SubscribePage() {
  return (
    <section className="narrow">
      <h1>Subscribe</h1>
      <p>
        A premium subscription unlocks every premium article and video. In this demo, subscriptions are set by editors
        in the admin panel (Readers → Subscription); to try one, <a href="/login">log in</a> as{' '}
        <code>premium@newsroom.test</code>.
      </p>
    </section>
  )
}
