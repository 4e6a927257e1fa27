/** Import-map paths of the plugin's admin components (hosts regenerate the import map to pick them up). */
export const CLIENT_PATH = 'payload-plugin-newsroom/client'
export const RSC_PATH = 'payload-plugin-newsroom/rsc'

/** A component reference as Payload's config takes it: a path, or a path with extra props. */
export type ComponentRef = string | { clientProps?: object; path: string; serverProps?: object }

/** A reference to a client component (./client) or a server component (./rsc), with optional props. */
export const client = (name: string, clientProps?: Record<string, unknown>): ComponentRef =>
  clientProps ? { clientProps, path: `${CLIENT_PATH}#${name}` } : `${CLIENT_PATH}#${name}`
export const rsc = (name: string, serverProps?: Record<string, unknown>): ComponentRef =>
  serverProps ? { path: `${RSC_PATH}#${name}`, serverProps } : `${RSC_PATH}#${name}`
