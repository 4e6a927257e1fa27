import type { I18nClient } from '@payloadcms/translations'
import type { Payload, SanitizedCollectionConfig, TypedUser } from 'payload'

import React from 'react'

import type { RawSearchParams } from '../shared/searchParams.js'

import { newsroomT } from '../serverTranslation.js'
import { FilterTabs } from '../shared/FilterTabs.js'
import { premiumTabs } from './premiumTabs.js'

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
  const t = newsroomT(i18n)
  const tabs = await premiumTabs({ collectionSlug: collectionConfig.slug, payload, searchParams, t, user })
  return <FilterTabs label={t('plugin-newsroom:premium')} tabs={tabs} />
}
