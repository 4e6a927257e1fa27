import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { PREMIUM_VIDEO_FILE_FIELD } from '../../../fields/premiumVideoFileField.js'
import { relationId } from '../../../src/utilities/relationId.js'

/**
 * Whether a premium video plays this upload: in a saved document or in its latest draft
 * (a draft never reaches the main document, but its file must not leak before publication).
 */
const isPremiumVideoFile = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  mediaId: number | string,
): Promise<boolean> => {
  const collection = options.slugs.videos as 'videos'
  const saved = await req.payload.count({
    collection,
    overrideAccess: true,
    req,
    where: { and: [{ file: { equals: mediaId } }, { premium: { equals: true } }] },
  })
  if (saved.totalDocs > 0) return true
  const drafts = await req.payload.countVersions({
    collection,
    overrideAccess: true,
    req,
    where: {
      and: [
        { latest: { equals: true } },
        { 'version.file': { equals: mediaId } },
        { 'version.premium': { equals: true } },
      ],
    },
  })
  return drafts.totalDocs > 0
}

/** Recomputes the media flag that hides a premium video's file from requesters who are not entitled. */
const refreshPremiumFileFlag = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  mediaId: number | string,
): Promise<void> => {
  const collection = options.slugs.media as 'media'
  const media = (await req.payload.findByID({
    collection,
    depth: 0,
    disableErrors: true,
    id: mediaId,
    overrideAccess: true,
    req,
    select: { [PREMIUM_VIDEO_FILE_FIELD]: true },
  })) as null | Record<string, unknown>
  if (!media) return
  const flagged = await isPremiumVideoFile(req, options, mediaId)
  if (Boolean(media[PREMIUM_VIDEO_FILE_FIELD]) === flagged) return
  await req.payload.update({
    collection,
    data: { [PREMIUM_VIDEO_FILE_FIELD]: flagged },
    depth: 0,
    id: mediaId,
    overrideAccess: true,
    req,
    select: { id: true },
  })
}

const refreshAll = async (req: PayloadRequest, options: ResolvedNewsroomOptions, values: unknown[]): Promise<void> => {
  const ids = new Map<string, number | string>()
  for (const value of values) {
    const id = relationId(value)
    if (id !== null) ids.set(String(id), id)
  }
  // Sequential: a handful of ids at most, and one transaction (req) shared by all writes.
  for (const id of ids.values()) await refreshPremiumFileFlag(req, options, id)
}

/** After a video is saved (draft or published): its old and new file get the flag they now deserve. */
export const protectPremiumFilesAfterChange =
  (options: ResolvedNewsroomOptions): CollectionAfterChangeHook =>
  async ({ data, doc, previousDoc, req }) => {
    await refreshAll(req, options, [data?.file, doc?.file, previousDoc?.file])
    return doc
  }

/** After a video is deleted: its file may become public again. */
export const protectPremiumFilesAfterDelete =
  (options: ResolvedNewsroomOptions): CollectionAfterDeleteHook =>
  async ({ doc, req }) => {
    await refreshAll(req, options, [doc?.file])
    return doc
  }
