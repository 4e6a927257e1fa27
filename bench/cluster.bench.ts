/**
 * Comment submissions on several instances, and what moderation costs.
 *
 * 1. In this process: a moderated submission (Local API, `overrideAccess: false`, the public's path through
 *    every rule: article read, settings, flood and duplicate claims, approved-author lookup, insert) against a
 *    plain create of the same fields by trusted code (no moderation), pair by pair on an article that already
 *    has 1,000 approved comments; median of each, their ratio (target ≤ 1.5), and database commands per write.
 * 2. Real processes (test/harness/cluster.ts, REST over HTTP): 50 concurrent submitters, distinct authors,
 *    against one process and against two on the same database; submissions per second and their ratio, and the
 *    p95 latency of a moderated submission.
 *
 *   npx tsx bench/cluster.bench.ts            (starts the embedded MongoDB-compatible server)
 *   MONGODB_URI=mongodb://… npx tsx bench/cluster.bench.ts
 *   BENCH_PART=1 | BENCH_PART=2 npx tsx bench/cluster.bench.ts   (one part only; BENCH_SUBMISSIONS=600 for part 2)
 */

import { preloadLexical } from '../test/harness/preloadLexical.js'
import { median, percentile, runBench, startBenchDatabase } from './harness.js'

// Lexical first, one package at a time, then the plugin dynamically (test/harness/preloadLexical.ts says why).
const loadModules = async () => {
  await preloadLexical()
  return {
    ...(await import('../src/index.js')),
    ...(await import('../test/harness/initPayload.js')),
  }
}

const SEEDED_APPROVED = 1_000
const PAIRS = 200
const WARMUP = 20
const SUBMITTERS = 50
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 600)
const TARGET = 1.5

const ms = (n: number) => `${n.toFixed(1)} ms`

let serial = 0
const author = () => {
  serial++
  return {
    authorEmail: `bench-${serial}-${Date.now()}@example.org`,
    ip: `10.${(serial >> 16) & 255}.${(serial >> 8) & 255}.${serial & 255}`,
  }
}

const main = async () => {
  const { initPayload, newsroomPlugin } = await loadModules()
  const stopDatabase = await startBenchDatabase()

  // 1. Moderated vs plain, in this process (BENCH_PART=2 skips it).
  if (process.env.BENCH_PART !== '2') await moderatedVsPlain(initPayload, newsroomPlugin)

  // 2. One process vs two on one database (BENCH_PART=1 stops after part 1).
  if (process.env.BENCH_PART === '1') return void (await stopDatabase())
  await oneVersusTwo()
  await stopDatabase()
}

const moderatedVsPlain = async (
  initPayload: Awaited<ReturnType<typeof loadModules>>['initPayload'],
  newsroomPlugin: Awaited<ReturnType<typeof loadModules>>['newsroomPlugin'],
) => {
  const app = await initPayload({
    admin: { user: 'users' },
    collections: [{ slug: 'users', auth: true, fields: [] }],
    logger: { options: { level: 'warn' } },
    plugins: [newsroomPlugin()],
  })
  const { payload } = app
  let commands = 0
  // Every database operation Payload asks its adapter for (about one command each; a paginated find is two).
  const adapter = payload.db as unknown as Record<string, unknown>
  // (`upsert` is not wrapped: it calls `updateOne`.)
  for (const name of [
    'count',
    'create',
    'deleteMany',
    'deleteOne',
    'find',
    'findGlobal',
    'findOne',
    'updateMany',
    'updateOne',
  ]) {
    const original = adapter[name] as (...args: unknown[]) => unknown
    adapter[name] = function (this: unknown, ...args: unknown[]) {
      commands++
      return original.apply(this, args)
    }
  }
  const article = String(
    (
      await payload.create({
        collection: 'articles',
        data: { _status: 'published', publishedAt: new Date().toISOString(), title: 'Busy article' } as never,
      })
    ).id,
  )
  for (let i = 0; i < SEEDED_APPROVED; i += 50) {
    await Promise.all(
      Array.from({ length: 50 }, (_, j) =>
        payload.create({
          collection: 'comments',
          data: {
            article,
            authorEmail: `seed${i + j}@example.org`,
            authorName: 'Seed',
            body: `Seed ${i + j}`,
            status: 'approved',
          } as never,
        }),
      ),
    )
  }
  const fields = () => {
    const who = author()
    return {
      headers: new Headers({ 'user-agent': 'bench', 'x-forwarded-for': who.ip }),
      data: {
        article,
        authorEmail: who.authorEmail,
        authorName: 'Bench Reader',
        body: `A comment of about the usual length, number ${serial}.`,
      },
    }
  }
  const moderated = async () => {
    const { data, headers } = fields()
    const before = commands
    const t = performance.now()
    const doc = (await payload.create({
      collection: 'comments',
      data: data as never,
      overrideAccess: false,
      req: { headers } as never,
    })) as { status?: string }
    const time = performance.now() - t
    if (!doc) throw new Error('moderated submission failed')
    return { commands: commands - before, time }
  }
  const plain = async () => {
    const { data } = fields()
    const before = commands
    const t = performance.now()
    await payload.create({ collection: 'comments', data: data as never })
    return { commands: commands - before, time: performance.now() - t }
  }
  for (let i = 0; i < WARMUP; i++) {
    await moderated()
    await plain()
  }
  const mod: { commands: number; time: number }[] = []
  const pla: { commands: number; time: number }[] = []
  for (let i = 0; i < PAIRS; i++) {
    // Alternate which side goes first, so neither always meets a warmer cache.
    if (i % 2) {
      mod.push(await moderated())
      pla.push(await plain())
    } else {
      pla.push(await plain())
      mod.push(await moderated())
    }
  }
  const modMedian = median(mod.map((r) => r.time))
  const plaMedian = median(pla.map((r) => r.time))
  const ratio = modMedian / plaMedian
  console.log(
    `\nModerated submission vs plain create of the same fields (${PAIRS} pairs, article with ${SEEDED_APPROVED} approved comments)`,
  )
  console.log('| | median | p95 | adapter operations |')
  console.log('|---|---|---|---|')
  console.log(
    `| moderated | ${ms(modMedian)} | ${ms(
      percentile(
        mod.map((r) => r.time),
        95,
      ),
    )} | ${median(mod.map((r) => r.commands))} |`,
  )
  console.log(
    `| plain | ${ms(plaMedian)} | ${ms(
      percentile(
        pla.map((r) => r.time),
        95,
      ),
    )} | ${median(pla.map((r) => r.commands))} |`,
  )
  console.log(`ratio ${ratio.toFixed(2)}× (target ≤ ${TARGET}×) ${ratio <= TARGET ? 'OK' : 'ABOVE TARGET'}`)
  await app.shutdown()
}

