/** Import-map paths of the plugin's admin components (hosts regenerate the import map to pick them up). */
export const CLIENT_PATH = 'payload-plugin-newsroom/client'
export const RSC_PATH = 'payload-plugin-newsroom/rsc'
