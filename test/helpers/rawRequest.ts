/**
 * Requests the harness clients cannot express (raw bodies, any Content-Type, undecodable paths), sent to the
 * same Next route handlers (`@payloadcms/next/routes`) the way test/harness/apiClients.ts does: a Web
 * `Request`, the `[...slug]` params Next would pass, inside the instance's routing context.
 */
import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'

import type { InitializedPayload } from '../harness/initPayload.js'

import { runWithPayloadInstance } from '../harness/instanceRouting.js'

export type RawMethod = 'DELETE' | 'GET' | 'PATCH' | 'POST' | 'PUT'

export interface RawResponse {
  status: number
  text: string
  json: any
}

const HANDLERS = { DELETE: REST_DELETE, GET: REST_GET, PATCH: REST_PATCH, POST: REST_POST, PUT: REST_PUT }

/** Next decodes each path segment for `[...slug]`; a segment that does not decode is passed as sent. */
const slugOf = (pathname: string) =>
  pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment)
      } catch {
        return segment
      }
    })

async function read(response: Response): Promise<RawResponse> {
  const text = await response.text()
  let json: any
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { json, status: response.status, text }
}

/** `pathAndQuery` is sent as written (no re-encoding): `/articles?where=notjson`, `/articles/%ff`. */
export async function rawRest(
  app: Pick<InitializedPayload, 'config' | 'key'>,
  method: RawMethod,
  pathAndQuery: `/${string}`,
  init: { body?: BodyInit; headers?: Record<string, string>; token?: string } = {},
): Promise<RawResponse> {
  const headers = new Headers(init.headers)
  if (init.token) headers.set('Authorization', `JWT ${init.token}`)
  const request = new Request(`http://localhost:3000${app.config.routes.api}${pathAndQuery}`, {
    body: init.body,
    headers,
    method,
  })
  const slug = slugOf(pathAndQuery.split('?')[0]!)
  const handler = HANDLERS[method](app.config)
  return read(await runWithPayloadInstance(app.key, () => handler(request, { params: Promise.resolve({ slug }) })))
}

/** A raw body to the GraphQL handler. Rejects where the handler itself throws (Next answers those with a 500). */
export async function rawGraphQL(
  app: Pick<InitializedPayload, 'config' | 'key'>,
  body: BodyInit,
  init: { headers?: Record<string, string>; token?: string } = {},
): Promise<RawResponse> {
  const headers = new Headers({ 'Content-Type': 'application/json', ...init.headers })
  if (init.token) headers.set('Authorization', `JWT ${init.token}`)
  const request = new Request(`http://localhost:3000${app.config.routes.api}${app.config.routes.graphQL}`, {
    body,
    headers,
    method: 'POST',
  })
  const handler = GRAPHQL_POST(app.config)
  return read(await runWithPayloadInstance(app.key, () => handler(request)))
}