const oneVersusTwo = async () => {
  const { startCluster } = await import('../test/harness/cluster.js')
  const cluster = await startCluster({ nodes: 2, options: { plugin: { comments: { floodSeconds: 15 } } } })
  try {
    const [a, b] = cluster.nodes
    await a!.local('create', {
      collection: 'users',
      data: { email: 'bench-editor@example.org', password: 'bench-password-1' },
    })
    const created = await a!.local<{ id: string }>('create', {
      collection: 'articles',
      data: { _status: 'published', publishedAt: new Date().toISOString(), title: 'Cluster bench' },
    })
    const submitOne = async (node: NonNullable<typeof a>) => {
      const who = author()
      const t = performance.now()
      const res = await node.rest.post('/comments', {
        body: { article: created.id, authorEmail: who.authorEmail, authorName: 'Bench', body: `Submission ${serial}` },
        headers: { 'user-agent': 'bench', 'x-forwarded-for': who.ip },
        query: { depth: 0 },
      })
      if (res.status !== 201) throw new Error(`submission answered ${res.status}: ${res.text}`)
      return performance.now() - t
    }
    const run = async (nodes: NonNullable<typeof a>[]) => {
      let next = 0
      const latencies: number[] = []
      const t = performance.now()
      await Promise.all(
        Array.from({ length: SUBMITTERS }, async () => {
          while (next < SUBMISSIONS) {
            const i = next++
            latencies.push(await submitOne(nodes[i % nodes.length]!))
          }
        }),
      )
      return { latencies, perSecond: SUBMISSIONS / ((performance.now() - t) / 1000) }
    }
    await run([a!, b!]) // warm-up of both
    const one = await run([a!])
    const two = await run([a!, b!])
    const sequential: number[] = []
    for (let i = 0; i < 50; i++) sequential.push(await submitOne(a!))
    console.log(
      `\nSubmissions over HTTP, ${SUBMITTERS} concurrent submitters, ${SUBMISSIONS} submissions (distinct authors)`,
    )
    console.log('| processes | submissions/s | p50 | p95 |')
    console.log('|---|---|---|---|')
    console.log(
      `| 1 | ${one.perSecond.toFixed(0)} | ${ms(percentile(one.latencies, 50))} | ${ms(percentile(one.latencies, 95))} |`,
    )
    console.log(
      `| 2 | ${two.perSecond.toFixed(0)} | ${ms(percentile(two.latencies, 50))} | ${ms(percentile(two.latencies, 95))} |`,
    )
    console.log(`two / one: ${(two.perSecond / one.perSecond).toFixed(2)}×`)
    console.log(
      `p95 of a moderated submission, one at a time: ${ms(percentile(sequential, 95))} (median ${ms(median(sequential))})`,
    )
  } finally {
    await cluster.stop()
  }
}

runBench('cluster', main)
