import type { CollectionConfig, Config } from 'payload'

import { articlesCollection } from '../collections/articles/index.js'
import { commentsCollection } from '../collections/comments/index.js'
import { commentClaimsCollection } from '../collections/commentClaims/index.js'
import { releaseUnstoredClaims } from '../collections/comments/hooks/submissionClaims.js'
import { commentReportsCollection } from '../collections/comments/reports.js'
import { countedCommentsCollection } from '../collections/countedComments/index.js'
import { deliveriesCollection } from '../collections/deliveries/index.js'
import { billingRequestsCollection } from '../collections/billingRequests/index.js'
import { emailLogCollection } from '../collections/emailLog/index.js'
import { plansCollection } from '../collections/plans/index.js'
import { stripeEventsCollection } from '../collections/stripeEvents/index.js'
import { giftOpensCollection, giftsCollection } from '../collections/gifts/index.js'
import { meterUnlocksCollection } from '../collections/meterUnlocks/index.js'
import { pdfCacheCollection } from '../collections/pdfCache/index.js'
import { mediaCollection } from '../collections/media/index.js'
import { readersCollection } from '../collections/readers/index.js'
import { videosCollection } from '../collections/videos/index.js'
import { registerAdminComponents } from './components/registerAdminComponents.js'
import {
  lockReadersOutOfHostDefaults,
  lockReadersOutOfJobsStats,
  lockReadersOutOfLockedDocuments,
  readersAnonymousToHostAccess,
} from './access/lockOutReaders.js'
import { resolveOptions } from './defaults.js'
import { stripeWebhookEndpoint } from './endpoints/stripeWebhook.js'
import { withClientErrorLogLevels } from './plugin/clientErrorLogLevels.js'
import { logGraphQLErrorsByCause } from './plugin/logGraphQLErrorsByCause.js'
import { answerUnreadableGlobalRequests } from './hooks/answerUnreadableRequests.js'
import { withGlobalCacheHeaders } from './hooks/cacheHeaders.js'
import { rejectMalformedGlobalRead } from './hooks/rejectMalformedQuery.js'
import { assembleCollection, assembleHostCollection, verificationIsOff } from './plugin/assembleCollection.js'
import { accessSettingsGlobal } from './globals/accessSettings.js'
import { discussionSettingsGlobal } from './globals/discussionSettings.js'
import { meterMutations, meterQueries } from './endpoints/meterGraphQL.js'
import { boundedListsRule, MAX_LIST_LIMIT } from './graphql/boundedLists.js'
import { refuseFragmentCycles } from './graphql/refuseFragmentCycles.js'
import { verifyMutationsWhenVerificationIsOff } from './graphql/verifyWhenVerificationIsOff.js'
import { commentNotificationTasks } from './jobs/commentNotifications.js'
import { publishScheduledOnce } from './jobs/publishOnce.js'
import { reconcileTask } from './jobs/reconcile.js'
import { sendArticleEmailTask } from './email/sendArticleEmailTask.js'
import { placeBesideHost } from './plugin/hostSlugs.js'

export type * from './types.js'
export { resolveOptions } from './defaults.js'
export { NewsroomConfigError } from './plugin/hostSlugs.js'

/**
 * Adds articles (premium paywall), moderated comments, videos and reader accounts to a Payload config.
 * Everything the host already has is kept; ours is appended.
 */
