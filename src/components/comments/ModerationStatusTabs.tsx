import type { I18nClient } from '@payloadcms/translations'
import type { CollectionSlug, Payload, SanitizedCollectionConfig, TypedUser } from 'payload'

import { redirect } from 'next/navigation.js'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { newsroomT } from '../serverTranslation.js'
import { FilterTabs } from '../shared/FilterTabs.js'
import { hasNoFilter, isBareListVisit, type RawSearchParams, singleFilter } from '../shared/searchParams.js'
import { MODERATION_STATUSES, queueSearch, statusLabelKey } from './moderationStatus.js'

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
  // No search params at all means the list is rendered in a drawer (relationship picker): no tabs there.
  if (!searchParams || !collectionConfig) return null
  const slug = collectionConfig.slug
  const listURL = formatAdminURL({ adminRoute: payload.config.routes.admin, path: `/collections/${slug}` })
  if (isBareListVisit(searchParams)) redirect(`${listURL}${queueSearch('pending')}`)

  const t = newsroomT(i18n)
  const countOf = async (status?: string) =>
    (
      await payload.count({
        collection: slug as CollectionSlug,
        overrideAccess: false,
        user,
        where: status ? { status: { equals: status } } : undefined,
      })
    ).totalDocs
  const [all, ...perStatus] = await Promise.all([countOf(), ...MODERATION_STATUSES.map((s) => countOf(s))])
  const active = singleFilter(searchParams, 'status')

  return (
    <FilterTabs
      label={t('plugin-newsroom:moderationQueue')}
      tabs={[
        { id: 'all', active: hasNoFilter(searchParams), count: all, href: `${listURL}${queueSearch()}`, label: t('plugin-newsroom:all') },
        ...MODERATION_STATUSES.map((status, i) => ({
          id: status,
          active: active === status,
          count: perStatus[i],
          href: `${listURL}${queueSearch(status)}`,
          label: t(statusLabelKey(status)),
        })),
      ]}
    />
  )
}
