import type { CollectionConfig, Config } from 'payload'

import { articlesCollection } from '../collections/articles/index.js'
import { commentsCollection } from '../collections/comments/index.js'
import { commentClaimsCollection } from '../collections/commentClaims/index.js'
import { releaseUnstoredClaims } from '../collections/comments/hooks/submissionClaims.js'
import { commentReportsCollection } from '../collections/comments/reports.js'
import { countedCommentsCollection } from '../collections/countedComments/index.js'
import { deliveriesCollection } from '../collections/deliveries/index.js'
import { emailLogCollection } from '../collections/emailLog/index.js'
import { mediaCollection } from '../collections/media/index.js'
import { guardPremiumVideoFiles } from '../collections/media/premiumVideoFileGuard.js'
import { readersCollection } from '../collections/readers/index.js'
import { videosCollection } from '../collections/videos/index.js'
import { registerAdminComponents } from './components/registerAdminComponents.js'
import {
  lockReadersOutOfHostDefaults,
  lockReadersOutOfJobsStats,
  lockReadersOutOfLockedDocuments,
} from './access/lockOutReaders.js'
import { editorsOnly } from './access/roles.js'
import { resolveOptions } from './defaults.js'
import { printEndpoints } from './endpoints/printEndpoints.js'
import { withClientErrorLogLevels } from './errors/clientErrorLogLevels.js'
import { logGraphQLErrorsByCause } from './errors/logGraphQLErrorsByCause.js'
import { discussionSettingsGlobal } from './globals/discussionSettings.js'
import { boundedListsRule, MAX_LIST_LIMIT } from './graphql/boundedLists.js'
import { refuseFragmentCycles } from './graphql/refuseFragmentCycles.js'
import { answerUnreadableGlobalRequests, answerUnreadableRequests } from './hooks/answerUnreadableRequests.js'
import { boundRestLists } from './hooks/boundRestLists.js'
import { withCacheHeaders, withGlobalCacheHeaders } from './hooks/cacheHeaders.js'
import { refuseRelationshipSorts } from './hooks/refuseRelationshipSorts.js'
import { rejectMalformedBody } from './hooks/rejectMalformedBody.js'
import { rejectMalformedFields } from './hooks/rejectMalformedFields.js'
import { rejectMalformedGlobalRead, rejectMalformedQuery } from './hooks/rejectMalformedQuery.js'
import { rejectMalformedWhere } from './hooks/rejectMalformedWhere.js'
import { verifyWhenVerificationIsOff } from './endpoints/verifyWhenVerificationIsOff.js'
import { verifyMutationsWhenVerificationIsOff } from './graphql/verifyWhenVerificationIsOff.js'
import { commentNotificationTasks } from './jobs/commentNotifications.js'
import { reconcileTask } from './jobs/reconcile.js'
import { sendArticleEmailTask } from './print/email/sendArticleEmailTask.js'

export type * from './types.js'
export { resolveOptions } from './defaults.js'

/**
 * Adds articles (premium paywall), moderated comments, videos and reader accounts to a Payload config.
 * Everything the host already has is kept; ours is appended.
 */
