import type { FieldError, GraphQLResult } from './types.js'

/** Sends a GraphQL document from the browser; the reader's login cookie goes along (same origin). */
export async function sendGraphQL<T>(
  document: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T>> {
  try {
    const response = await fetch('/api/graphql', {
      body: JSON.stringify({ query: document, variables }),
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    return (await response.json()) as GraphQLResult<T>
  } catch {
    return { errors: [{ message: 'The server could not be reached. Check your connection and try again.' }] }
  }
}

/** Field errors of a Payload ValidationError, keyed by field path; empty when there are none. */
export function fieldErrorsOf(
  errors: { extensions?: { data?: { errors?: FieldError[] } } }[] | undefined,
): Record<string, string> {
  const byPath: Record<string, string> = {}
  for (const error of errors ?? []) {
    for (const { message, path } of error.extensions?.data?.errors ?? []) byPath[path] ??= message
  }
  return byPath
}
