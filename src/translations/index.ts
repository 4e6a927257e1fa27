import type { NestedKeysStripped } from '@payloadcms/translations'
import type { Config } from 'payload'

import { deepMergeSimple } from 'payload/shared'

import type { NewsroomTranslations } from './en.js'

import { de } from './de.js'
import { en } from './en.js'

export type { NewsroomTranslations } from './en.js'
/** Every key of the plugin, e.g. `plugin-newsroom:approve` (count variants stripped). */
export type NewsroomTranslationKeys = NestedKeysStripped<NewsroomTranslations>

/** The languages the plugin ships. */
export const newsroomTranslations: Record<string, NewsroomTranslations> = { de, en }

/**
 * The host's `i18n.translations` with ours merged in. The host's own strings win (they may
 * reword ours), and every language the host supports that we do not ship falls back to English,
 * so editors never see raw keys.
 */
export const mergeNewsroomTranslations = (i18n: Config['i18n']): NonNullable<Config['i18n']>['translations'] => {
  const ours: Record<string, NewsroomTranslations> = { ...newsroomTranslations }
  for (const language of Object.keys(i18n?.supportedLanguages ?? {})) {
    ours[language] ??= en
  }
  return deepMergeSimple(ours, (i18n?.translations ?? {}) as Record<string, unknown>)
}
