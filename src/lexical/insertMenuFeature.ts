import { createServerFeature } from '@payloadcms/richtext-lexical'

/** Adds the paywall break and video blocks to the fixed toolbar's "+" insert menu (client side: see the path). */
export const NewsroomInsertMenuFeature = createServerFeature({
  feature: { ClientFeature: 'payload-plugin-newsroom/client#NewsroomInsertMenuFeatureClient' },
  key: 'newsroomInsertMenu',
})
