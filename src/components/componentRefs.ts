import { CLIENT_PATH, RSC_PATH } from '../utilities/componentPaths.js'

/** A component reference as Payload's config takes it: a path, or a path with extra props. */
export type ComponentRef = string | { clientProps?: object; path: string; serverProps?: object }

/** A reference to a client component (./client) or a server component (./rsc), with optional props. */
export const client = (name: string, clientProps?: Record<string, unknown>): ComponentRef =>
  clientProps ? { clientProps, path: `${CLIENT_PATH}#${name}` } : `${CLIENT_PATH}#${name}`
export const rsc = (name: string, serverProps?: Record<string, unknown>): ComponentRef =>
  serverProps ? { path: `${RSC_PATH}#${name}`, serverProps } : `${RSC_PATH}#${name}`
