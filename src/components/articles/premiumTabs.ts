import type { CollectionSlug, Payload, TypedUser, Where } from 'payload'

import { formatAdminURL } from 'payload/shared'

import type { NewsroomT } from '../serverTranslation.js'
import type { FilterTab } from '../shared/FilterTabs.js'

import { hasNoFilter, type RawSearchParams, singleFilter } from '../shared/searchParams.js'

// "Free" also matches documents saved before the checkbox existed (no value at all).
const FILTERS = {
  free: { query: '?where%5Bpremium%5D%5Bnot_equals%5D=true', where: { premium: { not_equals: true } } },
  premium: { query: '?where%5Bpremium%5D%5Bequals%5D=true', where: { premium: { equals: true } } },
} satisfies Record<string, { query: string; where: Where }>

/** All / Premium / Free with their counts, for the article and video lists (read as the signed-in editor). */
export const premiumTabs = async (args: {
  collectionSlug: string
  payload: Payload
  searchParams: RawSearchParams
  t: NewsroomT
  user: null | TypedUser | undefined
}): Promise<FilterTab[]> => {
  const { collectionSlug, payload, searchParams, t, user } = args
  const listURL = formatAdminURL({ adminRoute: payload.config.routes.admin, path: `/collections/${collectionSlug}` })
  const count = async (where?: Where) =>
    (await payload.count({ collection: collectionSlug as CollectionSlug, overrideAccess: false, user, where }))
      .totalDocs
  const [all, premium, free] = await Promise.all([count(), count(FILTERS.premium.where), count(FILTERS.free.where)])
  return [
    {
      id: 'all',
      active: hasNoFilter(searchParams),
      count: all,
      href: `${listURL}?page=1`,
      label: t('plugin-newsroom:all'),
    },
    {
      id: 'premium',
      active: singleFilter(searchParams, 'premium') === 'true',
      count: premium,
      href: `${listURL}${FILTERS.premium.query}`,
      label: t('plugin-newsroom:premium'),
    },
    {
      id: 'free',
      active: singleFilter(searchParams, 'premium', 'not_equals') === 'true',
      count: free,
      href: `${listURL}${FILTERS.free.query}`,
      label: t('plugin-newsroom:free'),
    },
  ]
}
