import type { GlobalConfig, PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { editorsOnly } from '../access/roles.js'
import { parseKeyList } from '../moderation/keyMatcher.js'
import {
  type DiscussionSettings,
  type DiscussionSettingsDoc,
  resolveDiscussionSettings,
} from '../moderation/settings.js'
import { isEmailAddress } from '../utilities/isEmailAddress.js'
import { perInstance } from '../utilities/perInstance.js'
import { requestCache } from '../utilities/requestCache.js'

/** Editors change the moderation rules at runtime; plugin options give the defaults. */
export const discussionSettingsGlobal = (options: ResolvedNewsroomOptions): GlobalConfig => {
  const d = options.comments
  const keyList = (name: string, label: string, description: string) => ({
    name,
    type: 'textarea' as const,
    admin: { description },
    label,
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
            admin: {
              description:
                'Even a comment that passes every other rule waits in the moderation queue until an editor approves it.',
            },
            label: 'Hold every comment for approval',
            defaultValue: d.manualApproval,
          },
          {
            name: 'previouslyApproved',
            type: 'checkbox',
            admin: {
              description:
                'Approved at once when the author already has an approved comment (same name and email; for a reader account’s address, only that account’s own comments, logged in). A first comment waits for an editor.',
            },
            label: 'Approve authors who have an approved comment',
            defaultValue: d.previouslyApproved,
          },
          {
            name: 'premiumOnly',
            type: 'checkbox',
            admin: {
              description:
                'Readers without an active subscription still read the comments on premium articles, but cannot post.',
            },
            label: 'Only subscribers comment on premium articles',
            defaultValue: d.premiumOnly,
          },
          {
            name: 'closeAfterDays',
            type: 'number',
            label: 'Close comments after (days)',
            admin: {
              description:
                'Counted from the publication date; an article’s own close date applies as well. 0 keeps comments open.',
            },
            defaultValue: d.closeAfterDays,
            min: 0,
          },
          {
            name: 'maxDepth',
            type: 'number',
            label: 'Deepest reply level',
            admin: {
              description: '1 allows replies to comments but not replies to replies. A deeper reply is refused.',
            },
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
            admin: {
              description: 'A comment with more links than this waits for an editor (0 holds any comment with a link).',
            },
            defaultValue: d.maxLinks,
            min: 0,
          },
          keyList(
            'moderationKeys',
            'Moderation keys (hold)',
            'One word, phrase, email, URL or IP per line, found anywhere in the name, email, website, text, IP address or user agent, in any case. A match holds the comment for an editor.',
          ),
          keyList(
            'disallowedKeys',
            'Disallowed keys (spam)',
            'One per line, matched like the moderation keys. A match files the comment as spam: it is never shown and needs no review.',
          ),
          {
            name: 'floodSeconds',
            type: 'number',
            label: 'Seconds between comments',
            admin: {
              description:
                'The same person (same device or same email) must wait this long before the next comment; a faster one is refused with the time to wait. 0 turns it off.',
            },
            defaultValue: d.floodSeconds,
            min: 0,
          },
          {
            name: 'reportThreshold',
            type: 'number',
            label: 'Reports before re-review',
            admin: {
              description:
                'When this many readers report an approved comment, it goes back to pending (and out of the count) for an editor to decide.',
            },
            defaultValue: d.reportThreshold,
            min: 1,
          },
          {
            name: 'editWindowSeconds',
            type: 'number',
            label: 'Edit window (seconds)',
            admin: {
              description: 'How long after posting readers may still edit or delete their own comment. 0 = never.',
            },
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
            admin: {
              description:
                'One email address per line. Each gets a message for every comment that waits for moderation.',
            },
            label: 'Tell editors about held comments',
            defaultValue: d.notify.editors.join('\n'),
            validate: (value: null | string | undefined) => {
              const invalid = parseKeyList(value).filter((line) => !isEmailAddress(line))
              return invalid.length === 0 ? true : `Not an email address: ${invalid.join(', ')}`
            },
          },
          {
            name: 'notifyReplyAuthors',
            type: 'checkbox',
            admin: {
              description:
                'When a reply is approved, the author of the comment it answers gets an email linking to it.',
            },
            label: 'Email authors about replies',
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
const settingsCache = perInstance(() => new Map<string, DiscussionSettings>())
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
  const cache = settingsCache(payload)
  const cached = cache.get(version)
  if (cached) return cached
  const doc = (await payload.findGlobal({ slug, depth: 0, overrideAccess: true, req })) as DiscussionSettingsDoc
  const settings = resolveDiscussionSettings(doc, options.comments)
  cache.clear()
  cache.set(version, settings)
  return settings
}
