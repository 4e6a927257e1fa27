import type { CollectionAfterReadHook, CollectionBeforeReadHook, FieldAccess } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { isEntitled } from './entitlement.js'

type GatedDoc = { [key: string]: unknown; locked?: boolean; premium?: boolean | null }

/**
 * Read access for a gated field. Payload calls it without `doc` when validating `where` and `sort`:
 * then nothing proves the document is free, so non-entitled requesters are refused (no probing).
 */
export const gatedFieldRead =
  (options: ResolvedNewsroomOptions): FieldAccess =>
  async ({ doc, req }) => {
    if (await isEntitled(req, options)) return true
    if (!doc) return false
    return (doc as GatedDoc).premium !== true
  }

/** Marks each document `locked` for this requester before fields are read (and their access applied). */
export const markLocked =
  (
    options: ResolvedNewsroomOptions,
    computeExtra?: (doc: GatedDoc) => Record<string, unknown>,
  ): CollectionBeforeReadHook =>
  async ({ doc, req }) => {
    const locked = (doc as GatedDoc).premium === true && !(await isEntitled(req, options))
    return { ...doc, locked, ...(computeExtra ? computeExtra(doc as GatedDoc) : {}) }
  }

/** Gated fields the requester may not read come back as explicit `null`, not missing. */
export const nullGatedFields =
  (gatedFields: string[]): CollectionAfterReadHook =>
  ({ doc }) => {
    if (!(doc as GatedDoc).locked) return doc
    const out: GatedDoc = { ...doc }
    for (const name of gatedFields) out[name] = null
    return out
  }
