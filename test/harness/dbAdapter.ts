/**
 * Database adapter for tests (and the dev app): a real `mongooseAdapter` pointed
 * at a fresh database on either
 *   - the embedded jongodb server started by Jest's globalSetup
 *     (env MONGODB_URI + NEWSROOM_EMBEDDED_MONGO=1), or
 *   - a real MongoDB replica set given via MONGODB_URI.
 *
 * All workarounds for gaps of the embedded server live here (and in
 * jongodb-preload.cjs), never in the plugin source. See test/README.md.
 */
import type { Args as MongooseAdapterArgs } from '@payloadcms/db-mongodb'
import type {
  BaseDatabaseAdapter,
  DatabaseAdapterObj,
  JsonObject,
  Payload,
  UpdateJobsArgs,
  UpdateOneArgs,
} from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'

import { EMBEDDED_FLAG_ENV, uniqueDatabaseName, withDatabaseName } from './embeddedMongo.mjs'

export const JOBS_COLLECTION_SLUG = 'payload-jobs'

/**
 * Apply the findOneAndDelete driver patch (jongodb-preload.cjs) to the
 * `mongodb` instance this module sees. Under Jest the `setupFiles` entry already
 * did it (createRequire here goes through Jest's per-file registry, so it is
 * the same instance); in plain Node/tsx scripts (bench, seeds) this makes
 * `--require` unnecessary. Returns false if it could not be applied (e.g. when
 * bundled by Next, which must use `NODE_OPTIONS=--require=...` instead).
 */
export function ensureFindOneAndDeletePatch(): boolean {
  try {
    const preload = createRequire(import.meta.url)('./jongodb-preload.cjs') as { applyPatch(): boolean }
    return preload.applyPatch()
  } catch {
    return false
  }
}

/** True when the harness runs against the embedded jongodb server. */
export function isEmbeddedMongo(): boolean {
  return process.env[EMBEDDED_FLAG_ENV] === '1'
}

/** The server URI (from globalSetup or the environment). Throws when missing. */
export function mongoServerURI(): string {
  const uri = process.env.MONGODB_URI
  if (!uri) {
    throw new Error(
      'MONGODB_URI is not set. Run tests through jest (globalSetup starts the embedded server) ' +
        'or export MONGODB_URI=mongodb://host:port/?replicaSet=rs0.',
    )
  }
  return uri
}

export interface TestDatabaseAdapterOptions {
  /** Database name. Default: a fresh `newsroom_test_<pid>_<time>_<random>` per call. */
  dbName?: string
  /** Server URI. Default: `process.env.MONGODB_URI`. The database part is replaced by `dbName`. */
  serverURI?: string
  /**
   * Force the embedded-server workarounds on/off. Default: `isEmbeddedMongo()`
   * (env NEWSROOM_EMBEDDED_MONGO=1, set by globalSetup when it started jongodb).
   */
  embedded?: boolean
  /** Extra `mongooseAdapter` options; they win over the harness defaults. */
  adapterArgs?: Partial<MongooseAdapterArgs>
}

export interface TestDatabase {
  adapter: DatabaseAdapterObj
  dbName: string
  url: string
  embedded: boolean
}

/**
 * Build a configured `mongooseAdapter` on a fresh database.
 *
 * Workarounds applied only when `embedded`:
 *  - `connectOptions.autoCreate: false` (jongodb has no `create` command; with
 *    mongoose's default autoCreate, Model.init() fails and NO index is built,
 *    so e.g. unique constraints silently disappear);
 *  - `connectOptions.serverMonitoringMode: 'poll'` (the driver's streaming
 *    monitor — an exhaust `hello` — breaks on jongodb under a few hundred
 *    in-flight writes and clears the connection pool; polling does not);
 *  - `useJoinAggregations: false` (jongodb returns `$slice` expressions
 *    unevaluated from `$project`, so joins come back as raw expressions);
 *  - `transactionOptions: false` (jongodb loses committed writes when
 *    transactions run concurrently);
 *  - jobs: `$push` of the task log is rewritten into a full-array write
 *    (jongodb has no `$push`), see {@link applyEmbeddedJobsWorkaround}.
 *  - findOneAndDelete driver patch (jongodb-preload.cjs; also loaded by Jest `setupFiles`
 *    for every file, where it is a no-op on a real MongoDB).
 */
