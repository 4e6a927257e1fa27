/**
 * One process of a test cluster (test/harness/cluster.ts starts it as `node --import tsx clusterChild.ts`):
 * boots Payload from a test config module on the cluster's shared database, serves the real REST and GraphQL
 * Next route handlers (`@payloadcms/next/routes`) over node:http on 127.0.0.1, port 0, and answers the
 * parent's commands over IPC (run the jobs queue, arm kill points, Local API calls, stop).
 *
 * Its spec comes in the env var NEWSROOM_CLUSTER_NODE (JSON, see ClusterChildSpec in cluster.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Payload } from 'payload'

import { createServer } from 'node:http'

import type { ClusterChildSpec, ClusterCommand, ClusterConfigFactory } from './cluster.js'

import { anyKillPointArmed, armKillPoint, disarmKillPoints, killPoint, killPointHits } from './killPoints.js'
import { preloadLexical } from './preloadLexical.js'

const spec = JSON.parse(process.env.NEWSROOM_CLUSTER_NODE ?? 'null') as ClusterChildSpec | null
if (!spec || typeof process.send !== 'function') {
  throw new Error(
    'clusterChild.ts is started by test/harness/cluster.ts (needs NEWSROOM_CLUSTER_NODE and an IPC channel).',
  )
}
const send = (message: unknown) => process.send!(message)
// The parent went away (Jest finished or crashed): never outlive it.
process.on('disconnect', () => process.exit(0))

// Lexical first, one package at a time, then everything else dynamically (preloadLexical.ts says why).
await preloadLexical()

const [{ buildConfig, defaultLoggerOptions, getPayload }, routes, { createTestDatabase }, { outboxEmailAdapter }] =
  await Promise.all([
    import('payload'),
    import('@payloadcms/next/routes'),
    import('./dbAdapter.js'),
    import('./outboxEmailAdapter.js'),
  ])

const factory = (await import(spec.configModule)).default as ClusterConfigFactory
const testConfig = await factory({ killPoint, node: spec.node, options: spec.options ?? {} })

const database = createTestDatabase({ dbName: spec.dbName })
const config = await buildConfig({
  email: outboxEmailAdapter({
    delayMs: spec.email?.delayMs,
    dir: spec.outboxDir,
    failFirstAttempts: spec.email?.failFirstAttempts,
    node: spec.node,
  }),
  logger: { destination: defaultLoggerOptions, options: { level: process.env.PAYLOAD_LOG_LEVEL ?? 'warn' } },
  serverURL: 'http://localhost:3000',
  ...testConfig,
  db: database.adapter,
  jobs: {
    ...testConfig.jobs,
    ...(spec.autoRun ? { autoRun: spec.autoRun.map((cron) => ({ silent: true, ...cron })) } : {}),
  } as NonNullable<typeof testConfig.jobs>,
  loggingLevels: { AuthenticationError: 'info', Forbidden: 'info', NotFound: 'info', ...testConfig.loggingLevels },
  // One secret for the whole cluster: a token from one process is good on every other, as behind a load balancer.
  secret: spec.secret,
  telemetry: false,
  typescript: { ...testConfig.typescript, autoGenerate: false },
})

// Under the 'default' key: the Next handlers look the instance up with getPayload({ config }) and no key.
const payload: Payload = await getPayload({ config, cron: Boolean(spec.autoRun?.length) })

/** Kill points around every database method that names a collection (the jobs updates have none: payload-jobs). */
const wrapDatabase = (db: Payload['db']) => {
  const target = db as unknown as Record<string, unknown>
  const methods = [
    'count',
    'create',
    'deleteMany',
    'deleteOne',
    'find',
    'findOne',
    'updateJobs',
    'updateMany',
    'updateOne',
    'upsert',
    'createVersion',
    'updateVersion',
    'deleteVersions',
    'queryDrafts',
    'findVersions',
  ]
  for (const method of methods) {
    const original = target[method]
    if (typeof original !== 'function') continue
    target[method] = async function wrapped(args: Record<string, unknown> = {}) {
      const collection = method === 'updateJobs' ? 'payload-jobs' : String(args.collection ?? '?')
      // Serialized before the call: the adapter rewrites `data` in place (e.g. moves `$inc` out of it).
      const detail = anyKillPointArmed() ? JSON.stringify(args.data ?? args.where ?? null) : undefined
      killPoint(`db.${method}.${collection}.before`, detail)
      const result = await (original as (a: unknown) => Promise<unknown>).call(db, args)
      killPoint(`db.${method}.${collection}.after`, detail)
      return result
    }
  }
}
wrapDatabase(payload.db)

