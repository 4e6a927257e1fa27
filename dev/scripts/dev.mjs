// @ts-check
/**
 * `npm run dev`: the dev app (Next.js + Payload + the plugin from source) on http://localhost:3000.
 *
 * - MONGODB_URI set → used as is.
 * - otherwise       → the embedded MongoDB-compatible server (test/harness/embeddedMongo.mjs) is
 *                     started for this session; its data is gone when you stop.
 * An empty database is seeded with demo content (dev/seed.ts); the URLs and logins are printed when ready.
 * Ctrl-C stops Next and the embedded server.
 *
 * Env: PORT (3000), MONGODB_URI, PAYLOAD_SECRET, NEXT_BUNDLER=turbopack to try Turbopack.
 */
import { prepareDatabase, spawnNext, stopProcessGroup, waitForHttp } from './devServer.mjs'

const port = Number(process.env.PORT || 3000)
const baseURL = `http://localhost:${port}`

const started = Date.now()
if (!process.env.MONGODB_URI) console.log('Starting the embedded database (in memory: data lasts until you stop)…')
const { env, mongo } = await prepareDatabase({ ...process.env, PORT: String(port) }, { dbName: 'newsroom_dev' })

/** @type {import('node:child_process').ChildProcess | undefined} */
let next
let stopping = false
const shutdown = async (/** @type {number} */ code) => {
  if (stopping) return
  stopping = true
  await stopProcessGroup(next)
  await mongo?.stop()
  process.exit(code)
}
process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))

next = spawnNext('dev', { env, port })
next.once('exit', (code, signal) => {
  if (stopping) return
  console.error(`next dev exited (${signal ?? code}).`)
  void shutdown(code || 1)
})

try {
  // The first request compiles the admin and runs Payload's onInit (the seed).
  await waitForHttp(`${baseURL}/admin`, { child: next, timeoutMs: 10 * 60_000 })
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  await shutdown(1)
}
console.log(`
  Newsroom dev app ready in ${Math.round((Date.now() - started) / 1000)}s
    Admin:               ${baseURL}/admin
    REST API:            ${baseURL}/api
    GraphQL:             ${baseURL}/api/graphql
    GraphQL playground:  ${baseURL}/graphiql (offline GraphiQL; /api/graphql-playground redirects there)
    Reader's page:       ${baseURL}/news/russian-president-vladimir-putins-rare-visit-to-north-korea

  Logins (seeded on an empty database)
    Editor (admin):      editor@newsroom.test / editor-password-1
    Reader, free:        free@newsroom.test / reader-password-1
    Reader, premium:     premium@newsroom.test / reader-password-1
    Reader, expired:     expired@newsroom.test / reader-password-1

  Ctrl-C stops the dev app${mongo ? ' and the embedded database' : ''}.
`)
