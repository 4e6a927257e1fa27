/**
 * Several real Payload processes on one database, as behind a load balancer.
 *
 *   const cluster = await startCluster({ nodes: 2, options: { plugin: { comments: { ... } } } })
 *   const [a, b] = cluster.nodes
 *   await a.rest.post('/comments', { body, headers: { 'x-forwarded-for': ip } })   // over HTTP, real handlers
 *   await b.graphql('mutation { ... }', vars, { token })
 *   await a.armKillPoint('db.create.comments.after')   // a SIGKILLs itself right after the next comment insert
 *   await a.exited                                    // { code: null, signal: 'SIGKILL', killPoint: 'db.create…' }
 *   await a.restart()
 *   await b.runJobs({ limit: 50 })                    // payload.jobs.run in process b
 *   cluster.deliveries()                              // every email any process delivered (outbox files)
 *   const observer = await cluster.observer()         // an in-Jest Payload on the same database (no runner)
 *   await cluster.stop()
 *
 * Each node is `node --import tsx test/harness/clusterChild.ts` (plain Node, not Jest's VM: tsx compiles the
 * TS). All nodes share the database name, the secret (a token works on every node) and an outbox directory.
 * The server is globalSetup's MONGODB_URI: the embedded one (with the harness workarounds) or a real MongoDB.
 */
import type { ChildProcess } from 'node:child_process'
import type { Config } from 'payload'

import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as qs from 'qs-esm'

import type { APIPath, GraphQLClient, HTTPMethod, RestBodyOptions, RestClient, RestResponse } from './apiClients.js'
import type { InitializedPayload, TestConfig } from './initPayload.js'
import type { KillPointArm } from './killPoints.js'
import type { OutboxDelivery } from './outboxEmailAdapter.js'

import { EMBEDDED_FLAG_ENV, uniqueDatabaseName } from './embeddedMongo.mjs'
import { initPayload } from './initPayload.js'
import { killPoint } from './killPoints.js'
import { readOutbox } from './outboxEmailAdapter.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const REPO_ROOT = path.resolve(HERE, '../..')
const CHILD_ENTRY = path.join(HERE, 'clusterChild.ts')
export const DEFAULT_CLUSTER_CONFIG = path.join(HERE, 'clusterConfig.ts')

/** What a cluster config module default-exports: a config (without db/secret/email) for one node. */
export type ClusterConfigFactory = (ctx: {
  /** Node name ('node-0', … or 'observer' for the in-Jest instance). */
  node: string
  /** The cluster's `options`, as JSON. */
  options: Record<string, any>
  /** Call from hooks to offer a kill point (see killPoints.ts). */
  killPoint: typeof killPoint
}) => Promise<TestConfig> | TestConfig

export type AutoRunCron = {
  allQueues?: boolean
  cron?: string
  disableScheduling?: boolean
  limit?: number
  queue?: string
}

export type NodeOptions = {
  /** Payload's jobs autoRun in this process (`getPayload({ cron: true })`). Off by default: use `runJobs`. */
  autoRun?: AutoRunCron[]
  email?: { delayMs?: number; failFirstAttempts?: number }
  env?: Record<string, string>
}

/** Sent to the child in NEWSROOM_CLUSTER_NODE. */
export type ClusterChildSpec = NodeOptions & {
  configModule: string
  dbName: string
  node: string
  options: Record<string, unknown>
  outboxDir: string
  secret: string
}

export type ClusterCommand =
  | { cmd: 'armKill'; arm?: KillPointArm; name: string }
  | { cmd: 'disarm' }
  | { cmd: 'handleSchedules'; args?: Record<string, unknown> }
  | { cmd: 'hits' }
  | { cmd: 'local'; args: Record<string, unknown>; op: string }
  | { cmd: 'queueJob'; args: Record<string, unknown> }
  | { cmd: 'runJobs'; args?: Record<string, unknown> }
  | { cmd: 'stop' }

export type NodeExit = { code: null | number; killPoint?: string; signal: NodeJS.Signals | null }

