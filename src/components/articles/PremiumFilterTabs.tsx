import type { I18nClient } from '@payloadcms/translations'
import type { CollectionSlug, Payload, SanitizedCollectionConfig, TypedUser } from 'payload'

import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { newsroomT } from '../serverTranslation.js'
import { FilterTabs } from '../shared/FilterTabs.js'
import { hasNoFilter, singleFilter, type RawSearchParams } from '../shared/searchParams.js'

type Props = {
  collectionConfig: SanitizedCollectionConfig
  i18n: I18nClient
  payload: Payload
  searchParams?: RawSearchParams
  user?: null | TypedUser
}

/** Above the article and video lists: All / Premium / Free with their counts (a `premium` filter in one click). */
export const PremiumFilterTabs = async ({ collectionConfig, i18n, payload, searchParams, user }: Props) => {
  // Without search params the list is in a drawer (relationship picker): no tabs there.
  if (!searchParams || !collectionConfig) return null
  const slug = collectionConfig.slug
  const t = newsroomT(i18n)
  const listURL = formatAdminURL({ adminRoute: payload.config.routes.admin, path: `/collections/${slug}` })
  const countWhere = async (premium?: boolean) =>
    (
      await payload.count({
        collection: slug as CollectionSlug,
        overrideAccess: false,
        user,
        where: premium === undefined ? undefined : premium ? { premium: { equals: true } } : { premium: { not_equals: true } },
      })
    ).totalDocs
  const [all, premium, free] = await Promise.all([countWhere(), countWhere(true), countWhere(false)])
  return (
    <FilterTabs
      label={t('plugin-newsroom:premium')}
      tabs={[
        { id: 'all', active: hasNoFilter(searchParams), count: all, href: `${listURL}?page=1`, label: t('plugin-newsroom:all') },
        {
          id: 'premium',
          active: singleFilter(searchParams, 'premium') === 'true',
          count: premium,
          href: `${listURL}?where%5Bpremium%5D%5Bequals%5D=true`,
          label: t('plugin-newsroom:premium'),
        },
        {
          id: 'free',
          active: singleFilter(searchParams, 'premium', 'not_equals') === 'true',
          count: free,
          href: `${listURL}?where%5Bpremium%5D%5Bnot_equals%5D=true`,
          label: t('plugin-newsroom:free'),
        },
      ]}
    />
  )
}
