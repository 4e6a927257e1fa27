import type { ResolvedNewsroomOptions } from '../types.js'

/**
 * `articlePath` with every `{slug}` filled in (a path may name the slug more than once, e.g. `/{slug}/amp/{slug}`;
 * `String.replace` with a string would fill only the first).
 */
export const fillArticlePath = (articlePath: string, slug: string): string =>
  articlePath.split('{slug}').join(encodeURIComponent(slug))

/** Public URL of an article on the site: `siteUrl` + the filled-in `articlePath`. */
export const articleUrl = (options: Pick<ResolvedNewsroomOptions, 'articlePath' | 'siteUrl'>, slug: string): string =>
  `${options.siteUrl}${fillArticlePath(options.articlePath, slug)}`
