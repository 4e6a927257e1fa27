/**
 * REST and GraphQL clients that call the REAL route handlers Payload mounts in
 * a Next app (`@payloadcms/next/routes`) with Web `Request` objects — no HTTP
 * server, no Next server. Modeled on Payload's own
 * test/__helpers/shared/NextRESTClient.ts.
 *
 * Query strings are built with `qs-esm` (what Payload parses them with), so
 * nested params like `where[title][equals]=x` work: pass `query: { where: {...} }`.
 * Auth: `Authorization: JWT <token>`.
 */
import type { SanitizedConfig } from 'payload'

import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'
import * as qs from 'qs-esm'

import { runWithPayloadInstance } from './instanceRouting.js'

export type APIPath = `/${string}`
export type HTTPMethod = 'DELETE' | 'GET' | 'PATCH' | 'POST' | 'PUT'

export interface RestRequestOptions {
  /** JWT from `rest.login(...)`; sent as `Authorization: JWT <token>`. */
  token?: string
  /** Serialized with qs-esm (e.g. `{ where: { title: { equals: 'x' } }, depth: 0 }`). */
  query?: Record<string, unknown>
  headers?: HeadersInit
}

export interface RestBodyOptions extends RestRequestOptions {
  /** Plain values are JSON-encoded; `FormData`/`string` are sent as is. */
  body?: unknown
}

export interface RestResponse<T = any> {
  status: number
  headers: Headers
  /** Parsed JSON body (`undefined` when the body is empty or not JSON). */
  json: T
  /** Raw body text. */
  text: string
  ok: boolean
}

export interface RestClient {
  readonly baseURL: string
  request<T = any>(method: HTTPMethod, path: APIPath, options?: RestBodyOptions): Promise<RestResponse<T>>
  get<T = any>(path: APIPath, options?: RestRequestOptions): Promise<RestResponse<T>>
  post<T = any>(path: APIPath, options?: RestBodyOptions): Promise<RestResponse<T>>
  patch<T = any>(path: APIPath, options?: RestBodyOptions): Promise<RestResponse<T>>
  put<T = any>(path: APIPath, options?: RestBodyOptions): Promise<RestResponse<T>>
  delete<T = any>(path: APIPath, options?: RestRequestOptions): Promise<RestResponse<T>>
  /** `POST /api/<collection>/login`; resolves with the JWT, throws if login failed. */
  login(collection: string, email: string, password: string): Promise<string>
}

export interface GraphQLResult<TData = any> {
  status: number
  headers: Headers
  data: TData | null | undefined
  errors: GraphQLErrorEntry[] | undefined
}

export interface GraphQLErrorEntry {
  message: string
  path?: (number | string)[]
  extensions?: { name?: string; statusCode?: number; data?: unknown } & Record<string, unknown>
}

export type GraphQLClient = <TData = any>(
  query: string,
  variables?: Record<string, unknown>,
  options?: { token?: string; headers?: HeadersInit },
) => Promise<GraphQLResult<TData>>

type RouteHandler = (request: Request, args: { params: Promise<{ slug?: string[] }> }) => Promise<Response>

function baseURLOf(config: SanitizedConfig): string {
  return (config.serverURL || 'http://localhost:3000').replace(/\/$/, '')
}

function buildHeaders(options: RestBodyOptions, hasJSONBody: boolean): Headers {
  const headers = new Headers(options.headers)
  if (hasJSONBody && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
  if (options.token) headers.set('Authorization', `JWT ${options.token}`)
  return headers
}

async function readResponse<T>(response: Response): Promise<RestResponse<T>> {
  const text = await response.text()
  let json: T = undefined as T
  if (text) {
    try {
      json = JSON.parse(text) as T
    } catch {
      // not JSON: leave json undefined, keep text
    }
  }
  return { headers: response.headers, json, ok: response.ok, status: response.status, text }
}

/**
 * @param instanceKey the `getPayload` cache key of the instance to talk to
 *   (initPayload passes its own); see instanceRouting.ts.
 */
export function createRestClient(config: SanitizedConfig, instanceKey: string): RestClient {
  const handlers: Record<HTTPMethod, RouteHandler> = {
    DELETE: REST_DELETE(config),
    GET: REST_GET(config),
    PATCH: REST_PATCH(config),
    POST: REST_POST(config),
    PUT: REST_PUT(config),
  }
  const baseURL = `${baseURLOf(config)}${config.routes.api}`

  const request = async <T>(
    method: HTTPMethod,
    path: APIPath,
    options: RestBodyOptions = {},
  ): Promise<RestResponse<T>> => {
    const [pathname = '', search] = path.slice(1).split('?', 2) as [string, string | undefined]
    const slug = pathname.split('/').filter(Boolean)
    const queryString = qs.stringify(
      { ...(search ? qs.parse(search) : {}), ...(options.query ?? {}) },
      { addQueryPrefix: true },
    )

    let body: BodyInit | undefined
    let hasJSONBody = false
    if (options.body !== undefined) {
      if (typeof options.body === 'string' || options.body instanceof FormData) {
        body = options.body
        hasJSONBody = typeof options.body === 'string'
      } else {
        body = JSON.stringify(options.body)
        hasJSONBody = true
      }
    }

    const req = new Request(`${baseURL}/${slug.map(encodeURIComponent).join('/')}${queryString}`, {
      body,
      headers: buildHeaders(options, hasJSONBody),
      method,
    })
    const response = await runWithPayloadInstance(instanceKey, () =>
      handlers[method](req, { params: Promise.resolve({ slug }) }),
    )
    return readResponse<T>(response)
  }

  return {
    baseURL,
    delete: (path, options) => request('DELETE', path, options),
    get: (path, options) => request('GET', path, options),
    login: async (collection, email, password) => {
      const res = await request<{ token?: string; errors?: unknown }>('POST', `/${collection}/login`, {
        body: { email, password },
      })
      const token = res.json?.token
      if (res.status !== 200 || !token) {
        throw new Error(`login(${collection}, ${email}) failed: ${res.status} ${res.text}`)
      }
      return token
    },
    patch: (path, options) => request('PATCH', path, options),
    post: (path, options) => request('POST', path, options),
    put: (path, options) => request('PUT', path, options),
    request,
  }
}

export function createGraphQLClient(config: SanitizedConfig, instanceKey: string): GraphQLClient {
  const handler = GRAPHQL_POST(config)
  const url = `${baseURLOf(config)}${config.routes.api}${config.routes.graphQL}`

  return async <TData = any>(
    query: string,
    variables?: Record<string, unknown>,
    options: { token?: string; headers?: HeadersInit } = {},
  ): Promise<GraphQLResult<TData>> => {
    const req = new Request(url, {
      body: JSON.stringify({ query, variables }),
      headers: buildHeaders(options, true),
      method: 'POST',
    })
    const response = await runWithPayloadInstance(instanceKey, () => handler(req))
    const res = await readResponse<{ data?: TData | null; errors?: GraphQLErrorEntry[] }>(response)
    return { data: res.json?.data, errors: res.json?.errors, headers: res.headers, status: res.status }
  }
}
