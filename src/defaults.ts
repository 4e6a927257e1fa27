import { availableParallelism } from 'node:os'

import { resolvePrintFonts } from './print/fonts/printFontStack.js'
import type { NewsroomPluginOptions, ResolvedNewsroomOptions } from './types.js'

/** Every default of the plugin, in one place. */
export const defaultCommentRules = {
  closeAfterDays: 0,
  disallowedKeys: [] as string[],
  editWindowSeconds: 900,
  floodSeconds: 15,
  hardenAgainstProbing: false,
  honeypotField: 'phone',
  manualApproval: false,
  maxDepth: 5,
  maxLength: 5000,
  maxLinks: 2,
  moderationKeys: [] as string[],
  premiumOnly: false,
  previouslyApproved: true,
  reportThreshold: 3,
}

/** Jobs across instances: a dead runner's work is picked up after 5 minutes; the reconcile task runs every 10. */
/**
 * The slugs of the plugin's internal ledgers (claims, count entries, send claims, email log). Fixed, not options:
 * hosts never address them. Code reads them from `options.slugs`; code without resolved options from here.
 */
export const INTERNAL_SLUGS = {
  commentClaims: 'newsroom-comment-claims',
  countedComments: 'newsroom-counted-comments',
  deliveries: 'newsroom-deliveries',
  emailLog: 'newsroom-email-log',
  gifts: 'newsroom-gifts',
  meterUnlocks: 'newsroom-meter-unlocks',
  pdfCache: 'newsroom-pdf-cache',
} as const

export const defaultJobs = {
  leaseSeconds: 300,
  reconcileCron: '*/10 * * * *' as false | string,
  reconcileQueue: 'default',
}

/** Billing: no grace for past_due; ten Checkout/portal sessions per reader and hour. */
export const defaultBilling = { checkoutsPerHour: 10, graceDays: 0 }

/** Rendered PDFs kept in the database: on by default, up to 8 MB each (base64 stays under MongoDB's 16 MB). */
export const defaultPdfCache = { maxBytes: 8 * 2 ** 20 }

const resolvePdfCache = (
  pdfCache: NonNullable<NewsroomPluginOptions['print']>['pdfCache'],
): ResolvedNewsroomOptions['print']['pdfCache'] => {
  if (pdfCache === false) return false
  const maxBytes = typeof pdfCache === 'object' ? pdfCache.maxBytes : undefined
  return { maxBytes: Math.max(0, Math.min(defaultPdfCache.maxBytes, Math.floor(maxBytes ?? defaultPdfCache.maxBytes))) }
}

const resolveBilling = (
  billing: NewsroomPluginOptions['billing'],
  siteUrl: string,
): ResolvedNewsroomOptions['billing'] => {
  if (!billing) return null
  return {
    cancelUrl: billing.cancelUrl ?? `${siteUrl}/subscribe`,
    checkoutsPerHour: Math.max(1, Math.floor(billing.checkoutsPerHour ?? defaultBilling.checkoutsPerHour)),
    graceDays: Math.max(0, billing.graceDays ?? defaultBilling.graceDays),
    stripe: {
      api: billing.stripe?.api ?? {},
      apiVersion: billing.stripe?.apiVersion,
      // Read once here; kept only in memory, never written to a document or a log line.
      secretKey: billing.stripe?.secretKey ?? process.env.STRIPE_SECRET_KEY ?? '',
      webhookSecret: billing.stripe?.webhookSecret ?? process.env.STRIPE_WEBHOOK_SECRET ?? '',
    },
    successUrl: billing.successUrl ?? `${siteUrl}/account`,
  }
}
/** Metered sampling, when `premium.meter` is given: 3 free articles per 30 days for logged-in members. */
export const defaultMeter = { audience: 'members' as 'everyone' | 'members', free: 3, periodDays: 30 }

/** Gift links: valid 14 days, for 20 distinct requesters; 10 per giver per month. */
export const defaultGifts = { giftDays: 14, giftsPerMonth: 10, maxOpens: 20 }

