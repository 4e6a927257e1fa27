import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

import type { PrintableArticle } from '../printableArticle.js'
import type { PdfBlock } from './lexicalToPdfBlocks.js'

import { type PdfSettings, type RenderedPdf, renderArticlePdfWithReport } from './renderArticlePdf.js'

export type PdfJob = {
  article: PrintableArticle
  blocks: PdfBlock[]
  id: number
  images: [string, Uint8Array][]
  settings: PdfSettings
}
export type PdfJobResult = { error: string; id: number } | { id: number; missing: number[]; pdf: Uint8Array }

// Held apart from the literal patterns bundlers rewrite (`new URL('…', import.meta.url)`, a module-level
// `require`): inside a host's Next bundle the worker files are not beside this code, and the PDF renders on the
// request's thread instead (README: add the package to `serverExternalPackages` to render off it).
const here = import.meta.url
// A parameter, not a literal: bundlers (webpack, Turbopack) rewrite `new URL('<literal>', …)` into an asset of theirs.
const beside = (file: string): URL => new URL(file, here)
// Called lazily and inside try: a bundler's stand-in for createRequire may not resolve at all.
const resolveFromHere = (id: string): string => createRequire(here).resolve(id)

/**
 * Where the worker's code is: the compiled `pdfWorker.js` beside this file in the built package; from the
 * TypeScript sources (jest, tsx) the `.ts` file, which the worker loads through tsx. Null when neither is there
 * (the code was bundled).
 */
