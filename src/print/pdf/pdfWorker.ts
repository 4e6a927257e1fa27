/**
 * Worker thread of the PDF pool (pdfWorkerPool.ts): lays out and draws PDFs off the server's event loop.
 * Fonts are read and parsed once per worker and kept for its lifetime.
 */
import { setPriority } from 'node:os'
import { parentPort } from 'node:worker_threads'

import type { PdfJob, PdfJobResult } from './pdfWorkerPool.js'

import { renderArticlePdfWithReport } from './renderArticlePdf.js'

// The lowest CPU priority for this thread only: when the cores are busy, the server's requests go first and a
// PDF takes a little longer. Linux only, where the nice value is per thread; elsewhere (macOS, BSD, Windows) the
// same call would lower the whole server for good, so the worker keeps the process's priority there.
if (process.platform === 'linux') {
  try {
    setPriority(0, 19)
  } catch {
    // not permitted here: the worker runs at the process's priority
  }
}

parentPort?.on('message', async (job: PdfJob) => {
  try {
    const { missing, pdf } = await renderArticlePdfWithReport(
      job.article,
      job.settings,
      new Map(job.images),
      job.blocks,
    )
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)
    parentPort!.postMessage({ id: job.id, missing, pdf: bytes } satisfies PdfJobResult, [bytes.buffer as ArrayBuffer])
  } catch (error) {
    parentPort!.postMessage({
      error: error instanceof Error ? error.message : String(error),
      id: job.id,
    } satisfies PdfJobResult)
  }
})