export function createTestDatabase(options: TestDatabaseAdapterOptions = {}): TestDatabase {
  const embedded = options.embedded ?? isEmbeddedMongo()
  const dbName = options.dbName ?? uniqueDatabaseName()
  const url = withDatabaseName(options.serverURI ?? mongoServerURI(), dbName)

  if (embedded) ensureFindOneAndDeletePatch()

  const embeddedArgs: Partial<MongooseAdapterArgs> = embedded
    ? {
        connectOptions: { autoCreate: false, serverMonitoringMode: 'poll' },
        transactionOptions: false,
        useJoinAggregations: false,
      }
    : {}

  const { connectOptions: extraConnectOptions, ...extraArgs } = options.adapterArgs ?? {}
  const adapter = mongooseAdapter({
    ...embeddedArgs,
    ...extraArgs,
    connectOptions: { ...embeddedArgs.connectOptions, ...extraConnectOptions },
    url,
  })

  return {
    adapter: embedded ? withEmbeddedJobsWorkaround(adapter) : adapter,
    dbName,
    embedded,
    url,
  }
}

/** Shorthand for `createTestDatabase(opts).adapter`. */
export function testDatabaseAdapter(options: TestDatabaseAdapterOptions = {}): DatabaseAdapterObj {
  return createTestDatabase(options).adapter
}

/**
 * Wrap a `DatabaseAdapterObj` so that the adapter instance Payload creates from
 * it gets {@link applyEmbeddedJobsWorkaround} — no `onInit` needed.
 */
export function withEmbeddedJobsWorkaround<T extends DatabaseAdapterObj>(adapterObj: T): T {
  const init = adapterObj.init
  return {
    ...adapterObj,
    init: (args: { payload: Payload }) => {
      const adapter = init(args)
      applyEmbeddedJobsWorkaround(adapter)
      return adapter
    },
  }
}

type PushValue = Record<string, unknown> | Record<string, unknown>[]

function getLogPush(data: Record<string, unknown> | undefined): null | Record<string, unknown>[] {
  const log = data?.log
  if (!log || typeof log !== 'object' || Array.isArray(log) || !('$push' in log)) return null
  const push = (log as { $push: PushValue }).$push
  return Array.isArray(push) ? push : [push]
}

type WorkaroundTarget = Pick<BaseDatabaseAdapter, 'find' | 'findOne' | 'updateJobs' | 'updateOne'> & {
  __newsroomJobsWorkaround?: true
  connection?: { db?: { collection(name: string): LockCollection } }
}

type LockCollection = {
  deleteOne(filter: object): Promise<unknown>
  findOneAndUpdate(filter: object, update: object): Promise<unknown>
  insertOne(doc: object): Promise<unknown>
}

/** Raw collection of the harness's job-log locks (not a Payload collection: nothing of the app sees it). */
export const JOB_LOG_LOCKS_COLLECTION = 'newsroom_harness_joblog_locks'
// A lock older than this belongs to a process that died holding it (a kill point): the next writer takes it over.
const JOB_LOG_LOCK_STALE_MS = 5_000

/**
 * Runs `fn` holding a lock on job `id` that every process on this database respects: a document with
 * `_id: <job id>` under the unique `_id` index (insert = acquire, delete = release). Several processes
 * appending to one job's log at once (two runners that claimed the same job, see test/README.md) would
 * otherwise each read the old log and the last write would drop the other's entry.
 */
async function crossProcessJobLock<R>(db: WorkaroundTarget, id: number | string, fn: () => Promise<R>): Promise<R> {
  const locks = db.connection?.db?.collection(JOB_LOG_LOCKS_COLLECTION)
  if (!locks) return fn()
  const token = randomUUID()
  for (let attempt = 0; ; attempt++) {
    try {
      await locks.insertOne({ _id: String(id), at: new Date(), token })
      break
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error
    }
    const takenOver = await locks.findOneAndUpdate(
      { _id: String(id), at: { $lt: new Date(Date.now() - JOB_LOG_LOCK_STALE_MS) } },
      { $set: { at: new Date(), token } },
    )
    if (takenOver) break
    await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 + attempt * 2) * (0.5 + Math.random())))
  }
  try {
    return await fn()
  } finally {
    await locks.deleteOne({ _id: String(id), token })
  }
}

