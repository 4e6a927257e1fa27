/**
 * What every benchmark needs besides its measurement: a database, an exit that cannot hang or pass silently,
 * medians and percentiles, a repeatable random source, and a request's latency sampled while something else runs.
 */

/** The median (the mean of the middle two for an even count). */
export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** The nearest-rank percentile `p` (0–100). */
export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** Deterministic pseudo-random numbers in [0, 1), so every run measures the same input. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}

/**
 * MONGODB_URI when set, else the embedded MongoDB-compatible server (started here, its URI put in MONGODB_URI).
 * Returns what stops it (nothing to stop for MONGODB_URI).
 */
export const startBenchDatabase = async (): Promise<() => Promise<void>> => {
  if (process.env.MONGODB_URI) return async () => {}
  // Loaded here, not at the top: benchmarks that load Lexical first must be able to do so before anything else.
  const { startEmbeddedMongo } = await import('../test/harness/embeddedMongo.mjs')
  const server = await startEmbeddedMongo()
  process.env.MONGODB_URI = server.uri
  process.env.NEWSROOM_EMBEDDED_MONGO = '1'
  return server.stop
}

/**
 * Runs a benchmark's `main` and exits with its outcome: explicitly, so a driver or cron handle left behind cannot
 * keep `npm run bench` waiting, and with 1 when the event loop drains before `main` settles (an unsettled module
 * load would otherwise exit 0, silently).
 */
export const runBench = (name: string, main: () => Promise<void>): void => {
  process.once('beforeExit', () => {
    console.error(`${name} bench: stopped before finishing (a module load never settled)`)
    process.exit(1)
  })
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error)
      process.exit(1)
    },
  )
}

export interface LatencyUnderLoad {
  /** Peak resident set size of this process while sampling, bytes. */
  peak: number
  p95: number
  /** How many samples the p95 is of. */
  reads: number
  /** How long `during` took, ms. */
  total: number
}

/**
 * Calls `sample` every `intervalMs` while `during` runs; each latency counts from when the sample was due, so time
 * the event loop was blocked counts too.
 */
export const latencyWhile = async (
  sample: () => Promise<unknown> | unknown,
  during: () => Promise<unknown>,
  intervalMs = 10,
): Promise<LatencyUnderLoad> => {
  const latencies: number[] = []
  let done = false
  let peak = process.memoryUsage().rss
  const loop = (async () => {
    while (!done) {
      const due = performance.now() + intervalMs
      await new Promise((resolve) => setTimeout(resolve, intervalMs))
      await sample()
      latencies.push(performance.now() - due)
      peak = Math.max(peak, process.memoryUsage().rss)
    }
  })()
  const start = performance.now()
  await during()
  const total = performance.now() - start
  done = true
  await loop
  return { p95: percentile(latencies, 95), peak, reads: latencies.length, total }
}
