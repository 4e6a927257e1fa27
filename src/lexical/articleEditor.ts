import { BlocksFeature, FixedToolbarFeature, lexicalEditor } from '@payloadcms/richtext-lexical'

import type { ResolvedNewsroomOptions } from '../types.js'

import { NewsroomInsertMenuFeature } from './insertMenuFeature.js'
import { paywallBreakBlock } from './paywallBreakBlock.js'
import { withPaywallBreakDivider } from './paywallBreakDivider.js'
import { videoEmbedBlock } from './videoEmbedBlock.js'

/** The article body editor: Payload's default features plus the paywall break and video blocks. */
export const articleEditor = (options: ResolvedNewsroomOptions): ReturnType<typeof lexicalEditor> =>
  lexicalEditor({
    features: ({ defaultFeatures }) => [
      ...defaultFeatures,
      // A toolbar above the text whose insert menu offers the paywall break (also in the "/" menu).
      FixedToolbarFeature(),
      BlocksFeature({
        blocks: [
          options.disabled ? paywallBreakBlock : withPaywallBreakDivider(paywallBreakBlock),
          videoEmbedBlock(options.slugs.videos),
        ],
      }),
      // Both blocks, labelled, in the toolbar's "+" menu (an admin component: not when disabled).
      ...(options.disabled ? [] : [NewsroomInsertMenuFeature()]),
    ],
  })
