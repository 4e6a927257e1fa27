/**
 * Boot a REAL Payload instance for a test file.
 *
 *   const { payload, rest, graphql, shutdown } = await initPayload({
 *     collections: [...],
 *     plugins: [newsroomPlugin()],
 *   })
 *   afterAll(() => shutdown())
 *
 * - `db` (fresh database, embedded-server workarounds), `secret`,
 *   `typescript.autoGenerate: false`, `telemetry: false` and (unless given)
 *   `email: captureEmailAdapter()` are filled in.
 * - Each call gets its own `getPayload` cache key, so several configs/instances
 *   can coexist in one file; `rest`/`graphql` are bound to this instance.
 */
import type { Config, Payload, SanitizedConfig } from 'payload'

import { randomUUID } from 'node:crypto'
import { buildConfig, defaultLoggerOptions, getPayload } from 'payload'

import type { GraphQLClient, RestClient } from './apiClients.js'
import type { TestDatabase, TestDatabaseAdapterOptions } from './dbAdapter.js'

import { createGraphQLClient, createRestClient } from './apiClients.js'
import { captureEmailAdapter } from './captureEmailAdapter.js'
import { createTestDatabase } from './dbAdapter.js'
import { forgetPayloadInstance, installInstanceRouting } from './instanceRouting.js'

/** A Payload config without `db`/`secret` (both may still be given to override). */
export type TestConfig = Omit<Config, 'db' | 'secret'> & Partial<Pick<Config, 'db' | 'secret'>>

export interface InitPayloadOptions {
  /** Options for the test database (name, server, adapter args). Ignored when the config has `db`. */
  database?: TestDatabaseAdapterOptions
  /** getPayload cache key. Default: a random unique key. */
  key?: string
}

export interface InitializedPayload {
  payload: Payload
  config: SanitizedConfig
  rest: RestClient
  graphql: GraphQLClient
  /** The test database (undefined when the config brought its own `db`). */
  database: TestDatabase | undefined
  key: string
  /** Stop crons, close the DB connection, drop the database on a real MongoDB, forget the instance. */
  shutdown(): Promise<void>
}

/** Instances not shut down yet (per test file: each file has its own module registry). */
const liveInstances = new Set<InitializedPayload>()

/**
 * Shut down every instance this test file started and did not shut down.
 * Registered as an `afterAll` by test/harness/jestAfterEnv.ts, so a failing
 * `beforeAll` cannot leave an open DB connection that keeps Jest alive.
 */
export async function shutdownAllPayloadInstances(): Promise<void> {
  const instances = [...liveInstances]
  await Promise.allSettled(instances.map((instance) => instance.shutdown()))
}

export async function initPayload(
  testConfig: TestConfig,
  options: InitPayloadOptions = {},
): Promise<InitializedPayload> {
  const key = options.key ?? `newsroom-test-${randomUUID()}`
  const database = testConfig.db ? undefined : createTestDatabase(options.database)
  const db = testConfig.db ?? database!.adapter

  const config = await buildConfig({
    email: captureEmailAdapter(),
    // Quiet by default (expected 4xx errors are logged at info); PAYLOAD_LOG_LEVEL=debug for more.
    logger: {
      destination: defaultLoggerOptions,
      options: { level: process.env.PAYLOAD_LOG_LEVEL ?? 'warn' },
    },
    serverURL: 'http://localhost:3000',
    ...testConfig,
    // Expected client errors (401/403/404) are not worth an error-level log in tests.
    loggingLevels: {
      AuthenticationError: 'info',
      Forbidden: 'info',
      NotFound: 'info',
      ...testConfig.loggingLevels,
    },
    db,
    secret: testConfig.secret ?? `newsroom-test-secret-${randomUUID()}`,
    telemetry: false,
    typescript: { ...testConfig.typescript, autoGenerate: false },
  })

  installInstanceRouting()
  const payload = await getPayload({ config, key })

  let shutDown = false
  const shutdown = async (): Promise<void> => {
    if (shutDown) return
    shutDown = true
    liveInstances.delete(initialized)
    try {
      if (database && !database.embedded) {
        // Real MongoDB: leave nothing behind. (jongodb has no dropDatabase;
        // its data disappears when globalTeardown stops the server.)
        await payload.db.connection?.dropDatabase().catch(() => undefined)
      }
    } finally {
      await payload.destroy()
      forgetPayloadInstance(key)
    }
  }

  const initialized: InitializedPayload = {
    config: payload.config,
    database,
    graphql: createGraphQLClient(payload.config, key),
    key,
    payload,
    rest: createRestClient(payload.config, key),
    shutdown,
  }
  liveInstances.add(initialized)
  return initialized
}
