import type { RichTextAdapterProvider } from 'payload'

import { BlocksFeature, lexicalEditor } from '@payloadcms/richtext-lexical'

import type { ResolvedNewsroomOptions } from '../types.js'

import { paywallBreakBlock } from './paywallBreakBlock.js'
import { videoEmbedBlock } from './videoEmbedBlock.js'

/** The article body editor: Payload's default features plus the paywall break and video blocks. */
export const articleEditor = (options: ResolvedNewsroomOptions): RichTextAdapterProvider<any, any, any> =>
  lexicalEditor({
    features: ({ defaultFeatures }) => [
      ...defaultFeatures,
      BlocksFeature({ blocks: [paywallBreakBlock, videoEmbedBlock(options.slugs.videos)] }),
    ],
  })
