import type { I18nClient } from '@payloadcms/translations'
import type { Payload, SanitizedCollectionConfig, TypedUser } from 'payload'

import { redirect } from 'next/navigation.js'
import React from 'react'

import type { RawSearchParams } from '../shared/searchParams.js'

import { newsroomT } from '../serverTranslation.js'
import { FilterTabs } from '../shared/FilterTabs.js'
import { moderationTabs } from './moderationQueue.js'

type Props = {
  collectionConfig: SanitizedCollectionConfig
  i18n: I18nClient
  payload: Payload
  searchParams?: RawSearchParams
  user?: null | TypedUser
}

/**
 * Above the comments table: All / Pending / Approved / Spam / Trash with their counts.
 * A plain visit to the comments list (from the nav, no query yet) opens on the pending queue;
 * the filter shows in the list's filter bar and every other status stays one click away.
 */
export const ModerationStatusTabs = async ({ collectionConfig, i18n, payload, searchParams, user }: Props) => {
  // Without search params the list is in a drawer (relationship picker): no tabs, no redirect there.
  if (!searchParams || !collectionConfig) return null
  const t = newsroomT(i18n)
  const result = await moderationTabs({ commentsSlug: collectionConfig.slug, payload, searchParams, t, user })
  if ('redirectTo' in result) redirect(result.redirectTo)
  return <FilterTabs label={t('plugin-newsroom:moderationQueue')} tabs={result.tabs} />
}
