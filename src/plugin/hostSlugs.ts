import type { CollectionConfig, Config } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

/** The plugin's errors about the host's config: thrown while the config is built, before Payload's own checks. */
export class NewsroomConfigError extends Error {
  constructor(message: string) {
    super(`payload-plugin-newsroom: ${message}`)
    this.name = 'NewsroomConfigError'
  }
}

/** Every slug the plugin adds, with the option that renames it (none: the slug is fixed and namespaced). */
export const ourSlugs = (options: ResolvedNewsroomOptions): { option?: string; slug: string }[] => {
  const { slugs } = options
  return [
    { option: 'slugs.articles', slug: slugs.articles },
    { option: 'slugs.comments', slug: slugs.comments },
    { option: 'slugs.videos', slug: slugs.videos },
    ...(slugs.readers
      ? [
          { option: 'slugs.readers', slug: slugs.readers },
          { option: 'slugs.commentReports', slug: slugs.commentReports },
        ]
      : []),
    { slug: slugs.emailLog },
    { slug: slugs.commentClaims },
    { slug: slugs.countedComments },
    { slug: slugs.deliveries },
  ]
}

/**
 * Decides, before anything is added, how the plugin's collections sit beside the host's: every official template
 * has a `media` upload collection, so an upload collection at `slugs.media` is reused (the plugin only needs uploads
 * there); anything else at one of our slugs is refused with the option that resolves it, never Payload's
 * DuplicateCollection. Returns whether the plugin adds its own media collection.
 */
export const placeBesideHost = (config: Config, options: ResolvedNewsroomOptions): { addOwnMedia: boolean } => {
  const host = new Map<string, CollectionConfig>((config.collections ?? []).map((c) => [c.slug, c]))
  const seen = new Map<string, string>()
  for (const { option, slug } of ourSlugs(options)) {
    const resolve = option ? `Set \`${option}\` to another slug` : 'Rename your collection (this slug is fixed)'
    if (host.has(slug)) {
      throw new NewsroomConfigError(
        `the host config already has a collection "${slug}", which the plugin needs for its own. ${resolve}.`,
      )
    }
    const other = seen.get(slug)
    if (other) {
      throw new NewsroomConfigError(
        `\`${option ?? slug}\` and \`${other}\` are both "${slug}"; every collection of the plugin needs its own slug.`,
      )
    }
    seen.set(slug, option ?? slug)
  }
  if ((config.globals ?? []).some((g) => g.slug === options.slugs.discussionSettings)) {
    throw new NewsroomConfigError(
      `the host config already has a global "${options.slugs.discussionSettings}", which the plugin needs for its own. Rename your global (this slug is fixed).`,
    )
  }

  const mediaSlug = options.slugs.media
  if (!mediaSlug) return { addOwnMedia: false }
  if (seen.has(mediaSlug)) {
    throw new NewsroomConfigError(
      `\`slugs.media\` is "${mediaSlug}", which \`${seen.get(mediaSlug)}\` already uses; give media its own slug.`,
    )
  }
  const hostMedia = host.get(mediaSlug)
  if (!hostMedia) return { addOwnMedia: options.mediaCollection }
  if (!hostMedia.upload) {
    throw new NewsroomConfigError(
      `the host's collection "${mediaSlug}" is not an upload collection, and \`slugs.media\` must name one (hero images, posters, video files). ` +
        'Set `slugs.media` to an upload collection of yours, or to a free slug for the plugin\u2019s own media collection.',
    )
  }
  if (options.overrides.media) {
    throw new NewsroomConfigError(
      `\`overrides.media\` is set, but the host's own upload collection "${mediaSlug}" is used for media and is not changed by the plugin. ` +
        'Edit your collection directly, or set `slugs.media` to a free slug for the plugin\u2019s own media collection.',
    )
  }
  return { addOwnMedia: false }
}
