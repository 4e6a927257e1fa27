import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { forgetArticlePdfs } from '../../../src/print/pdf/pdfCache.js'

/*
 * A saved or deleted article drops its rendered PDFs (src/print/pdf/pdfCache.ts: forgetArticlePdfs). Not needed
 * for correctness (the cache is keyed by what was drawn, so a changed article never meets its old PDF), but an
 * unpublished or retracted text must not stay stored as a PDF, and a changed one would otherwise keep a dead copy
 * until the next download. A draft saved over the published article changes nothing there.
 */
export const forgetPdfsAfterChange =
  (options: ResolvedNewsroomOptions): CollectionAfterChangeHook =>
  async ({ doc, req }) => {
    await forgetArticlePdfs(req.payload, options, (doc as { id?: unknown }).id)
    return doc
  }

export const forgetPdfsAfterDelete =
  (options: ResolvedNewsroomOptions): CollectionAfterDeleteHook =>
  async ({ doc, req }) => {
    await forgetArticlePdfs(req.payload, options, (doc as { id?: unknown }).id)
    return doc
  }