type Handler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>
const restHandlers: Record<string, Handler> = {
  DELETE: routes.REST_DELETE(config) as Handler,
  GET: routes.REST_GET(config) as Handler,
  OPTIONS: routes.REST_OPTIONS(config) as Handler,
  PATCH: routes.REST_PATCH(config) as Handler,
  POST: routes.REST_POST(config) as Handler,
  PUT: routes.REST_PUT(config) as Handler,
}
const graphqlHandler = routes.GRAPHQL_POST(config) as (request: Request) => Promise<Response>
const apiRoute = config.routes.api
const graphqlRoute = `${apiRoute}${config.routes.graphQL}`

const toRequest = async (req: IncomingMessage, port: number): Promise<Request> => {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v))
    else if (value !== undefined) headers.set(name, value)
  }
  const method = req.method ?? 'GET'
  return new Request(`http://127.0.0.1:${port}${req.url ?? '/'}`, {
    body: method === 'GET' || method === 'HEAD' || chunks.length === 0 ? undefined : Buffer.concat(chunks),
    headers,
    method,
  })
}

const writeResponse = async (res: ServerResponse, response: Response) => {
  const headers: Record<string, string | string[]> = {}
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length) headers['set-cookie'] = cookies
  const body = Buffer.from(await response.arrayBuffer())
  delete headers['content-encoding']
  headers['content-length'] = String(body.byteLength)
  res.writeHead(response.status, headers)
  res.end(body)
}

const server = createServer((req, res) => {
  void (async () => {
    const port = (server.address() as { port: number }).port
    try {
      const request = await toRequest(req, port)
      const { pathname } = new URL(request.url)
      let response: Response
      if (pathname === graphqlRoute && request.method === 'POST') {
        response = await graphqlHandler(request)
      } else if (pathname.startsWith(`${apiRoute}/`) && restHandlers[request.method]) {
        const slug = pathname
          .slice(apiRoute.length + 1)
          .split('/')
          .filter(Boolean)
          .map(decodeURIComponent)
        response = await restHandlers[request.method]!(request, { params: Promise.resolve({ slug }) })
      } else {
        response = Response.json(
          { errors: [{ message: `cluster child: no route for ${request.method} ${pathname}` }] },
          { status: 404 },
        )
      }
      await writeResponse(res, response)
    } catch (error) {
      // A handler threw instead of answering: report it like a crashed route would (the test sees a 500).
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(`cluster child: ${(error as Error)?.stack ?? String(error)}`)
    }
  })()
})

const LOCAL_OPERATIONS = new Set([
  'count',
  'create',
  'delete',
  'find',
  'findByID',
  'findGlobal',
  'update',
  'updateGlobal',
])

const handleCommand = async (command: ClusterCommand): Promise<unknown> => {
  switch (command.cmd) {
    case 'armKill':
      armKillPoint(command.name, command.arm)
      return null
    case 'disarm':
      disarmKillPoints()
      return null
    case 'hits':
      return killPointHits()
    case 'local': {
      if (!LOCAL_OPERATIONS.has(command.op)) throw new Error(`cluster child: unknown Local API operation ${command.op}`)
      const operation = (payload as unknown as Record<string, (args: unknown) => Promise<unknown>>)[command.op]!
      return operation.call(payload, command.args)
    }
    case 'queueJob': {
      // IPC carries JSON: a `waitUntil` arrives as a string, Payload's queue wants a Date.
      const args = command.args as Record<string, unknown>
      const waitUntil = typeof args.waitUntil === 'string' ? new Date(args.waitUntil) : args.waitUntil
      return payload.jobs.queue({ ...args, waitUntil } as Parameters<Payload['jobs']['queue']>[0])
    }
    case 'runJobs':
      return payload.jobs.run({ silent: true, ...(command.args as object) } as Parameters<Payload['jobs']['run']>[0])
    case 'handleSchedules':
      return payload.jobs.handleSchedules(command.args as Parameters<Payload['jobs']['handleSchedules']>[0])
    case 'stop':
      setImmediate(() => {
        server.close()
        void payload.destroy().finally(() => process.exit(0))
      })
      return null
  }
}

process.on('message', (message: { id: number } & ClusterCommand) => {
  void handleCommand(message).then(
    (value) =>
      send({ id: message.id, ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) }),
    (error: Error) =>
      send({
        error: { message: error?.message ?? String(error), name: error?.name, stack: error?.stack },
        id: message.id,
        ok: false,
      }),
  )
})

// Node closes an idle keep-alive socket after 5 s and tells the client so; undici keeps it 1 s less, by its own
// timers. A test process whose event loop lags by over a second under CI load (a 2-core machine running jest
// workers and two children) then sends on a socket the child just closed: `fetch failed`, "other side closed"
// (comments-cluster.spec in CI). Idle sockets are kept a minute instead; no test idles that long between calls.
server.keepAliveTimeout = 65_000
server.headersTimeout = 66_000

server.listen(0, '127.0.0.1', () => {
  send({ pid: process.pid, port: (server.address() as { port: number }).port, type: 'ready' })
})
