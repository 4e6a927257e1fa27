import type { Block } from 'payload'

import { PAYWALL_BREAK_BLOCK } from '../utilities/extractTeaser.js'

/** Editors insert this block where the free teaser of a premium article ends. */
export const paywallBreakBlock: Block = {
  slug: PAYWALL_BREAK_BLOCK,
  fields: [],
  interfaceName: 'PaywallBreakBlock',
  labels: { plural: 'Paywall breaks', singular: 'Paywall break' },
}