const workerEntry = (): null | Worker => {
  const js = beside('./pdfWorker.js')
  if (existsSync(fileURLToPath(js))) return new Worker(js)
  const ts = beside('./pdfWorker.ts')
  if (!existsSync(fileURLToPath(ts))) return null
  let tsx: string
  try {
    // Sources only (never in the published package): tsx's loader, registered inside the worker, runs the .ts file.
    tsx = pathToFileURL(resolveFromHere('tsx/esm/api')).href
  } catch {
    return null
  }
  return new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(ts.href)}) })`,
    { eval: true },
  )
}

let workersAvailable: boolean | undefined

/** Whether `workerEntry` can start a worker here (checked once per process). */
const workerCodeFound = (): boolean => {
  if (existsSync(fileURLToPath(beside('./pdfWorker.js')))) return true
  if (!existsSync(fileURLToPath(beside('./pdfWorker.ts')))) return false
  try {
    resolveFromHere('tsx/esm/api')
    return true
  } catch {
    return false
  }
}

type Pending = {
  job: PdfJob
  reject: (error: Error) => void
  resolve: (result: RenderedPdf) => void
  timer?: ReturnType<typeof setTimeout>
}

/** A job may take this long before its worker is stopped (a layout that never ends must not hold a worker). */
export const PDF_RENDER_TIME_LIMIT_MS = 60_000

/** The render of one PDF ran past the pool's time limit; its worker was stopped. */
export class PdfRenderTimeoutError extends Error {
  constructor(limitMs: number) {
    super(`The PDF took longer than ${limitMs} ms to render and was stopped.`)
    this.name = 'PdfRenderTimeoutError'
  }
}

/** Jobs that may wait per worker; beyond that a request is answered at once (503) instead of waiting minutes. */
export const PDF_QUEUE_PER_WORKER = 32

/** Every worker is busy and the queue is full: the PDF is not started (the request may be retried later). */
export class PdfQueueFullError extends Error {
  constructor(queued: number) {
    super(`${queued} PDFs are already waiting to be rendered.`)
    this.name = 'PdfQueueFullError'
  }
}

/**
 * A fixed number of worker threads that render PDFs, so one instance keeps answering other requests while
 * PDFs are being made (pdfkit's layout is synchronous: on the request thread it blocked everything else).
 * Jobs queue when all workers are busy (at most `maxQueued`, else PdfQueueFullError). Workers start on first use, do not keep the process alive, and a
 * worker that dies fails only its own job and is replaced.
 */
export class PdfWorkerPool {
  private idle: Worker[] = []
  private nextId = 1
  private queue: Pending[] = []
  private readonly running = new Map<Worker, Pending>()
  /** Workers stopped for running past the time limit: whatever they still send or do is ignored. */
  private readonly retired = new WeakSet<Worker>()
  private started = 0

  constructor(
    readonly size: number,
    /** Milliseconds a job may run (tests shorten it). */
    public timeLimitMs = PDF_RENDER_TIME_LIMIT_MS,
    /** Jobs that may wait for a worker. */
    readonly maxQueued = size * PDF_QUEUE_PER_WORKER,
  ) {}

  render(article: PrintableArticle, settings: PdfSettings, images: Map<string, Uint8Array>, blocks: PdfBlock[]) {
    return new Promise<RenderedPdf>((resolve, reject) => {
      if (this.queue.length >= this.maxQueued) {
        reject(new PdfQueueFullError(this.queue.length))
        return
      }
      const job: PdfJob = { article, blocks, id: this.nextId++, images: [...images], settings }
      this.queue.push({ job, reject, resolve })
      this.pump()
    })
  }

  private spawn(): Worker {
    const worker = workerEntry()
    if (!worker) throw new Error('PDF worker code not found')
    worker.unref()
    this.started++
    worker.on('message', (result: PdfJobResult) => {
      // A result that arrives after the time limit stopped this worker: its job was already failed.
      if (this.retired.has(worker)) return
      const pending = this.running.get(worker)
      if (pending?.timer) clearTimeout(pending.timer)
      this.running.delete(worker)
      this.idle.push(worker)
      if (pending) {
        if ('error' in result) pending.reject(new Error(result.error))
        else
          pending.resolve({
            missing: result.missing,
            pdf: Buffer.from(result.pdf.buffer, result.pdf.byteOffset, result.pdf.byteLength),
          })
      }
      this.pump()
    })
    const fail = (error: Error) => {
      if (!this.retired.has(worker)) this.drop(worker, error)
    }
    worker.on('error', fail)
    worker.on('exit', (code) => {
      if (this.running.has(worker) || this.idle.includes(worker)) fail(new Error(`PDF worker exited (${code})`))
    })
    return worker
  }

  /** Takes a worker out of the pool for good, failing the job it was running (if any) with `error`. */
  private drop(worker: Worker, error: Error) {
    const pending = this.running.get(worker)
    if (pending?.timer) clearTimeout(pending.timer)
    this.running.delete(worker)
    this.idle = this.idle.filter((w) => w !== worker)
    this.started--
    pending?.reject(error)
    this.pump()
  }

  private pump() {
    while (this.queue.length) {
      let worker = this.idle.pop()
      if (!worker && this.started < this.size) worker = this.spawn()
      if (!worker) return
      const pending = this.queue.shift()!
      this.running.set(worker, pending)
      worker.ref()
      // terminate() stops a worker even inside a synchronous loop; the job is failed here, alone, and the worker is
      // already out of the pool when its 'exit' comes.
      const running = worker
      pending.timer = setTimeout(() => {
        if (this.running.get(running) !== pending) return
        this.retired.add(running)
        void running.terminate()
        this.drop(running, new PdfRenderTimeoutError(this.timeLimitMs))
      }, this.timeLimitMs)
      pending.timer.unref?.()
      worker.postMessage(pending.job)
    }
    for (const worker of this.idle) worker.unref()
  }

  /** Stops every worker (tests, shutdown). */
  async close() {
    for (const pending of this.running.values()) if (pending.timer) clearTimeout(pending.timer)
    const workers = [...this.idle, ...this.running.keys()]
    this.idle = []
    this.started = 0
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}

const pools = new Map<number, PdfWorkerPool>()

/** PDFs being rendered on this thread (no workers): one drawing, the rest waiting, bounded like one worker's queue. */
let renderingHere = 0

const renderHere = async (
  article: PrintableArticle,
  settings: PdfSettings,
  images: Map<string, Uint8Array>,
  blocks: PdfBlock[],
): Promise<RenderedPdf> => {
  if (renderingHere >= 1 + PDF_QUEUE_PER_WORKER) throw new PdfQueueFullError(renderingHere - 1)
  renderingHere++
  try {
    return await renderArticlePdfWithReport(article, settings, images, blocks)
  } finally {
    renderingHere--
  }
}

/**
 * Renders a PDF on the process's pool of `workers` threads (created once per size), or on this thread when
 * `workers` is 0 or the worker code is not found (a bundled host); either way at most PDF_QUEUE_PER_WORKER wait
 * per thread that draws, beyond that PdfQueueFullError.
 */
export const renderPdfOffThread = (
  workers: number,
  article: PrintableArticle,
  settings: PdfSettings,
  images: Map<string, Uint8Array>,
  blocks: PdfBlock[],
): Promise<RenderedPdf> => {
  if (workers <= 0) return renderHere(article, settings, images, blocks)
  workersAvailable ??= workerCodeFound()
  if (!workersAvailable) return renderHere(article, settings, images, blocks)
  let pool = pools.get(workers)
  if (!pool) {
    pool = new PdfWorkerPool(workers)
    pools.set(workers, pool)
  }
  return pool.render(article, settings, images, blocks)
}
