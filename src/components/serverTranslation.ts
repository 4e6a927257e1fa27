import type { I18nClient } from '@payloadcms/translations'

import type { NewsroomTranslationKeys } from '../translations/index.js'

export type NewsroomT = (key: NewsroomTranslationKeys, vars?: Record<string, unknown>) => string

/** The server-side `i18n.t`, typed with the plugin's `plugin-newsroom:*` keys. */
export const newsroomT =
  (i18n: Pick<I18nClient, 't'>): NewsroomT =>
  (key, vars) =>
    (i18n.t as (key: string, vars?: Record<string, unknown>) => string)(key, vars)
