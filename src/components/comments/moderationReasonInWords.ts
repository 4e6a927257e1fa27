import type { Translate } from '../../moderation/moderationReason.js'

import {
  describeModerationReason,
  moderationReasonText,
  readModerationReason,
} from '../../moderation/moderationReason.js'

/**
 * A comment's moderation reason in the editor's language, dates in the editor's locale. The stored data is
 * used while the stored sentence is still the one it produced; a sentence an editor wrote themselves is shown
 * as written. Empty when there is no reason at all (never a "<No …>" placeholder).
 */
export const moderationReasonInWords = (
  text: unknown,
  detail: unknown,
  t: (key: string, vars?: Record<string, unknown>) => string,
  language: string,
): string => {
  const sentence = typeof text === 'string' ? text.trim() : ''
  const reason = readModerationReason(detail)
  if (!reason || (sentence && moderationReasonText(reason) !== sentence)) return sentence
  const formatDate = (iso: string) => {
    const date = new Date(iso)
    if (Number.isNaN(date.getTime())) return iso
    try {
      return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
    } catch {
      return date.toISOString()
    }
  }
  const translate: Translate = (key, vars) => t(`plugin-newsroom:${key}`, vars)
  return describeModerationReason(reason, translate, formatDate)
}
