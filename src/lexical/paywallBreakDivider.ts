import type { Block } from 'payload'

import { CLIENT_PATH } from '../utilities/componentPaths.js'

/**
 * The paywall-break block as the article editor shows it: a labelled dashed rule instead of an empty
 * block card. Used only when the plugin is enabled (a disabled plugin registers no components). The
 * component is named by its import-map path, so the editor config never imports admin code.
 */
export const withPaywallBreakDivider = (block: Block): Block => ({
  ...block,
  admin: { ...block.admin, components: { ...block.admin?.components, Block: `${CLIENT_PATH}#PaywallBreakDivider` } },
})
