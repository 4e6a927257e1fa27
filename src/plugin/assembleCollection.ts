import type { CollectionConfig } from 'payload'

import type { CollectionOverride, ResolvedNewsroomOptions } from '../types.js'

import { guardPremiumVideoFiles } from '../../collections/media/guardPremiumVideoFiles.js'
import { editorsOnly } from '../access/roles.js'
import { verifyWhenVerificationIsOff } from '../endpoints/verifyWhenVerificationIsOff.js'
import { answerUnreadableRequests } from '../hooks/answerUnreadableRequests.js'
import { boundRestLists } from '../hooks/boundRestLists.js'
import { withCacheHeaders } from '../hooks/cacheHeaders.js'
import { refuseRelationshipSorts } from '../hooks/refuseRelationshipSorts.js'
import { rejectMalformedBody } from '../hooks/rejectMalformedBody.js'
import { rejectMalformedFields } from '../hooks/rejectMalformedFields.js'
import { rejectMalformedQuery } from '../hooks/rejectMalformedQuery.js'
import { answerMissingVersions } from '../hooks/answerMissingVersions.js'
import { refuseUnresolvedJoinSortsInto, refuseUnresolvedSorts } from '../hooks/refuseUnresolvedSorts.js'
import { rejectMalformedWhere } from '../hooks/rejectMalformedWhere.js'
import { someFieldDeep } from '../utilities/fieldTree.js'
import { mergeOverride } from './mergeOverride.js'

/*
 * The one place that decides in which order a collection's hooks, endpoints and access rules are put together.
 * Every hook list (beforeOperation, beforeValidate, beforeChange, afterChange, afterRead, afterError, …) of one of
 * our collections runs in this order:
 *
 *   1. Ours: the collection's factory (`collections/<name>/index.ts`): premium gate, moderation, counts, …
 *      First, so the host's hooks see what our rules decided (a gated document, a moderated status).
 *   2. The host's: `options.overrides.<name>.hooks`, appended by `mergeOverride`. They run on our result; a host
 *      hook cannot run before ours and undo a rule.
 *   3. Plugin-wide guards, appended after the host's (`withPluginGuards`), so they judge the arguments as the
 *      host's hooks leave them: beforeOperation gets rejectMalformedWhere, rejectMalformedQuery,
 *      rejectMalformedBody, rejectMalformedFields (malformed input is a 400, not a 500), then
 *      refuseRelationshipSorts (only editors sort through relationships), refuseUnresolvedSorts (others sort by
 *      paths that name a field), then boundRestLists (pages of 1–100);
 *      afterError gets answerUnreadableRequests (an unreadable request is a 400) and answerMissingVersions (the
 *      versions routes of a collection without versions are a 404).
 *   4. Cache headers, last (`withCacheHeaders`): afterOperation, afterMe, afterLogout and a last beforeOperation
 *      say to caches who may keep the answer (Vary, private); a host's auth collection gets them too.
 *
 * Endpoints, first match wins: verifyWhenVerificationIsOff (our auth collections without email verification,
 * first so Payload's own verify route is never reached), then ours (the factory's, e.g. the articles' print, PDF
 * and email, the comments' report), then the host's.
 * Access: `readVersions` is editors' unless our factory or the host set it; the host's override replaces ours
 * key by key; on the media collection (ours or the host's) the premium-file guard wraps the read access, the
 * host's read applying first.
 */

/** Malformed input (where, sort/page, body, field shapes) is a 400, not a 500. */
const MALFORMED_INPUT = [rejectMalformedWhere, rejectMalformedQuery, rejectMalformedBody, rejectMalformedFields]

/** Collections whose anonymous published reads may be cached publicly. */
const publiclyCacheable = (options: ResolvedNewsroomOptions): ReadonlySet<string> =>
  new Set([options.slugs.articles, options.slugs.videos])

/** An auth collection without email verification (Payload's verify route and mutation fail on it). */
export const verificationIsOff = (collection: CollectionConfig): boolean =>
  Boolean(collection.auth && !(typeof collection.auth === 'object' && collection.auth.verify))

/** Step 3: the guards every collection of ours gets, after its own and the host's hooks. */
const withPluginGuards = (c: CollectionConfig, options: ResolvedNewsroomOptions): CollectionConfig => ({
  ...c,
  access: { readVersions: editorsOnly, ...c.access },
  ...(verificationIsOff(c) && !options.disabled && c.endpoints !== false
    ? { endpoints: [verifyWhenVerificationIsOff, ...(c.endpoints || [])] }
    : {}),
  hooks: {
    ...c.hooks,
    afterError: [...(c.hooks?.afterError ?? []), answerUnreadableRequests, answerMissingVersions],
    beforeOperation: [
      ...(c.hooks?.beforeOperation ?? []),
      ...MALFORMED_INPUT,
      refuseRelationshipSorts,
      refuseUnresolvedSorts,
      boundRestLists,
    ],
  },
})

/** A premium video's uploaded file is gated like the video, in our media collection or the host's. */
const withPremiumFileGuard = (c: CollectionConfig, options: ResolvedNewsroomOptions): CollectionConfig =>
  c.slug === options.slugs.media ? guardPremiumVideoFiles(c, options) : c

/** One collection of ours, from its factory's config and the host's override, in the order documented above. */
export const assembleCollection = (
  ours: CollectionConfig,
  override: CollectionOverride | undefined,
  options: ResolvedNewsroomOptions,
): CollectionConfig => {
  const merged = mergeOverride(ours, override)
  const guarded = withPluginGuards(withPremiumFileGuard(merged, options), options)
  return withCacheHeaders(guarded, options, publiclyCacheable(options))
}

/**
 * One of the host's collections: the media guard (when it is `slugs.media`), the sort rule for its joins that read
 * one of our collections (after the host's own hooks), and, on auth collections, cache headers.
 */
export const assembleHostCollection = (
  host: CollectionConfig,
  options: ResolvedNewsroomOptions,
  /** The slugs of the collections the plugin adds (not the host's media or any other collection of the host's). */
  ours: readonly string[],
): CollectionConfig => {
  const joinsOurs = someFieldDeep(
    host.fields ?? [],
    (f) => f.type === 'join' && [f.collection].flat().some((target) => ours.includes(target)),
  )
  // Only a collection with such a join gets the hook; every other host collection stays exactly the host's.
  const withJoinSorts = (c: CollectionConfig): CollectionConfig =>
    joinsOurs
      ? {
          ...c,
          hooks: {
            ...c.hooks,
            beforeOperation: [...(c.hooks?.beforeOperation ?? []), refuseUnresolvedJoinSortsInto(ours)],
          },
        }
      : c
  const guarded = withJoinSorts(withPremiumFileGuard(host, options))
  return guarded.auth ? withCacheHeaders(guarded, options, publiclyCacheable(options)) : guarded
}
