import type { CollectionConfig, Field } from 'payload'

import type { CollectionOverride } from '../types.js'

/**
 * Merges a host's override into one of our collections: scalar settings replace ours, `forceSelect` merges,
 * `access`/`admin` merge key by key, hooks and endpoints are appended, fields go through the host's function.
 */
export const mergeOverride = (ours: CollectionConfig, override: CollectionOverride | undefined): CollectionConfig => {
  if (!override) return ours
  const { access, admin, endpoints, fields, hooks, ...rest } = override
  const mergedHooks: NonNullable<CollectionConfig['hooks']> = { ...ours.hooks }
  for (const [key, list] of Object.entries(hooks ?? {})) {
    const k = key as keyof typeof mergedHooks
    mergedHooks[k] = [...((mergedHooks[k] as unknown[]) ?? []), ...((list as unknown[]) ?? [])] as never
  }
  return {
    ...ours,
    ...rest,
    slug: ours.slug,
    access: { ...ours.access, ...access },
    admin: { ...ours.admin, ...admin },
    endpoints: [...(ours.endpoints || []), ...(endpoints || [])],
    fields: fields ? fields({ defaultFields: ours.fields as Field[] }) : ours.fields,
    // The gate's forced fields stay selected whatever the host adds.
    forceSelect: { ...ours.forceSelect, ...rest.forceSelect } as CollectionConfig['forceSelect'],
    hooks: mergedHooks,
  }
}
