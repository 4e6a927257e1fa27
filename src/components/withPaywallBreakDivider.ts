import type { Block } from 'payload'

import { client } from './componentRefs.js'

/**
 * The paywall-break block as the article editor shows it: a labelled dashed rule instead of an empty
 * block card. Used only when the plugin is enabled (a disabled plugin registers no components).
 */
export const withPaywallBreakDivider = (block: Block): Block => ({
  ...block,
  admin: { ...block.admin, components: { ...block.admin?.components, Block: client('PaywallBreakDivider') } },
})