export interface ClusterNode {
  readonly name: string
  readonly port: number
  readonly pid: number
  readonly alive: boolean
  /** Resolves when the current process exits (a new promise after each restart). */
  readonly exited: Promise<NodeExit>
  rest: RestClient
  graphql: GraphQLClient
  /** payload.jobs.run({ silent: true, ...args }) in this process. */
  runJobs(args?: Record<string, unknown>): Promise<any>
  handleSchedules(args?: Record<string, unknown>): Promise<any>
  queueJob(args: Record<string, unknown>): Promise<any>
  /** A Local API call (count, create, delete, find, findByID, findGlobal, update, updateGlobal) in this process. */
  local<T = any>(op: string, args: Record<string, unknown>): Promise<T>
  armKillPoint(name: string, arm?: KillPointArm): Promise<void>
  disarmKillPoints(): Promise<void>
  killPointHits(): Promise<Record<string, number>>
  /** Graceful: closes the server and the DB connection. */
  stop(): Promise<NodeExit>
  /** SIGKILL from outside. */
  kill(): Promise<NodeExit>
  /** Start the process again (same name, same options, new port). */
  restart(options?: NodeOptions): Promise<void>
  /** The last lines the process wrote to stderr (for failure messages). */
  stderr(): string
}

export interface Cluster {
  readonly dbName: string
  readonly outboxDir: string
  readonly secret: string
  readonly nodes: ClusterNode[]
  addNode(options?: NodeOptions): Promise<ClusterNode>
  /** Every email delivered by any process of this cluster so far. */
  deliveries(): OutboxDelivery[]
  /** A Payload instance in this (Jest) process on the same database: assertions, setup. It runs no jobs. */
  observer(): Promise<InitializedPayload>
  stop(): Promise<void>
}

export type StartClusterOptions = {
  nodes?: number
  /** Absolute path of a module default-exporting a ClusterConfigFactory. Default: clusterConfig.ts. */
  configModule?: string
  /** JSON handed to the config factory (clusterConfig.ts reads `plugin`, `jobs`). */
  options?: Record<string, unknown>
  /** Options for every node (a node's own `addNode`/`restart` options win). */
  node?: NodeOptions | ((index: number) => NodeOptions)
  dbName?: string
  /** Milliseconds to wait for a node to boot. */
  bootTimeoutMs?: number
}

type Pending = { reject(error: Error): void; resolve(value: unknown): void }

const childEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra }
  // Jest's flags are for Jest's VM; the child is a plain Node process run through tsx.
  delete env.NODE_OPTIONS
  return env
}

