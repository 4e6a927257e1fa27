/**
 * The PDF endpoint through Payload (REST, embedded MongoDB-compatible server or MONGODB_URI), with the PDF cache:
 * one 5,000-word article's PDF drawn (cold) vs served from the database (hit), and an article read's p95 latency
 * (REST findByID of a short article, asked every 10 ms) idle vs while 20 PDFs are requested at once: 20 distinct
 * articles cold (20 renders on the pool), one hot article cold (20 requests, one render), 20 distinct articles
 * already stored (20 hits), and for reference 20 plain reads of those articles at once (what any burst of 20
 * requests costs a read). Ratios are to the idle p95 measured in the same run; a burst that ends within a few
 * reads has a p95 of a handful of samples (the reads column says how many).
 *
 *   npx tsx bench/pdf-cache.bench.ts
 */
import { availableParallelism } from 'node:os'

import { preloadLexical } from '../test/harness/preloadLexical.js'
import { latencyWhile, median, runBench, seededRandom, startBenchDatabase } from './harness.js'

// Lexical first, one package at a time, then the plugin dynamically (test/harness/preloadLexical.ts says why).
const loadModules = async () => {
  await preloadLexical()
  return {
    ...(await import('../src/defaults.js')),
    ...(await import('../src/index.js')),
    ...(await import('../test/harness/initPayload.js')),
  }
}

const WORDS = 5_000
const PDFS = 20
const CACHE = 'newsroom-pdf-cache'

const random = seededRandom(7)
const VOCABULARY = ['council', 'budget', 'river', 'bridge', 'housing', 'schools', 'debate', 'approved', 'the', 'and']
const paragraph = (words: number) => ({
  type: 'paragraph',
  children: [
    {
      type: 'text',
      detail: 0,
      format: 0,
      mode: 'normal',
      style: '',
      text: Array.from({ length: words }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]).join(' '),
      version: 1,
    },
  ],
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  version: 1,
})
const body = (words: number) => ({
  root: {
    type: 'root',
    children: Array.from({ length: Math.ceil(words / 100) }, () => paragraph(100)),
    direction: 'ltr',
    format: '',
    indent: 0,
    version: 1,
  },
})

const main = async () => {
  const { initPayload, newsroomPlugin, resolveOptions } = await loadModules()
  const stopDatabase = await startBenchDatabase()
  const app = await initPayload({
    admin: { user: 'users' },
    collections: [{ slug: 'users', auth: true, fields: [] }],
    logger: { options: { level: 'warn' } },
    plugins: [newsroomPlugin({})],
  })
  const { payload, rest } = app
  try {
    const create = async (title: string, words: number) =>
      String(
        (
          await payload.create({
            collection: 'articles',
            data: { _status: 'published', content: body(words), title, visibility: 'public' } as never,
          })
        ).id,
      )
    const long: string[] = []
    for (let i = 0; i < PDFS; i++) long.push(await create(`Long story ${i}`, WORDS))
    const short = await create('Short story', 300)
    const pdf = async (id: string) => {
      const res = await rest.get(`/articles/${id}/pdf`)
      if (res.status !== 200) throw new Error(`bench: PDF answered ${res.status}`)
      return res.headers.get('x-newsroom-pdf-cache')
    }
    const forget = () => payload.db.deleteMany({ collection: CACHE, req: undefined, where: {} })

    // One PDF: drawn (the cache emptied before each) vs served from the database.
    await pdf(long[0]!)
    const cold: number[] = []
    const hit: number[] = []
    for (let i = 0; i < 5; i++) {
      await forget()
      let start = performance.now()
      if ((await pdf(long[0]!)) !== 'miss') throw new Error('bench: expected a miss')
      cold.push(performance.now() - start)
      start = performance.now()
      if ((await pdf(long[0]!)) !== 'hit') throw new Error('bench: expected a hit')
      hit.push(performance.now() - start)
    }
    console.log(
      `PDF of a ${WORDS.toLocaleString('en')}-word article (median of 5): drawn ${median(cold).toFixed(0)} ms, ` +
        `from the cache ${median(hit).toFixed(1)} ms (${(median(cold) / median(hit)).toFixed(0)}× faster)`,
    )

    const readShort = async () => {
      const res = await rest.get(`/articles/${short}`, { query: { depth: 0 } })
      if (res.status !== 200) throw new Error(`bench: read answered ${res.status}`)
    }
    const reads = (during: () => Promise<unknown>) => latencyWhile(readShort, during)
    for (let i = 0; i < 30; i++) await rest.get(`/articles/${short}`, { query: { depth: 0 } })
    const idle = await reads(() => new Promise((resolve) => setTimeout(resolve, 3000)))
    await forget()
    const distinctCold = await reads(() => Promise.all(long.map(pdf)))
    await forget()
    const hotCold = await reads(() => Promise.all(long.map(() => pdf(long[0]!))))
    await Promise.all(long.map(pdf))
    // The same burst size without any PDF: what 20 simultaneous requests cost a read anyway.
    const plainBurst = await reads(() =>
      Promise.all(long.map((id) => rest.get(`/articles/${id}`, { query: { depth: 0 } }))),
    )
    const distinctCached = await reads(() => Promise.all(long.map(pdf)))

    const workers = resolveOptions({}).print.pdfWorkers
    console.log(
      `\nan article read (REST findByID) every 10 ms, while ${PDFS} PDFs are asked for at once ` +
        `(${availableParallelism()} CPUs, pdfWorkers ${workers})`,
    )
    console.log(`${'case'.padEnd(48)}${'read p95'.padEnd(12)}${'vs idle'.padEnd(10)}${'reads'.padEnd(8)}all done`)
    const row = (what: string, r: { p95: number; reads: number; total: number }) =>
      console.log(
        `${what.padEnd(48)}${`${r.p95.toFixed(1)} ms`.padEnd(12)}${`${(r.p95 / idle.p95).toFixed(2)}×`.padEnd(10)}` +
          `${String(r.reads).padEnd(8)}${(r.total / 1000).toFixed(2)} s`,
      )
    row('idle', idle)
    row(`${PDFS} distinct articles, cold (${PDFS} renders)`, distinctCold)
    row(`one article ${PDFS} times, cold (one render)`, hotCold)
    row(`${PDFS} distinct articles, stored (${PDFS} hits)`, distinctCached)
    row(`(reference: ${PDFS} reads of those articles, no PDF)`, plainBurst)
  } finally {
    await app.shutdown()
    await stopDatabase()
  }
}

runBench('pdf-cache', main)
