/** Env var set (to "1") whenever the harness runs on the embedded server. */
export declare const EMBEDDED_FLAG_ENV: 'NEWSROOM_EMBEDDED_MONGO'

export interface EmbeddedMongo {
  /** Connection string printed by jongodb, e.g. `mongodb://127.0.0.1:40123/test?replicaSet=rs0`. */
  uri: string
  pid: number
  /** Stop the server process (SIGTERM, then SIGKILL after 5s). Idempotent. */
  stop(): Promise<void>
}

export interface StartEmbeddedMongoOptions {
  /** Fail if the server has not printed its URI after this long. Default 30000. */
  startTimeoutMs?: number
  /** Receives every stdout/stderr line of the server. */
  log?: (line: string) => void
}

/** Absolute path of the jongodb binary, or `null` if the optional package is missing. */
export declare function findJongodbBinary(): string | null

/** Spawn `jongodb --host=127.0.0.1 --port=0 --topology-profile=singleNodeReplicaSet --replica-set-name=rs0`. */
export declare function startEmbeddedMongo(options?: StartEmbeddedMongoOptions): Promise<EmbeddedMongo>

/** Replace the database name of a mongodb:// URI, keeping host(s) and query string. */
export declare function withDatabaseName(uri: string, dbName: string): string

/** A database name unique per call: `<prefix>_<pid>_<time>_<random>`. */
export declare function uniqueDatabaseName(prefix?: string): string