function createHttpRest(baseURL: () => string): RestClient {
  const request = async <T>(
    method: HTTPMethod,
    pathAndQuery: APIPath,
    options: RestBodyOptions = {},
  ): Promise<RestResponse<T>> => {
    const [pathname = '', search] = pathAndQuery.split('?', 2) as [string, string | undefined]
    const query = qs.stringify(
      { ...(search ? qs.parse(search) : {}), ...(options.query ?? {}) },
      { addQueryPrefix: true },
    )
    const headers = new Headers(options.headers)
    let body: BodyInit | undefined
    if (options.body !== undefined) {
      if (typeof options.body === 'string' || options.body instanceof FormData) body = options.body
      else body = JSON.stringify(options.body)
      if (typeof body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json')
    }
    if (options.token) headers.set('authorization', `JWT ${options.token}`)
    const response = await fetch(`${baseURL()}/api${pathname}${query}`, { body, headers, method })
    const text = await response.text()
    let json: T = undefined as T
    try {
      json = text ? (JSON.parse(text) as T) : json
    } catch {
      // not JSON: keep the text
    }
    return { headers: response.headers, json, ok: response.ok, status: response.status, text }
  }
  return {
    get baseURL() {
      return `${baseURL()}/api`
    },
    delete: (p, o) => request('DELETE', p, o),
    get: (p, o) => request('GET', p, o),
    login: async (collection, email, password) => {
      const res = await request<{ token?: string }>('POST', `/${collection}/login`, { body: { email, password } })
      if (res.status !== 200 || !res.json?.token)
        throw new Error(`login(${collection}, ${email}) failed: ${res.status} ${res.text}`)
      return res.json.token
    },
    patch: (p, o) => request('PATCH', p, o),
    post: (p, o) => request('POST', p, o),
    put: (p, o) => request('PUT', p, o),
    request,
  }
}

function createHttpGraphQL(baseURL: () => string): GraphQLClient {
  return async (query, variables, options = {}) => {
    const headers = new Headers(options.headers)
    headers.set('content-type', 'application/json')
    if (options.token) headers.set('authorization', `JWT ${options.token}`)
    const response = await fetch(`${baseURL()}/api/graphql`, {
      body: JSON.stringify({ query, variables }),
      headers,
      method: 'POST',
    })
    const text = await response.text()
    let json: any
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return {
      data: json?.data,
      errors: json?.errors ?? (json ? undefined : [{ message: text }]),
      headers: response.headers,
      status: response.status,
    }
  }
}

export async function startCluster(options: StartClusterOptions = {}): Promise<Cluster> {
  if (!process.env.MONGODB_URI)
    throw new Error('startCluster: MONGODB_URI is not set (run under Jest: globalSetup starts the embedded server).')
  const dbName = options.dbName ?? uniqueDatabaseName('newsroom_cluster')
  const outboxDir = mkdtempSync(path.join(tmpdir(), 'newsroom-outbox-'))
  const secret = `newsroom-cluster-secret-${randomUUID()}`
  const configModule = options.configModule ?? DEFAULT_CLUSTER_CONFIG
  const clusterOptions = options.options ?? {}
  const bootTimeoutMs = options.bootTimeoutMs ?? 90_000
  const nodes: ClusterNode[] = []
  let observer: InitializedPayload | undefined
  const defaultsFor = (index: number): NodeOptions =>
    typeof options.node === 'function' ? options.node(index) : (options.node ?? {})

  const createNode = async (index: number, nodeOptions: NodeOptions): Promise<ClusterNode> => {
    const name = `node-${index}`
    let child: ChildProcess
    let port = 0
    let pid = 0
    let alive = false
    let stderrTail = ''
    let killedAt: string | undefined
    let exited!: Promise<NodeExit>
    let nextId = 1
    const pending = new Map<number, Pending>()
    let current = nodeOptions

    const boot = (opts: NodeOptions) =>
      new Promise<void>((resolve, reject) => {
        const spec: ClusterChildSpec = {
          ...opts,
          configModule,
          dbName,
          node: name,
          options: clusterOptions,
          outboxDir,
          secret,
        }
        stderrTail = ''
        killedAt = undefined
        child = spawn(process.execPath, ['--import', 'tsx', CHILD_ENTRY], {
          cwd: REPO_ROOT,
          env: childEnv({
            ...opts.env,
            [EMBEDDED_FLAG_ENV]: process.env[EMBEDDED_FLAG_ENV] ?? '0',
            NEWSROOM_CLUSTER_NODE: JSON.stringify(spec),
          }),
          stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        })
        alive = true
        const timer = setTimeout(() => {
          child.kill('SIGKILL')
          reject(new Error(`${name} did not boot within ${bootTimeoutMs} ms. stderr:\n${stderrTail}`))
        }, bootTimeoutMs)
        child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
          if (process.env.NEWSROOM_CLUSTER_DEBUG === '1') process.stderr.write(`[${name}] ${chunk}`)
        })
        child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
          stderrTail = (stderrTail + chunk).slice(-20_000)
          const hit = /\[cluster\] KILLPOINT (\S+)/.exec(chunk)
          if (hit) killedAt = hit[1]
          if (process.env.NEWSROOM_CLUSTER_DEBUG === '1') process.stderr.write(`[${name}] ${chunk}`)
        })
        child.on('message', (message: any) => {
          if (message?.type === 'ready') {
            clearTimeout(timer)
            port = message.port
            pid = message.pid
            resolve()
            return
          }
          const waiting = pending.get(message?.id)
          if (!waiting) return
          pending.delete(message.id)
          if (message.ok) waiting.resolve(message.value)
          else
            waiting.reject(
              Object.assign(new Error(`${name}: ${message.error?.message}`), { remoteStack: message.error?.stack }),
            )
        })
        exited = new Promise<NodeExit>((resolveExit) => {
          child.once('exit', (code, signal) => {
            alive = false
            clearTimeout(timer)
            // stderr may still be draining: read the kill point line once it has closed.
            const finish = () => {
              const exit: NodeExit = { code, killPoint: killedAt, signal }
              for (const waiting of pending.values())
                waiting.reject(
                  new Error(`${name} exited (${signal ?? code}${killedAt ? ` at ${killedAt}` : ''}) before answering`),
                )
              pending.clear()
              resolveExit(exit)
              reject(new Error(`${name} exited during boot (${signal ?? code}). stderr:\n${stderrTail}`))
            }
            if (child.stderr!.readableEnded) finish()
            else child.stderr!.once('close', finish)
          })
        })
      })

    const command = <T>(message: ClusterCommand): Promise<T> => {
      if (!alive || !child.connected) return Promise.reject(new Error(`${name} is not running`))
      const id = nextId++
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { reject, resolve: resolve as (value: unknown) => void })
        child.send({ ...message, id })
      })
    }

    await boot(current)
    const baseURL = () => `http://127.0.0.1:${port}`
    const node: ClusterNode = {
      get alive() {
        return alive
      },
      armKillPoint: (killName, arm) => command({ arm, cmd: 'armKill', name: killName }),
      disarmKillPoints: () => command({ cmd: 'disarm' }),
      get exited() {
        return exited
      },
      graphql: createHttpGraphQL(baseURL),
      handleSchedules: (args) => command({ args, cmd: 'handleSchedules' }),
      kill: async () => {
        if (alive) child.kill('SIGKILL')
        return exited
      },
      killPointHits: () => command({ cmd: 'hits' }),
      local: (op, args) => command({ args, cmd: 'local', op }),
      name,
      get pid() {
        return pid
      },
      get port() {
        return port
      },
      queueJob: (args) => command({ args, cmd: 'queueJob' }),
      rest: createHttpRest(baseURL),
      restart: async (opts) => {
        if (alive) await node.kill()
        if (opts) current = opts
        await boot(current)
      },
      runJobs: (args) => command({ args, cmd: 'runJobs' }),
      stderr: () => stderrTail,
      stop: async () => {
        if (!alive) return exited
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
        await command({ cmd: 'stop' }).catch(() => undefined)
        const exit = await exited
        clearTimeout(timer)
        return exit
      },
    }
    return node
  }

  const addNode = async (nodeOptions?: NodeOptions) => {
    const index = nodes.length
    const node = await createNode(index, nodeOptions ?? defaultsFor(index))
    nodes.push(node)
    return node
  }

  const cluster: Cluster = {
    addNode,
    dbName,
    deliveries: () => readOutbox(outboxDir),
    nodes,
    observer: async () => {
      if (observer) return observer
      const factory = (await import(configModule)).default as ClusterConfigFactory
      const config = await factory({ killPoint, node: 'observer', options: clusterOptions })
      observer = await initPayload({ ...config, secret } as TestConfig & Pick<Config, 'secret'>, {
        database: { dbName },
      })
      return observer
    },
    outboxDir,
    secret,
    stop: async () => {
      await Promise.allSettled(nodes.map((node) => node.stop()))
      // The observer's shutdown drops the database on a real MongoDB (jongodb forgets it with the server).
      if (observer) await observer.shutdown()
      rmSync(outboxDir, { force: true, recursive: true })
    },
  }

  try {
    // Booted one after the other: concurrent first boots compile the same TS and build the same indexes twice.
    for (let i = 0; i < (options.nodes ?? 2); i++) await addNode()
  } catch (error) {
    await cluster.stop()
    throw error
  }
  return cluster
}
