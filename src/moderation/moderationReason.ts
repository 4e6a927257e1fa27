/**
 * Why a comment has its status, as data: the rule (or the editor, or the readers' reports) and its facts.
 * Stored beside the English sentence (`moderationReason`) so the admin can say it in the editor's language
 * and format its dates in the editor's locale.
 */
import { moderationReasonsEn } from '../utilities/moderationReasonMessages.js'

/** The comment fields key lists are matched against, in `keyedFields` order. */
export const KEYED_FIELDS = ['name', 'email', 'website', 'comment', 'ip', 'userAgent'] as const
export type KeyedField = (typeof KEYED_FIELDS)[number]

export type EditorDecision = 'approved' | 'pending' | 'spam' | 'trash'

export type ModerationReason =
  | { code: 'default' }
  | { code: 'disallowedKey'; field: KeyedField; key: string }
  | { code: 'editorDecision'; at: string; decision: EditorDecision; editor: string }
  | { code: 'edited'; reason: ModerationReason }
  | { code: 'firstComment' }
  | { code: 'honeypot' }
  | { code: 'manualApproval' }
  | { code: 'maxLinks'; links: number; max: number }
  | { code: 'moderationKey'; field: KeyedField; key: string }
  | { code: 'previouslyApproved' }
  | { code: 'reported'; reports: number }
  | { code: 'spamCheckFailed'; error: string }
  | { code: 'spamCheckHold' }
  | { code: 'spamCheckSpam' }

export type ReasonMessageKey = keyof typeof moderationReasonsEn

/** Says a message: Payload's `t` in the admin, the English strings on the server. */
export type Translate = (key: ReasonMessageKey, vars?: Record<string, number | string>) => string

const capitalized: Record<EditorDecision, ReasonMessageKey> = {
  approved: 'reasonDecisionApproved',
  pending: 'reasonDecisionPending',
  spam: 'reasonDecisionSpam',
  trash: 'reasonDecisionTrash',
}

const fieldKey = (field: KeyedField): ReasonMessageKey =>
  `reasonField${field[0]!.toUpperCase()}${field.slice(1)}` as ReasonMessageKey

/**
 * The reason in words. `formatDate` formats the decision time (the editor's locale in the admin; ISO on the
 * server, where no reader's locale is known).
 */
export const describeModerationReason = (
  reason: ModerationReason,
  t: Translate,
  formatDate: (iso: string) => string = (iso) => iso,
): string => {
  switch (reason.code) {
    case 'disallowedKey':
    case 'moderationKey':
      return t(reason.code === 'disallowedKey' ? 'reasonDisallowedKey' : 'reasonModerationKey', {
        field: t(fieldKey(reason.field)),
        key: reason.key,
      })
    case 'editorDecision':
      return t('reasonEditorDecision', {
        date: formatDate(reason.at),
        decision: t(capitalized[reason.decision]),
        editor: reason.editor,
      })
    case 'edited':
      return t('reasonEdited', { reason: describeModerationReason(reason.reason, t, formatDate) })
    case 'maxLinks':
      return t(reason.links === 1 ? 'reasonMaxLinksOne' : 'reasonMaxLinks', { links: reason.links, max: reason.max })
    case 'reported':
      return t(reason.reports === 1 ? 'reasonReportedOne' : 'reasonReported', { reports: reason.reports })
    case 'spamCheckFailed':
      return t('reasonSpamCheckFailed', { error: reason.error })
    default:
      return t(`reason${reason.code[0]!.toUpperCase()}${reason.code.slice(1)}` as ReasonMessageKey)
  }
}

/** `{{name}}` placeholders filled in, as Payload's `t` does. */
export const interpolate = (template: string, vars: Record<string, number | string> = {}): string =>
  template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))

const english: Translate = (key, vars) => interpolate(moderationReasonsEn[key], vars)

/** The English sentence stored in `moderationReason` (what emails, the API and older clients show). */
export const moderationReasonText = (reason: ModerationReason): string => describeModerationReason(reason, english)

/** A stored reason read back (a JSON field anyone with database access could have edited): null unless well-formed. */
export const readModerationReason = (value: unknown): ModerationReason | null => {
  if (!value || typeof value !== 'object') return null
  const reason = value as Record<string, unknown>
  const text = (v: unknown) => typeof v === 'string'
  const count = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
  const field = (v: unknown) => (KEYED_FIELDS as readonly unknown[]).includes(v)
  switch (reason.code) {
    case 'default':
    case 'firstComment':
    case 'honeypot':
    case 'manualApproval':
    case 'previouslyApproved':
    case 'spamCheckHold':
    case 'spamCheckSpam':
      return { code: reason.code }
    case 'disallowedKey':
    case 'moderationKey':
      return field(reason.field) && text(reason.key) ? (reason as ModerationReason) : null
    case 'editorDecision':
      return text(reason.at) &&
        text(reason.editor) &&
        typeof reason.decision === 'string' &&
        reason.decision in capitalized
        ? (reason as ModerationReason)
        : null
    case 'edited': {
      const inner = readModerationReason(reason.reason)
      return inner ? { code: 'edited', reason: inner } : null
    }
    case 'maxLinks':
      return count(reason.links) && count(reason.max) ? (reason as ModerationReason) : null
    case 'reported':
      return count(reason.reports) ? (reason as ModerationReason) : null
    case 'spamCheckFailed':
      return text(reason.error) ? (reason as ModerationReason) : null
    default:
      return null
  }
}
