import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { ValidationError } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'
import type { FieldError } from '../../../src/utilities/fieldError.js'
import type { VideoSource } from '../../../src/utilities/parseVideoUrl.js'

import {
  parseVideoUrl,
  uploadedVideoSource,
  VIDEO_SOURCE_MESSAGES,
  videoSourceErrors,
} from '../../../src/utilities/parseVideoUrl.js'
import { relationId } from '../../../src/utilities/relationId.js'

type MediaDoc = { id: number | string; mimeType?: null | string; url?: null | string }

const findMedia = async (req: PayloadRequest, mediaSlug: string, id: number | string): Promise<MediaDoc | null> =>
  (await req.payload.findByID({
    collection: mediaSlug as 'media',
    depth: 0,
    disableErrors: true,
    id,
    overrideAccess: true,
    req,
  })) as MediaDoc | null

/**
 * Validates the video's source and computes provider, providerId, embedUrl and thumbnailUrl.
 * Runs as a collection `beforeChange` hook: after field access has stripped anything a client sent
 * for the computed fields, and also for drafts (which skip field validation), so a malformed URL
 * is refused in every case and nothing computed can be forged.
 */
export const computeVideoSource =
  (options: ResolvedNewsroomOptions): CollectionBeforeChangeHook =>
  async ({ collection, data, originalDoc, req }) => {
    const current = { ...(originalDoc ?? {}), ...data } as Record<string, unknown>
    const url = typeof current.url === 'string' ? current.url.trim() : ''
    const fileId = relationId(current.file)
    const posterId = relationId(current.poster)
    const publishing = current._status === 'published'
    const mediaSlug = options.slugs.media

    const errors: FieldError[] = videoSourceErrors({ hasFile: fileId !== null, publishing, url })
    let source: null | VideoSource = null
    // A pasted embed code or consent-page link is stored as the player link read from it.
    let storedUrl = url
    if (!errors.length && url) {
      const parsed = parseVideoUrl(url)
      if (parsed.ok) [source, storedUrl] = [parsed.source, parsed.url]
      else errors.push({ message: parsed.message, path: 'url' })
    }
    if (!errors.length && fileId !== null) {
      const media = await findMedia(req, mediaSlug, fileId)
      if (!media) errors.push({ message: VIDEO_SOURCE_MESSAGES.uploadMissing, path: 'file' })
      else if (!media.mimeType?.startsWith('video/') || !media.url) {
        errors.push({ message: VIDEO_SOURCE_MESSAGES.notAVideoFile, path: 'file' })
      } else source = uploadedVideoSource({ id: media.id, url: media.url })
    }
    let posterUrl: null | string = null
    if (posterId !== null) {
      const poster = await findMedia(req, mediaSlug, posterId)
      if (!poster?.mimeType?.startsWith('image/') || !poster.url) {
        errors.push({ message: VIDEO_SOURCE_MESSAGES.posterNotAnImage, path: 'poster' })
      } else posterUrl = poster.url
    }
    if (errors.length) {
      throw new ValidationError({ collection: collection.slug, errors, req }, req.t)
    }

    return {
      ...data,
      embedUrl: source?.embedUrl ?? null,
      provider: source?.provider ?? null,
      providerId: source?.providerId ?? null,
      // An editor-set poster wins over the provider's thumbnail.
      thumbnailUrl: posterUrl ?? source?.thumbnailUrl ?? null,
      url: storedUrl || null,
    }
  }
