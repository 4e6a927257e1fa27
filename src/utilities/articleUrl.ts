import type { ResolvedNewsroomOptions } from '../types.js'

/**
 * Public URL of an article on the site: `siteUrl` + `articlePath` with every `{slug}` filled in
 * (a path may name the slug more than once, e.g. `/{slug}/amp/{slug}`).
 */
export const articleUrl = (options: Pick<ResolvedNewsroomOptions, 'articlePath' | 'siteUrl'>, slug: string): string =>
  `${options.siteUrl}${options.articlePath.split('{slug}').join(encodeURIComponent(slug))}`
