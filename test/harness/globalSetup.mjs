// @ts-check
/**
 * Jest globalSetup: make a MongoDB-compatible server available to every worker.
 *
 * - MONGODB_URI set  → use it as is (transactions stay on, no embedded workarounds
 *   that depend on NEWSROOM_EMBEDDED_MONGO).
 * - otherwise        → start the embedded jongodb server, export its URI as
 *   MONGODB_URI and set NEWSROOM_EMBEDDED_MONGO=1.
 *
 * Env vars set here are inherited by the worker processes Jest forks afterwards
 * (and by the in-band runner), which is how test files get the URI.
 */
import { EMBEDDED_FLAG_ENV, startEmbeddedMongo } from './embeddedMongo.mjs'

export default async function globalSetup() {
  if (process.env.MONGODB_URI) {
    process.env[EMBEDDED_FLAG_ENV] = process.env[EMBEDDED_FLAG_ENV] ?? '0'
    return
  }
  const server = await startEmbeddedMongo()
  process.env.MONGODB_URI = server.uri
  process.env[EMBEDDED_FLAG_ENV] = '1'
  // globalSetup and globalTeardown run in the same (parent) process and share globalThis.
  const g = /** @type {{ __NEWSROOM_EMBEDDED_MONGO__?: unknown }} */ (globalThis)
  g.__NEWSROOM_EMBEDDED_MONGO__ = server
}
