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
} as const

export const defaultJobs = {
  leaseSeconds: 300,
  reconcileCron: '*/10 * * * *' as false | string,
  reconcileQueue: 'default',
}

export const resolveOptions = (options: NewsroomPluginOptions = {}): ResolvedNewsroomOptions => {
  const readers = options.slugs?.readers === undefined ? 'readers' : options.slugs.readers
  if (readers === false && !options.premium?.hasAccess) {
    throw new Error(
      'payload-plugin-newsroom: `slugs.readers: false` needs `premium.hasAccess` to decide who is entitled.',
    )
  }
  const siteUrl = (options.siteUrl ?? '').replace(/\/$/, '')
  return {
    articlePath: options.articlePath ?? '/news/{slug}',
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
      hasAccess: options.premium?.hasAccess,
      subscribeUrl: options.premium?.subscribeUrl ?? `${siteUrl}/subscribe`,
      teaser: { blocks: options.premium?.teaser?.blocks ?? 2 },
    },
    print: {
      css: options.print?.css ?? '',
      email: options.print?.email ?? true,
      emailsPerHour: options.print?.emailsPerHour ?? 10,
      pdf: options.print?.pdf ?? true,
      print: options.print?.print ?? true,
      publisherName: options.print?.publisherName ?? 'Newsroom',
    },
    siteUrl,
    trustedProxies: Math.max(0, Math.floor(options.trustedProxies ?? 0)),
    verifyEmailPath: options.verifyEmailPath ?? '/verify-email?token={token}',
    slugs: {
      articles: options.slugs?.articles ?? 'articles',
      comments: options.slugs?.comments ?? 'comments',
      commentReports: options.slugs?.commentReports ?? 'comment-reports',
      discussionSettings: 'discussion-settings',
      ...INTERNAL_SLUGS,
      media: options.slugs?.media ?? 'media',
      readers,
      videos: options.slugs?.videos ?? 'videos',
    },
  }
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>
}
