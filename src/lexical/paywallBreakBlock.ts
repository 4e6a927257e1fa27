import type { Block } from 'payload'

import { PAYWALL_BREAK_BLOCK } from '../utilities/extractTeaser.js'

const PAYWALL_BREAK_ICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20" fill="none" stroke="#8a8a8a" stroke-width="1.6" stroke-linecap="round"><rect x="5" y="7.5" width="10" height="7" rx="1.5"/><path d="M7.5 7.5V5.5a2.5 2.5 0 0 1 5 0v2"/><path d="M1 18h18" stroke-dasharray="2.5 2"/></svg>',
)}`

/** Editors insert this block where the free teaser of a premium article ends. */
export const paywallBreakBlock: Block = {
  slug: PAYWALL_BREAK_BLOCK,
  // A padlock over a dashed line, so the block is easy to spot in the "/" menu and the toolbar's insert menu.
  admin: { disableBlockName: true, images: { icon: { alt: 'Paywall break', url: PAYWALL_BREAK_ICON } } },
  fields: [],
  interfaceName: 'PaywallBreakBlock',
  labels: { plural: 'Paywall breaks', singular: 'Paywall break' },
}