export const resolveOptions = (options: NewsroomPluginOptions = {}): ResolvedNewsroomOptions => {
  const readers = options.slugs?.readers === undefined ? 'readers' : options.slugs.readers
  if (readers === false && !options.premium?.hasAccess) {
    throw new Error(
      'payload-plugin-newsroom: `slugs.readers: false` needs `premium.hasAccess` to decide who is entitled.',
    )
  }
  if (readers === false && options.billing) {
    throw new Error(
      "payload-plugin-newsroom: `billing` needs the plugin's readers collection (`slugs.readers` not false).",
    )
  }
  const siteUrl = (options.siteUrl ?? '').replace(/\/$/, '')
  return {
    articlePath: options.articlePath ?? '/news/{slug}',
    billing: resolveBilling(options.billing, siteUrl),
    cache: { publicMaxAge: Math.max(0, Math.floor(options.cache?.publicMaxAge ?? 0)) },
    comments: {
      ...defaultCommentRules,
      ...stripUndefined(options.comments ?? {}),
      notify: {
        editors: options.comments?.notify?.editors ?? [],
        replyAuthors: options.comments?.notify?.replyAuthors ?? false,
      },
      spamCheck: options.comments?.spamCheck,
    },
    disabled: options.disabled ?? false,
    jobs: {
      leaseSeconds: Math.max(1, options.jobs?.leaseSeconds ?? defaultJobs.leaseSeconds),
      reconcileCron: options.jobs?.reconcileCron ?? defaultJobs.reconcileCron,
      reconcileQueue: options.jobs?.reconcileQueue ?? defaultJobs.reconcileQueue,
    },
    mediaCollection: options.mediaCollection ?? true,
    overrides: options.overrides ?? {},
    premium: {
      gifts: {
        giftDays: Math.max(1, options.premium?.gifts?.giftDays ?? defaultGifts.giftDays),
        giftsPerMonth: Math.max(0, Math.floor(options.premium?.gifts?.giftsPerMonth ?? defaultGifts.giftsPerMonth)),
        maxOpens: Math.max(1, Math.floor(options.premium?.gifts?.maxOpens ?? defaultGifts.maxOpens)),
      },
      hasAccess: options.premium?.hasAccess,
      meter: options.premium?.meter
        ? {
            audience: options.premium.meter.audience ?? defaultMeter.audience,
            free: Math.max(0, Math.floor(options.premium.meter.free ?? defaultMeter.free)),
            periodDays: Math.max(1, Math.floor(options.premium.meter.periodDays ?? defaultMeter.periodDays)),
          }
        : false,
      subscribeUrl: options.premium?.subscribeUrl ?? `${siteUrl}/subscribe`,
      teaser: { blocks: options.premium?.teaser?.blocks ?? 2 },
    },
    print: {
      css: options.print?.css ?? '',
      email: options.print?.email ?? true,
      emailsPerHour: options.print?.emailsPerHour ?? 10,
      fonts: resolvePrintFonts(options.print?.fonts),
      hyphenate: options.print?.hyphenate ?? true,
      locale: options.print?.locale ?? null,
      webFonts: options.print?.webFonts ?? false,
      // One core is left to the requests: layout is CPU-bound, and reads wait behind it on a saturated machine.
      pdfWorkers: Math.max(
        0,
        Math.floor(options.print?.pdfWorkers ?? Math.max(1, Math.min(2, availableParallelism() - 1))),
      ),
      pdf: options.print?.pdf ?? true,
      pdfCache: resolvePdfCache(options.print?.pdfCache),
      print: options.print?.print ?? true,
      publisherName: options.print?.publisherName ?? 'Newsroom',
    },
    // A preview link is shared with a lawyer or a source for a while, not kept for ever (at most a week).
    preview: {
      linkSeconds: Math.min(7 * 24 * 3600, Math.max(1, Math.floor(options.preview?.linkSeconds ?? 3600))),
      path: options.preview?.path ?? '/preview?token={token}',
    },
    siteUrl,
    trustedProxies: Math.max(0, Math.floor(options.trustedProxies ?? 0)),
    verifyEmailPath: options.verifyEmailPath ?? '/verify-email?token={token}',
    slugs: {
      articles: options.slugs?.articles ?? 'articles',
      comments: options.slugs?.comments ?? 'comments',
      commentReports: options.slugs?.commentReports ?? 'comment-reports',
      accessSettings: 'newsroom-access-settings',
      discussionSettings: 'discussion-settings',
      ...INTERNAL_SLUGS,
      media: options.slugs?.media ?? 'media',
      plans: options.slugs?.plans ?? 'plans',
      billingRequests: 'newsroom-billing-requests',
      stripeEvents: 'newsroom-stripe-events',
      readers,
      videos: options.slugs?.videos ?? 'videos',
    },
  }
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>
}