/**
 * jongodb rejects `$push` ("unsupported update operator: $push"). Payload's job
 * runner appends each task log entry with `data.log = { $push: entry }`
 * (payload/dist/queues/operations/runJobs/runJob/getRunTaskFunction.js and
 * queues/errors/handleTaskError.js), which @payloadcms/db-mongodb turns into
 * `{ $push: { log: entry }, $set: ... }` (updateJobs.js / utilities/transform.js).
 *
 * This wrapper intercepts `updateJobs` and `updateOne` on `payload-jobs`: when
 * `data.log` is a `$push`, it reads the job's current log and writes the whole
 * array instead. Writes to the same job are serialized in-process and across
 * processes (a lock document per job, {@link crossProcessJobLock}) so two
 * appends cannot overwrite each other. Accepts a `Payload` or its `db`.
 * Idempotent.
 */
export function applyEmbeddedJobsWorkaround(target: Payload | BaseDatabaseAdapter): void {
  const db = ('updateJobs' in target ? target : target.db) as WorkaroundTarget
  if (db.__newsroomJobsWorkaround) return
  db.__newsroomJobsWorkaround = true

  const originalUpdateJobs = db.updateJobs.bind(db)
  const originalUpdateOne = db.updateOne.bind(db)
  const locks = new Map<number | string, Promise<unknown>>()

  // Serialized in this process first (cheap), then across processes by a lock document (see crossProcessJobLock).
  const withJobLock = async <R>(id: number | string, fn: () => Promise<R>): Promise<R> => {
    const previous = locks.get(id) ?? Promise.resolve()
    const locked = () => crossProcessJobLock(db, id, fn)
    const run = previous.then(locked, locked)
    const settled = run.catch(() => undefined)
    locks.set(id, settled)
    try {
      return await run
    } finally {
      if (locks.get(id) === settled) locks.delete(id)
    }
  }

  const currentLog = async (id: number | string, req: UpdateJobsArgs['req']): Promise<Record<string, unknown>[]> => {
    const doc = await db.findOne<{ id: number | string; log?: unknown }>({
      collection: JOBS_COLLECTION_SLUG,
      req,
      where: { id: { equals: id } },
    })
    const log = doc?.log
    return Array.isArray(log) ? (log as Record<string, unknown>[]) : []
  }

  const jobIDsMatching = async (
    where: UpdateJobsArgs['where'],
    req: UpdateJobsArgs['req'],
    limit?: number,
    sort?: UpdateJobsArgs['sort'],
  ): Promise<(number | string)[]> => {
    const result = await db.find<JsonObject>({
      collection: JOBS_COLLECTION_SLUG,
      limit: limit && limit > 0 ? limit : 0,
      pagination: false,
      req,
      sort,
      where: where ?? {},
    })
    return result.docs.map((doc) => doc.id as number | string)
  }

  db.updateJobs = async (args: UpdateJobsArgs) => {
    const push = getLogPush(args.data)
    if (!push) return originalUpdateJobs(args)

    const ids =
      args.id !== undefined && args.id !== null
        ? [args.id]
        : await jobIDsMatching(args.where, args.req, args.limit, args.sort)

    const results: NonNullable<Awaited<ReturnType<BaseDatabaseAdapter['updateJobs']>>> = []
    for (const id of ids) {
      const updated = await withJobLock(id, async () => {
        const log = [...(await currentLog(id, args.req)), ...push]
        return originalUpdateJobs({
          data: { ...args.data, log },
          id,
          req: args.req,
          returning: args.returning,
        })
      })
      if (updated) results.push(...updated)
    }
    return args.returning === false ? null : results
  }

  db.updateOne = async (args: UpdateOneArgs) => {
    const push = args.collection === JOBS_COLLECTION_SLUG ? getLogPush(args.data) : null
    if (!push) return originalUpdateOne(args)

    const id = args.id ?? (await jobIDsMatching(args.where, args.req as UpdateJobsArgs['req'], 1))[0]
    if (id === undefined) return originalUpdateOne(args)

    return withJobLock(id, async () => {
      const log = [...(await currentLog(id, args.req as UpdateJobsArgs['req'])), ...push]
      const { where: _where, ...rest } = args
      return originalUpdateOne({ ...rest, data: { ...args.data, log }, id })
    })
  }
}
