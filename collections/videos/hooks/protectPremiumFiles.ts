import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { PREMIUM_VIDEO_FILE_FIELD } from '../../../fields/premiumVideoFileField.js'
import { VIDEO_FILE_TIERS_FIELD, VIDEO_FILE_VISIBILITY_FIELD } from '../../../fields/videoFileAccessFields.js'
import type { GatedFacts } from '../../../src/utilities/accessDecision.js'
import { strictestVisibility, type CombinedAccess } from '../../../src/utilities/strictestVisibility.js'
import { relationId } from '../../../src/utilities/relationId.js'

/**
 * The strictest access among the videos that play this upload: saved documents and their latest drafts
 * (a draft never reaches the main document, but its file must not leak before publication).
 */
const videoFileAccess = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  mediaId: number | string,
): Promise<CombinedAccess> => {
  const collection = options.slugs.videos as 'videos'
  const saved = await req.payload.find({
    collection,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { premium: true, tiers: true, visibility: true },
    where: { file: { equals: mediaId } },
  })
  const drafts = await req.payload.findVersions({
    collection,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    where: { and: [{ latest: { equals: true } }, { 'version.file': { equals: mediaId } }] },
  })
  const facts = [...saved.docs, ...drafts.docs.map((d) => d.version)] as GatedFacts[]
  return strictestVisibility(facts)
}

const sameTiers = (a: unknown, b: readonly string[]): boolean =>
  Array.isArray(a) && a.length === b.length && [...a].sort().every((t, i) => t === b[i])

/** Recomputes what the media document stores so its read access follows the videos that play it. */
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
    select: { [PREMIUM_VIDEO_FILE_FIELD]: true, [VIDEO_FILE_TIERS_FIELD]: true, [VIDEO_FILE_VISIBILITY_FIELD]: true },
  })) as null | Record<string, unknown>
  if (!media) return
  const access = await videoFileAccess(req, options, mediaId)
  const flagged = access.visibility !== 'public'
  const storedVisibility = media[VIDEO_FILE_VISIBILITY_FIELD] ?? null
  const wanted = flagged ? access.visibility : null
  if (
    Boolean(media[PREMIUM_VIDEO_FILE_FIELD]) === flagged &&
    storedVisibility === wanted &&
    sameTiers(media[VIDEO_FILE_TIERS_FIELD] ?? [], access.tiers)
  ) {
    return
  }
  await req.payload.update({
    collection,
    data: {
      [PREMIUM_VIDEO_FILE_FIELD]: flagged,
      [VIDEO_FILE_TIERS_FIELD]: access.tiers,
      [VIDEO_FILE_VISIBILITY_FIELD]: wanted,
    },
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

/** After a video is saved (draft or published): its old and new file get the access they now deserve. */
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
