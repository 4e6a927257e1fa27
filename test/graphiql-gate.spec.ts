/**
 * The dev app's GraphiQL page (/graphiql) and its /api/graphql-playground redirect open on Payload's rule for its
 * playground: always in development, in a production build only with `graphQL.disablePlaygroundInProduction: false`
 * (the dev config: NEWSROOM_GRAPHQL_PLAYGROUND=1), never with GraphQL off. The browser scenario covers the page.
 */
import type { SanitizedConfig } from 'payload'

import { afterEach, describe, expect, it } from '@jest/globals'

import { playgroundEnabled } from '../dev/app/(playground)/graphiql/playgroundEnabled.js'

// NODE_ENV is typed read-only (Next's types); the rule reads it per call, as Payload's route does.
const env = process.env as Record<string, string | undefined>
const nodeEnv = env.NODE_ENV
afterEach(() => {
  env.NODE_ENV = nodeEnv
})

const withGraphQL = (graphQL: { disable: boolean; disablePlaygroundInProduction: boolean }) =>
  ({ graphQL }) as unknown as SanitizedConfig

describe('playgroundEnabled', () => {
  it.each([
    ['development', false, true, true],
    ['development', false, false, true],
    ['development', true, false, false],
    ['production', false, true, false],
    ['production', false, false, true],
    ['production', true, false, false],
  ] as const)('NODE_ENV=%s, disable=%s, disablePlaygroundInProduction=%s → %s', (mode, disable, hidden, open) => {
    env.NODE_ENV = mode
    expect(playgroundEnabled(withGraphQL({ disable, disablePlaygroundInProduction: hidden }))).toBe(open)
  })
})
