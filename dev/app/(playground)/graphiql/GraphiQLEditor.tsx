'use client'
import { GraphiQL, type GraphiQLProps } from 'graphiql'
// Monaco's editor, JSON and GraphQL workers, emitted by Next's bundler as files of this app.
import 'graphiql/setup-workers/webpack'
// GraphiQL's and Monaco's styles with their fonts inlined (data: URLs): no font service is asked.
import 'graphiql/style.css'
import { useMemo } from 'react'

/**
 * POSTs to the app's own endpoint. Same-origin credentials: the `payload-token` cookie of a logged-in editor or
 * reader goes along (Payload accepts it from the site's own origin, `csrf` in dev/config.ts); headers typed in
 * GraphiQL's Headers tab (e.g. `Authorization: JWT …`) are added.
 */
const sameOriginFetcher =
  (endpoint: string): GraphiQLProps['fetcher'] =>
  async (params, options) => {
    const response = await fetch(endpoint, {
      body: JSON.stringify(params),
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...options?.headers },
      method: 'POST',
    })
    return response.json()
  }

export const GraphiQLEditor = ({ endpoint }: { endpoint: string }) => {
  const fetcher = useMemo(() => sameOriginFetcher(endpoint), [endpoint])
  return <GraphiQL fetcher={fetcher} />
}
