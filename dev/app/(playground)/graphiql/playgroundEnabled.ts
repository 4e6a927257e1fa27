import type { SanitizedConfig } from 'payload'

/**
 * Payload's rule for its GraphQL playground (GRAPHQL_PLAYGROUND_GET): on in development, and in a production
 * build only with `graphQL.disablePlaygroundInProduction: false`. Never without a GraphQL API to talk to.
 */
export const playgroundEnabled = (config: SanitizedConfig): boolean =>
  !config.graphQL.disable && (process.env.NODE_ENV !== 'production' || !config.graphQL.disablePlaygroundInProduction)