export const newsroomPlugin =
  (pluginOptions: import('./types.js').NewsroomPluginOptions = {}) =>
  (hostConfig: Config): Config => {
    const options = resolveOptions(pluginOptions)
    const { slugs } = options
    // To the host's own access functions a reader is anonymous (src/access/lockOutReaders.ts).
    const config = slugs.readers ? readersAnonymousToHostAccess(hostConfig, slugs.readers) : hostConfig

    // Each collection of ours put together in one place, in the order src/plugin/assembleCollection.ts documents.
    // An upload collection of the host's at `slugs.media` is reused; any other clash is a clear error (src/plugin/hostSlugs.ts).
    const { addOwnMedia } = placeBesideHost(config, options)
    const { overrides } = options
    const ourCollections: CollectionConfig[] = [
      assembleCollection(articlesCollection(options), overrides.articles, options),
      assembleCollection(
        commentsCollection(options, { localized: Boolean(config.localization) }),
        overrides.comments,
        options,
      ),
      assembleCollection(videosCollection(options), overrides.videos, options),
    ]
    if (slugs.readers)
      ourCollections.push(assembleCollection(readersCollection(options, slugs.readers), overrides.readers, options))
    // Reader reports of comments need the plugin's reader accounts.
    if (slugs.readers) {
      ourCollections.push(
        assembleCollection(commentReportsCollection(options, slugs.readers), overrides.commentReports, options),
      )
    }
    if (addOwnMedia) ourCollections.push(assembleCollection(mediaCollection(options), overrides.media, options))
    // Email of articles: its rate-limit ledger and delivery task exist even when switched off (stable schema, queued jobs still run).
    ourCollections.push(assembleCollection(emailLogCollection(options), undefined, options))
    // The database's decisions on comments: flood/duplicate claims and which comments are counted.
    ourCollections.push(
      assembleCollection(commentClaimsCollection(options), undefined, options),
      assembleCollection(countedCommentsCollection(options), undefined, options),
    )
    // Exactly-once mail and crash recovery across instances: the send claims, and the reconcile task.
    ourCollections.push(assembleCollection(deliveriesCollection(options), undefined, options))
    // Billing: the plans sold, the webhook's event ledger and the checkout rate limit (only with `billing`).
    if (options.billing) {
      ourCollections.push(
        assembleCollection(plansCollection(options), overrides.plans, options),
        assembleCollection(stripeEventsCollection(options), undefined, options),
        assembleCollection(billingRequestsCollection(options), undefined, options),
      )
    }
    // Access models: the meter's unlocks (unique per requester × article × period) and gift links with their opens.
    ourCollections.push(
      assembleCollection(meterUnlocksCollection(slugs.meterUnlocks), undefined, options),
      assembleCollection(giftsCollection(options), undefined, options),
      assembleCollection(giftOpensCollection(options), undefined, options),
    )
    // Rendered PDFs, found by the hash of what they were drawn from (exists even with the cache off: stable schema).
    ourCollections.push(assembleCollection(pdfCacheCollection(slugs.pdfCache), undefined, options))
    // The host's collections: a premium video's file is gated in the host's media too; auth routes get cache headers.
    const collections = [
      ...(config.collections ?? []).map((c) =>
        assembleHostCollection(
          c,
          options,
          ourCollections.map(({ slug }) => slug),
        ),
      ),
      ...ourCollections,
    ]

    const settings = discussionSettingsGlobal(options)
    const globals = [
      ...(config.globals ?? []),
      // Metered sampling's numbers, editable at runtime (editors only).
      withGlobalCacheHeaders(accessSettingsGlobal(options), options),
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
      ...ourCollections.map((c) => c.slug),
      options.slugs.discussionSettings,
      options.slugs.accessSettings,
    ])
    const verificationOff = ourCollections.filter(verificationIsOff)
    // A fragment cycle crashes Payload's complexity rule (a 500): refused first (src/graphql/refuseFragmentCycles.ts).
    // Payload's verifyEmail mutation fails without verification (src/graphql/verifyWhenVerificationIsOff.ts).
    const hostRules = config.graphQL?.validationRules
    const graphQL: Config['graphQL'] = {
      ...config.graphQL,
      // The meter: `unlockArticle` and `meter { used limit remaining resetsAt }`.
      mutations: meterMutations(
        options,
        verifyMutationsWhenVerificationIsOff(verificationOff, config.graphQL?.mutations),
      ),
      queries: meterQueries(options, config.graphQL?.queries),
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
        answerUnreadableGlobalRequests(new Set([slugs.discussionSettings, slugs.accessSettings])),
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

    // Scheduled publishing (articles, videos): Payload's task, run once per job however many instances run the queue.
    const incomingOnInit = config.onInit
    const onInit: Config['onInit'] = async (payload) => {
      if (incomingOnInit) await incomingOnInit(payload)
      publishScheduledOnce(payload, options)
      logGraphQLErrorsByCause(payload)
    }

    return secure({
      // Admin UI: moderation queue, badges, previews, dashboard widget, nav badge, translations.
      ...registerAdminComponents({ ...config, collections }, options),
      // Stripe's signed events, with billing.
      endpoints: [
        ...(config.endpoints ?? []),
        ...(options.billing ? [stripeWebhookEndpoint(options, options.billing)] : []),
      ],
      globals,
      graphQL,
      // REST and GraphQL report errors here: a comment that was not stored after all gives its claims back.
      hooks: { ...hooks, afterError: [...(hooks?.afterError ?? []), releaseUnstoredClaims] },
      jobs,
      // Client mistakes (wrong passwords, refused comments, malformed requests) at info, as Payload does validation errors.
      loggingLevels: withClientErrorLogLevels(config.loggingLevels),
      onInit,
    })
  }
