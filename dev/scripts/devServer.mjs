// @ts-check
/**
 * Shared by `npm run dev` (dev.mjs), the browser tests (test/browser/run.mjs) and the CDN test (test/cdn/run.mjs):
 * the database the dev app talks to, and the Next.js processes serving it.
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { EMBEDDED_FLAG_ENV, startEmbeddedMongo, withDatabaseName } from '../../test/harness/embeddedMongo.mjs'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const require = createRequire(import.meta.url)

/**
 * A loopback port free at the moment of asking, for a server started next.
 * @returns {Promise<number>}
 */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })

/**
 * MONGODB_URI from `env` when set; otherwise a fresh embedded server (in memory, gone when stopped)
 * with the harness's workarounds switched on for the Next process: the embedded flag and the
 * findOneAndDelete preload (test/README.md).
 *
 * @param {NodeJS.ProcessEnv} env
 * @param {{ dbName: string }} options
 * @returns {Promise<{ env: NodeJS.ProcessEnv, mongo: import('../../test/harness/embeddedMongo.mjs').EmbeddedMongo | undefined }>}
 */
export async function prepareDatabase(env, { dbName }) {
  if (env.MONGODB_URI) {
    return { env: { ...env, [EMBEDDED_FLAG_ENV]: env[EMBEDDED_FLAG_ENV] ?? '0' }, mongo: undefined }
  }
  const mongo = await startEmbeddedMongo()
  const preload = path.join(repoRoot, 'test/harness/jongodb-preload.cjs')
  return {
    env: {
      ...env,
      [EMBEDDED_FLAG_ENV]: '1',
      MONGODB_URI: withDatabaseName(mongo.uri, dbName),
      NODE_OPTIONS: [env.NODE_OPTIONS, `--require=${preload}`].filter(Boolean).join(' '),
    },
    mongo,
  }
}

/**
 * `next <command> dev …` from the repo root, in its own process group (so stopping it stops its workers).
 * Webpack, because the plugin is compiled from source with `.js` → `.ts` resolution (dev/next.config.mjs).
 *
 * @param {'build' | 'dev' | 'start'} command
 * @param {{ env: NodeJS.ProcessEnv, port?: number, stdio?: import('node:child_process').StdioOptions }} options
 */
export function spawnNext(command, { env, port, stdio = 'inherit' }) {
  const args = [require.resolve('next/dist/bin/next'), command, 'dev']
  if (port) args.push('--port', String(port))
  if (command !== 'start') args.push(env.NEXT_BUNDLER === 'turbopack' ? '--turbopack' : '--webpack')
  return spawn(process.execPath, args, {
    cwd: repoRoot,
    detached: true,
    env: { NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio,
  })
}

/**
 * Resolve once `url` answers below 500 (the first request compiles the route and seeds the database).
 * Rejects when `child` exits first, when the server keeps failing (three 5xx answers in a row, e.g. the
 * seed was refused: the reason is in the server output), or after `timeoutMs`.
 *
 * @param {string} url
 * @param {{ timeoutMs: number, child?: import('node:child_process').ChildProcess }} options
 */
export async function waitForHttp(url, { child, timeoutMs }) {
  const deadline = Date.now() + timeoutMs
  let serverErrors = 0
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`the server exited (${child.signalCode ?? child.exitCode}) before ${url} answered`)
    }
    try {
      const remaining = Math.max(1_000, deadline - Date.now())
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(remaining) })
      if (res.status < 500) return
      serverErrors += 1
      if (serverErrors >= 3)
        throw new Error(`${url} answered ${res.status} three times in a row: see the server output above`)
    } catch (error) {
      if (serverErrors >= 3) throw error
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000))
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)}s`)
}

/**
 * Stop a process started by {@link spawnNext} and everything in its process group: SIGTERM, then SIGKILL.
 *
 * @param {import('node:child_process').ChildProcess | undefined} child
 */
export async function stopProcessGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const signal = (/** @type {NodeJS.Signals} */ sig) => {
    try {
      process.kill(-(/** @type {number} */ (child.pid)), sig)
    } catch {
      child.kill(sig)
    }
  }
  signal('SIGTERM')
  const timer = setTimeout(() => signal('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}
