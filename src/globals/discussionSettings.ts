import type { GlobalConfig, Payload, PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { editorsOnly } from '../access/roles.js'
import { parseKeyList } from '../moderation/keyMatcher.js'
import {
  type DiscussionSettings,
  type DiscussionSettingsDoc,
  resolveDiscussionSettings,
} from '../moderation/settings.js'
import { isEmailAddress } from '../utilities/isEmailAddress.js'
import { requestCache } from '../utilities/requestCache.js'

/** Editors change the moderation rules at runtime; plugin options give the defaults. */
export const discussionSettingsGlobal = (options: ResolvedNewsroomOptions): GlobalConfig => {
  const d = options.comments
  const keyList = (name: string, description: string) => ({
    name,
    type: 'textarea' as const,
    admin: { description },
    defaultValue: (d[name as 'disallowedKeys' | 'moderationKeys'] ?? []).join('\n'),
  })
  return {
    slug: options.slugs.discussionSettings,
    access: { read: editorsOnly, update: editorsOnly },
    admin: {
      description:
        'Rules for reader comments. They apply to every new comment from the moment you save; the plugin options only set the starting values.',
      group: 'Newsroom',
    },
    fields: [
      {
        type: 'collapsible',
        fields: [
          {
            name: 'manualApproval',
            type: 'checkbox',
            admin: { description: 'Hold every new comment for an editor.' },
            defaultValue: d.manualApproval,
          },
          {
            name: 'previouslyApproved',
            type: 'checkbox',
            admin: {
              description:
                'Approve at once when the author already has an approved comment (same name and email; for a reader account’s address, only that account’s own comments, logged in).',
            },
            defaultValue: d.previouslyApproved,
          },
          {
            name: 'premiumOnly',
            type: 'checkbox',
            admin: { description: 'On premium articles, only subscribers may comment.' },
            defaultValue: d.premiumOnly,
          },
          {
            name: 'closeAfterDays',
            type: 'number',
            label: 'Close comments after (days)',
            admin: { description: 'Close comments this many days after publication (0 = never).' },
            defaultValue: d.closeAfterDays,
            min: 0,
          },
          {
            name: 'maxDepth',
            type: 'number',
            label: 'Deepest reply level',
            admin: { description: 'Deepest reply level allowed.' },
            defaultValue: d.maxDepth,
            min: 1,
            max: 20,
          },
        ],
        label: 'Who can comment',
      },
      {
        type: 'collapsible',
        fields: [
          {
            name: 'maxLinks',
            type: 'number',
            label: 'Most links allowed',
            admin: { description: 'Hold a comment with more links than this.' },
            defaultValue: d.maxLinks,
            min: 0,
          },
          keyList(
            'moderationKeys',
            'One word, phrase, email, URL or IP per line. A match holds the comment for moderation.',
          ),
          keyList('disallowedKeys', 'One per line. A match marks the comment as spam.'),
          {
            name: 'floodSeconds',
            type: 'number',
            label: 'Seconds between comments',
            admin: { description: 'Minimum seconds between comments from the same person (0 = off).' },
            defaultValue: d.floodSeconds,
            min: 0,
          },
          {
            name: 'reportThreshold',
            type: 'number',
            label: 'Reports before re-review',
            admin: { description: 'Reports that send an approved comment back to pending.' },
            defaultValue: d.reportThreshold,
            min: 1,
          },
          {
            name: 'editWindowSeconds',
            type: 'number',
            label: 'Edit window (seconds)',
            admin: { description: 'Seconds readers may edit or delete their own comment (0 = never).' },
            defaultValue: d.editWindowSeconds,
            min: 0,
          },
        ],
        label: 'Moderation',
      },
      {
        type: 'collapsible',
        fields: [
          {
            name: 'notifyEditors',
            type: 'textarea',
            admin: { description: 'Email addresses (one per line) told about comments awaiting moderation.' },
            defaultValue: d.notify.editors.join('\n'),
            validate: (value: null | string | undefined) => {
              const invalid = parseKeyList(value).filter((line) => !isEmailAddress(line))
              return invalid.length === 0 ? true : `Not an email address: ${invalid.join(', ')}`
            },
          },
          {
            name: 'notifyReplyAuthors',
            type: 'checkbox',
            admin: { description: 'Email a comment’s author when a reply to it is approved.' },
            defaultValue: d.notify.replyAuthors,
          },
        ],
        label: 'Notifications',
      },
    ],
    label: 'Discussion settings',
  }
}

// Resolved settings per Payload instance, keyed by the global's `updatedAt` (a derived cache, see
// src/utilities/requestCache.ts): a save changes the key, so every
// app instance picks up new settings on its next comment. The database stays the source of truth.
const settingsCache = new WeakMap<Payload, Map<string, DiscussionSettings>>()
// One lookup per request, shared by the hooks and access checks of that request.
const settingsPerRequest = requestCache<Promise<DiscussionSettings>>()

/** The Discussion settings in force, read with `overrideAccess` (readers cannot read the global). */
export const readDiscussionSettings = (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
): Promise<DiscussionSettings> => settingsPerRequest(req, () => loadSettings(req, options))

const loadSettings = async (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<DiscussionSettings> => {
  const { payload } = req
  const slug = options.slugs.discussionSettings
  // Only the version stamp first: long key lists are transferred and compiled only when they changed.
  const stamp = (await payload.findGlobal({
    slug,
    depth: 0,
    overrideAccess: true,
    req,
    select: { updatedAt: true },
  })) as {
    updatedAt?: null | string
  }
  const version = stamp.updatedAt ?? 'defaults'
  let cache = settingsCache.get(payload)
  if (!cache) {
    cache = new Map()
    settingsCache.set(payload, cache)
  }
  const cached = cache.get(version)
  if (cached) return cached
  const doc = (await payload.findGlobal({ slug, depth: 0, overrideAccess: true, req })) as DiscussionSettingsDoc
  const settings = resolveDiscussionSettings(doc, options.comments)
  cache.clear()
  cache.set(version, settings)
  return settings
}
