import type { DatabaseAdapterObj } from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'

import { createTestDatabase, isEmbeddedMongo } from '../test/harness/dbAdapter.js'

export const DEFAULT_DEV_DATABASE = 'newsroom_dev'

/** The database named in a mongodb:// URI, or the dev default when the URI names none. */
export const databaseNameOf = (uri: string): string => {
  const name = /^mongodb(?:\+srv)?:\/\/[^/?]+\/([^?]+)/.exec(uri)?.[1]
  return name ? decodeURIComponent(name) : DEFAULT_DEV_DATABASE
}

/**
 * MONGODB_URI as given (a real MongoDB, ideally a replica set), or the embedded server
 * `npm run dev` starts — then with the harness's workarounds for its gaps (test/README.md).
 * Without MONGODB_URI nothing connects: enough for `payload generate:*`, which never query.
 */
export const devDatabase = (): DatabaseAdapterObj => {
  const url = process.env.MONGODB_URI
  if (!url) return mongooseAdapter({ url: false })
  if (isEmbeddedMongo()) {
    return createTestDatabase({ dbName: databaseNameOf(url), embedded: true, serverURI: url }).adapter
  }
  return mongooseAdapter({ url })
}
