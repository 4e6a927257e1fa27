'use client'
import { useTranslation } from '@payloadcms/ui'

import type { NewsroomTranslationKeys, NewsroomTranslations } from '../translations/index.js'

/** Payload's `useTranslation`, typed with the plugin's `plugin-newsroom:*` keys. */
export const useNewsroomTranslation = () => useTranslation<NewsroomTranslations, NewsroomTranslationKeys>()
