// @ts-check
/**
 * Embedded MongoDB-compatible server for tests and the dev app.
 *
 * Spawns the native `jongodb` binary shipped in the npm package
 * `@jongodb/memory-server-bin-linux-x64-gnu` (a devDependency of this
 * repo: never installed into a user's app). Plain ESM on purpose: it is imported by Jest's globalSetup, by test
 * helpers (through TypeScript, typed by `embeddedMongo.d.mts`) and by plain
 * Node scripts (`dev/scripts/*.mjs`) without any compilation step.
 *
 * The server keeps everything in memory; stopping the process discards it.
 * See test/README.md for the list of gaps of this server and the workarounds
 * the harness applies.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const BIN_PACKAGE = '@jongodb/memory-server-bin-linux-x64-gnu'
const require = createRequire(import.meta.url)

/** Env var set (to "1") whenever the harness runs on the embedded server. */
export const EMBEDDED_FLAG_ENV = 'NEWSROOM_EMBEDDED_MONGO'

/**
 * Absolute path of the jongodb binary, or `null` when the optional package is
 * not installed (e.g. on a non linux-x64-gnu machine, where npm skips it for its `os`/`cpu`).
 * @returns {string | null}
 */
export function findJongodbBinary() {
  let pkgJsonPath
  try {
    pkgJsonPath = require.resolve(`${BIN_PACKAGE}/package.json`)
  } catch {
    return null
  }
  /** @type {{ jongodb?: { binary?: string } }} */
  const pkgJson = require(pkgJsonPath)
  const binary = path.join(path.dirname(pkgJsonPath), pkgJson.jongodb?.binary ?? 'bin/jongodb')
  return existsSync(binary) ? binary : null
}

/**
 * Start a fresh embedded server on a random loopback port.
 *
 * @param {{ startTimeoutMs?: number, log?: (line: string) => void }} [options]
 * @returns {Promise<{ uri: string, pid: number, stop(): Promise<void> }>}
 */
export function startEmbeddedMongo(options = {}) {
  const { log, startTimeoutMs = 30_000 } = options
  const binary = findJongodbBinary()
  if (!binary) {
    return Promise.reject(
      new Error(
        `startEmbeddedMongo: ${BIN_PACKAGE} is not installed (a devDependency of this repo, linux-x64-gnu only). ` +
          'Set MONGODB_URI to a MongoDB replica set instead.',
      ),
    )
  }

  const child = spawn(
    binary,
    ['--host=127.0.0.1', '--port=0', '--topology-profile=singleNodeReplicaSet', '--replica-set-name=rs0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )

  /** @type {Promise<void>} */
  const exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })

  let stopping = false
  const stop = async () => {
    if (stopping) return exited
    stopping = true
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      timer.unref()
      await exited
      clearTimeout(timer)
    }
  }

  return new Promise((resolve, reject) => {
    let settled = false
    let stdoutBuf = ''
    let stderrBuf = ''

    const fail = (/** @type {Error} */ err) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void stop()
      reject(err)
    }

    const timer = setTimeout(
      () => fail(new Error(`jongodb did not print JONGODB_URI within ${startTimeoutMs}ms. stderr:\n${stderrBuf}`)),
      startTimeoutMs,
    )

    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (/** @type {string} */ chunk) => {
      stdoutBuf += chunk
      let nl
      while ((nl = stdoutBuf.indexOf('\n')) !== -1) {
        const line = stdoutBuf.slice(0, nl).trim()
        stdoutBuf = stdoutBuf.slice(nl + 1)
        if (log && line) log(line)
        const match = /^JONGODB_URI=(\S+)$/.exec(line)
        if (match && !settled) {
          settled = true
          clearTimeout(timer)
          resolve({ uri: match[1], pid: /** @type {number} */ (child.pid), stop })
        }
      }
    })
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (/** @type {string} */ chunk) => {
      // keep only the tail for error messages
      stderrBuf = (stderrBuf + chunk).slice(-8_000)
      if (log) log(chunk.trimEnd())
    })
    child.once('error', (err) => fail(err))
    child.once('exit', (code, signal) => {
      if (!settled) fail(new Error(`jongodb exited early (code ${code}, signal ${signal}). stderr:\n${stderrBuf}`))
    })
  }).then((server) => {
    // Never leave the server running if the parent goes away without calling stop().
    const onExit = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
    process.once('exit', onExit)
    child.once('exit', () => process.removeListener('exit', onExit))
    return /** @type {{ uri: string, pid: number, stop(): Promise<void> }} */ (server)
  })
}

/**
 * Return `uri` with its database name replaced by `dbName` (query string kept).
 * `mongodb://h:1/test?replicaSet=rs0` → `mongodb://h:1/<dbName>?replicaSet=rs0`.
 *
 * @param {string} uri
 * @param {string} dbName
 * @returns {string}
 */
export function withDatabaseName(uri, dbName) {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/([^?]*))?(\?.*)?$/.exec(uri)
  if (!match) throw new Error(`withDatabaseName: not a mongodb URI: ${uri}`)
  return `${match[1]}/${encodeURIComponent(dbName)}${match[3] ?? ''}`
}

/**
 * A database name that is unique per call (per test file, per config...).
 * @param {string} [prefix]
 * @returns {string}
 */
export function uniqueDatabaseName(prefix = 'newsroom_test') {
  const random = Math.random().toString(36).slice(2, 10)
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${random}`
}