export const newsroomPlugin =
  (pluginOptions: import('./types.js').NewsroomPluginOptions = {}) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    const { slugs } = options

    const collections = [...(config.collections ?? [])]
    collections.push(articlesCollection(options), commentsCollection(options), videosCollection(options))
    if (slugs.readers) collections.push(readersCollection(options, slugs.readers))
    // Reader reports of comments need the plugin's reader accounts.
    if (slugs.readers) collections.push(commentReportsCollection(options, slugs.readers))
    if (options.mediaCollection) collections.push(mediaCollection(options))
    // A premium video's uploaded file is gated like the video, in our media collection or the host's.
    const mediaIndex = collections.findIndex((c) => c.slug === slugs.media)
    if (mediaIndex >= 0) collections[mediaIndex] = guardPremiumVideoFiles(collections[mediaIndex], options)

    const settings = discussionSettingsGlobal(options)
    const globals = [
      ...(config.globals ?? []),
      withGlobalCacheHeaders(
        {
          ...settings,
          hooks: {
            ...settings.hooks,
            beforeOperation: [...(settings.hooks?.beforeOperation ?? []), rejectMalformedGlobalRead],
          },
        },
        options,
      ),
    ]

    // Email of articles: its rate-limit ledger and delivery task exist even when switched off (stable schema, queued jobs still run).
    collections.push(emailLogCollection(options))
    // The database's decisions on comments: flood/duplicate claims and which comments are counted.
    collections.push(commentClaimsCollection(), countedCommentsCollection())
    // Exactly-once mail and crash recovery across instances: the send claims, and the reconcile task.
    collections.push(deliveriesCollection())
    const jobs = {
      ...config.jobs,
      tasks: [
        ...(config.jobs?.tasks ?? []),
        sendArticleEmailTask(options),
        ...commentNotificationTasks(options),
        reconcileTask(options),
      ],
    }

    // Readers sign themselves up: wherever the host relies on Payload's "any logged-in user" default, keep them out.
    const ours = new Set([
      ...collections.slice(config.collections?.length ?? 0).map((c) => c.slug),
      options.slugs.discussionSettings,
    ])
    // Every collection of ours: malformed input (where, sort/page, body, field shapes) is a 400, not a 500; versions
    // are editors' alone; only editors sort through relationships (the database sorts those without the related
    // collection's access); public REST lists are pages of 1–100.
    const malformedInput = [rejectMalformedWhere, rejectMalformedQuery, rejectMalformedBody, rejectMalformedFields]
    const verificationOff: CollectionConfig[] = []
    for (const [i, c] of collections.entries()) {
      if (!ours.has(c.slug)) continue
      const verifyOff = c.auth && !(typeof c.auth === 'object' && c.auth.verify)
      if (verifyOff) verificationOff.push(c)
      collections[i] = {
        ...c,
        access: { readVersions: editorsOnly, ...c.access },
        ...(verifyOff && !options.disabled && c.endpoints !== false
          ? { endpoints: [verifyWhenVerificationIsOff, ...(c.endpoints || [])] }
          : {}),
        hooks: {
          ...c.hooks,
          afterError: [...(c.hooks?.afterError ?? []), answerUnreadableRequests],
          beforeOperation: [
            ...(c.hooks?.beforeOperation ?? []),
            ...malformedInput,
            refuseRelationshipSorts,
            boundRestLists,
          ],
        },
      }
    }
    // Responses that depend on who asks say so to caches (Vary, private); auth collections' session routes too.
    const publiclyCacheable = new Set([slugs.articles, slugs.videos])
    for (const [i, c] of collections.entries()) {
      if (ours.has(c.slug) || c.auth) collections[i] = withCacheHeaders(c, options, publiclyCacheable)
    }
    // A fragment cycle crashes Payload's complexity rule (a 500): refused first (src/graphql/refuseFragmentCycles.ts).
    // Payload's verifyEmail mutation fails without verification (src/graphql/verifyWhenVerificationIsOff.ts).
    const hostRules = config.graphQL?.validationRules
    const graphQL: Config['graphQL'] = {
      ...config.graphQL,
      mutations: verifyMutationsWhenVerificationIsOff(verificationOff, config.graphQL?.mutations),
      // Pages of 1–100 documents, as on REST: the complexity limit does not count documents (contract rule 8).
      validationRules: (args) => [
        refuseFragmentCycles,
        boundedListsRule(MAX_LIST_LIMIT)(args),
        ...(hostRules?.(args) ?? []),
      ],
    }
    // Our global's unreadable `?data=` is a 400 too (collections have their own afterError hook, above).
    const hooks: Config['hooks'] = {
      ...config.hooks,
      afterError: [
        ...(config.hooks?.afterError ?? []),
        answerUnreadableGlobalRequests(new Set([slugs.discussionSettings])),
      ],
    }
    const secure = (result: Config): Config => {
      if (!slugs.readers) return result
      const readersSlug = slugs.readers
      const incomingOnInit = result.onInit
      return {
        ...lockReadersOutOfHostDefaults(result, readersSlug, ours),
        onInit: async (payload) => {
          if (incomingOnInit) await incomingOnInit(payload)
          lockReadersOutOfLockedDocuments(payload, readersSlug)
          lockReadersOutOfJobsStats(payload, readersSlug)
        },
      }
    }

    // Disabled: the schema stays (stable migrations), but no endpoints, admin components or init work.
    if (options.disabled) {
      return secure({ ...config, collections, globals, graphQL, hooks, jobs })
    }

    // Print view, PDF and email of articles, each switchable in `print`.
    const articlesIndex = collections.findIndex((c) => c.slug === slugs.articles)
    const articles = collections[articlesIndex]!
    collections[articlesIndex] = { ...articles, endpoints: [...(articles.endpoints || []), ...printEndpoints(options)] }

    return secure({
      // Admin UI: moderation queue, badges, previews, dashboard widget, nav badge, translations.
      ...registerAdminComponents({ ...config, collections }, options),
      endpoints: [...(config.endpoints ?? [])],
      globals,
      graphQL,
      // REST and GraphQL report errors here: a comment that was not stored after all gives its claims back.
      hooks: { ...hooks, afterError: [...(hooks?.afterError ?? []), releaseUnstoredClaims] },
      jobs,
      // Client mistakes (wrong passwords, refused comments, malformed requests) at info, as Payload does validation errors.
      loggingLevels: withClientErrorLogLevels(config.loggingLevels),
      onInit: async (payload) => {
        if (config.onInit) await config.onInit(payload)
        logGraphQLErrorsByCause(payload)
      },
    })
  }
