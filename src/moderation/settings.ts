import { createHash } from 'node:crypto'

import type { ModerationSettings } from './moderateComment.js'

import { compileKeyMatcher, type KeyMatcher, parseKeyList } from './keyMatcher.js'

/** The plugin's comment options that the Discussion settings global can change at runtime. */
export type DiscussionDefaults = {
  closeAfterDays: number
  disallowedKeys: string[]
  editWindowSeconds: number
  floodSeconds: number
  hardenAgainstProbing: boolean
  manualApproval: boolean
  maxDepth: number
  maxLinks: number
  moderationKeys: string[]
  notify: { editors: string[]; replyAuthors: boolean }
  premiumOnly: boolean
  previouslyApproved: boolean
  reportThreshold: number
}

/** The Discussion settings global as stored (key lists and recipients are newline-separated text). */
export type DiscussionSettingsDoc = {
  closeAfterDays?: null | number
  disallowedKeys?: null | string
  editWindowSeconds?: null | number
  floodSeconds?: null | number
  manualApproval?: boolean | null
  maxDepth?: null | number
  maxLinks?: null | number
  moderationKeys?: null | string
  notifyEditors?: null | string
  notifyReplyAuthors?: boolean | null
  premiumOnly?: boolean | null
  previouslyApproved?: boolean | null
  reportThreshold?: null | number
}

/** Everything the comment hooks, access rules and notification jobs need, with key lists compiled. */
export type DiscussionSettings = {
  editWindowSeconds: number
  maxDepth: number
  notifyEditors: string[]
  notifyReplyAuthors: boolean
  reportThreshold: number
} & ModerationSettings

const pick = <T>(stored: null | T | undefined, fallback: T): T =>
  stored === null || stored === undefined ? fallback : stored

const nonNegative = (value: number, fallback: number): number =>
  Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback

/**
 * Merges the stored global over the plugin defaults. A value the editors never saved falls back to the default;
 * key lists are parsed once here and compiled through the cache below.
 */
export const resolveDiscussionSettings = (
  doc: DiscussionSettingsDoc | null | undefined,
  defaults: DiscussionDefaults,
): DiscussionSettings => {
  const d = doc ?? {}
  const moderationKeys = d.moderationKeys == null ? defaults.moderationKeys : parseKeyList(d.moderationKeys)
  const disallowedKeys = d.disallowedKeys == null ? defaults.disallowedKeys : parseKeyList(d.disallowedKeys)
  return {
    closeAfterDays: nonNegative(pick(d.closeAfterDays, defaults.closeAfterDays), defaults.closeAfterDays),
    disallowedKeys: compiledKeys(disallowedKeys),
    editWindowSeconds: nonNegative(pick(d.editWindowSeconds, defaults.editWindowSeconds), defaults.editWindowSeconds),
    floodSeconds: nonNegative(pick(d.floodSeconds, defaults.floodSeconds), defaults.floodSeconds),
    // A plugin option only: editors cannot reopen the side channels it closes from the admin.
    hardenAgainstProbing: defaults.hardenAgainstProbing,
    manualApproval: pick(d.manualApproval, defaults.manualApproval),
    maxDepth: Math.max(1, nonNegative(pick(d.maxDepth, defaults.maxDepth), defaults.maxDepth)),
    maxLinks: nonNegative(pick(d.maxLinks, defaults.maxLinks), defaults.maxLinks),
    moderationKeys: compiledKeys(moderationKeys),
    notifyEditors: d.notifyEditors == null ? defaults.notify.editors : parseKeyList(d.notifyEditors),
    notifyReplyAuthors: pick(d.notifyReplyAuthors, defaults.notify.replyAuthors),
    premiumOnly: pick(d.premiumOnly, defaults.premiumOnly),
    previouslyApproved: pick(d.previouslyApproved, defaults.previouslyApproved),
    reportThreshold: Math.max(
      1,
      nonNegative(pick(d.reportThreshold, defaults.reportThreshold), defaults.reportThreshold),
    ),
  }
}

// Compiled automatons keyed by a hash of their key list, so saving an unrelated setting does not rebuild them.
// A derived, rebuildable cache keyed by content (src/utilities/requestCache.ts says why that is no shared
// state): the key lists themselves live in the database.
const MAX_CACHED_LISTS = 16
const matcherCache = new Map<string, KeyMatcher>()

/** The automaton for a key list, built once per distinct list. */
export const compiledKeys = (keys: readonly string[]): KeyMatcher => {
  const hash = createHash('sha256').update(keys.join('\n')).digest('base64')
  const cached = matcherCache.get(hash)
  if (cached) {
    // Refresh its place so the least recently used list is evicted first.
    matcherCache.delete(hash)
    matcherCache.set(hash, cached)
    return cached
  }
  const matcher = compileKeyMatcher(keys)
  matcherCache.set(hash, matcher)
  if (matcherCache.size > MAX_CACHED_LISTS) matcherCache.delete(matcherCache.keys().next().value as string)
  return matcher
}
