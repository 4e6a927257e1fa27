import config from '@payload-config'
import { notFound } from 'next/navigation.js'
import { formatAdminURL } from 'payload/shared'

import { Playground } from './Playground.js'
import { playgroundEnabled } from './playgroundEnabled.js'

// The gate reads the running server's config and environment, not the build's.
export const dynamic = 'force-dynamic'

/** GraphiQL against this app's GraphQL API, bundled from node_modules: it loads nothing from another site. */
export default async function GraphiQLPage() {
  const sanitized = await config
  if (!playgroundEnabled(sanitized)) notFound()
  // The endpoint as Payload's own playground computes it (`routes.api` + `routes.graphQL`).
  const endpoint = formatAdminURL({ apiRoute: sanitized.routes.api, path: sanitized.routes.graphQL as `/${string}` })
  return <Playground endpoint={endpoint} />
}
