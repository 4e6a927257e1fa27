import type { Config } from 'payload'

import { articlesCollection } from '../collections/articles/index.js'
import { commentsCollection } from '../collections/comments/index.js'
import { mediaCollection } from '../collections/media/index.js'
import { readersCollection } from '../collections/readers/index.js'
import { videosCollection } from '../collections/videos/index.js'
import { resolveOptions } from './defaults.js'
import { discussionSettingsGlobal } from './globals/discussionSettings.js'

export type * from './types.js'
export { resolveOptions } from './defaults.js'

/**
 * Adds articles (premium paywall), moderated comments, videos and reader accounts to a Payload config.
 * Everything the host already has is kept; ours is appended.
 */
export const newsroomPlugin =
  (pluginOptions: import('./types.js').NewsroomPluginOptions = {}) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    const { slugs } = options

    const collections = [...(config.collections ?? [])]
    collections.push(articlesCollection(options), commentsCollection(options), videosCollection(options))
    if (slugs.readers) collections.push(readersCollection(options, slugs.readers))
    if (options.mediaCollection) collections.push(mediaCollection(options))

    const globals = [...(config.globals ?? []), discussionSettingsGlobal(options)]

    // Disabled: the schema stays (stable migrations), but no endpoints, admin components or init work.
    if (options.disabled) {
      return { ...config, collections, globals }
    }

    return {
      ...config,
      collections,
      endpoints: [...(config.endpoints ?? [])],
      globals,
    }
  }
