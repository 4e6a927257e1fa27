import config from '@payload-config'
import { GRAPHQL_POST } from '@payloadcms/next/routes'
import { cookies } from 'next/headers.js'
import { cache } from 'react'

import type { CurrentReaderData, GraphQLResult, Reader } from './types.js'

import currentReader from '../../../graphql/currentReader.graphql'
import { SITE_URL } from '../../../config.js'
import { GIFT_HEADER, METER_COOKIE } from './visitor.js'

const graphQLPost = GRAPHQL_POST(config)

/**
 * Runs a GraphQL document as the current visitor: their login cookie is passed on as
 * `Authorization: JWT …`, so the API applies exactly the rules it applies to them in a browser.
 * Served in-process by Payload's own GraphQL route handler. Throws when the API answers errors.
 */
export async function queryAsVisitor<T>(
  document: string,
  variables: Record<string, unknown> = {},
  { gift }: { gift?: string } = {},
): Promise<T> {
  const { cookiePrefix } = await config
  const jar = await cookies()
  const token = jar.get(`${cookiePrefix}-token`)?.value
  // The meter knows anonymous visitors by their signed cookie; a gift link's token travels as a header.
  const meter = jar.get(METER_COOKIE)?.value
  const response = await graphQLPost(
    new Request(`${SITE_URL}/api/graphql`, {
      body: JSON.stringify({ query: document, variables }),
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `JWT ${token}` } : {}),
        ...(meter ? { Cookie: `${METER_COOKIE}=${encodeURIComponent(meter)}` } : {}),
        ...(gift ? { [GIFT_HEADER]: gift } : {}),
      },
      method: 'POST',
    }),
  )
  const result = (await response.json()) as GraphQLResult<T>
  if (result.errors?.length || !result.data) {
    throw new Error(
      `GraphQL query failed: ${result.errors?.map((error) => error.message).join('; ') ?? response.status}`,
    )
  }
  return result.data
}

/** The logged-in reader (CurrentReader query), once per request for the layout and the page. */
export const loadCurrentReader = cache(async (): Promise<null | Reader> => {
  const { meReader } = await queryAsVisitor<CurrentReaderData>(currentReader)
  return meReader?.user ?? null
})
