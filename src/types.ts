import type { PrintFontsOption, PrintFontStacks } from './print/fonts/printFontStack.js'
import type { CollectionConfig, Field, PayloadRequest, TypedUser } from 'payload'

/** Verdict a pluggable spam checker returns for a new comment. */
export type SpamVerdict = 'ham' | 'hold' | 'spam'

/** The comment as the moderation engine sees it (plain data, no Payload objects). */
export type CommentCandidate = {
  article: number | string
  authorEmail: string
  authorName: string
  authorUrl?: null | string
  body: string
  ip?: null | string
  parent?: null | number | string
  userAgent?: null | string
}

export type SpamCheck = (comment: CommentCandidate, ctx: { req: PayloadRequest }) => Promise<SpamVerdict> | SpamVerdict

export type HasPremiumAccess = (args: {
  req: PayloadRequest
  user: null | TypedUser | undefined
}) => boolean | Promise<boolean>

/** A collection override: a function over our default fields plus any collection config, merged into ours. */
export type CollectionOverride = {
  fields?: (args: { defaultFields: Field[] }) => Field[]
} & Partial<Omit<CollectionConfig, 'fields'>>

export type NewsroomSlugs = {
  articles?: string
  comments?: string
  /** Reader reports of comments (created only when `readers` is a collection of this plugin's). */
  commentReports?: string
  /** The upload collection used for hero images, posters and video files. Set to the host's own media collection to reuse it. */
  media?: string
  /** Subscription plans (with `billing`). */
  plans?: string
  /** `false` to use your own auth collection (then provide `premium.hasAccess`). */
  readers?: false | string
  videos?: string
}

export type CommentRulesOptions = {
  closeAfterDays?: number
  disallowedKeys?: string[]
  /** Seconds a reader may edit or delete their own comment after posting (0 turns it off). */
  editWindowSeconds?: number
  floodSeconds?: number
  /**
   * Closes two side channels of the contract's moderation rules, at a cost (default false: the rules as the
   * contract states them). When true:
   * - a spam comment (honeypot, disallowed keys) meets the refusals — closed 403, flood 429, duplicate 409 —
   *   like any comment, so a flooding prober cannot tell which words are on the disallowed list; the cost is
   *   that a bot hears 429/409 instead of a 201 that tells it nothing;
   * - "same requester" (flood, duplicate) and "previously approved author" match on the requester fingerprint
   *   (IP + user agent) or a logged-in reader's account email, never on a typed-in email alone, so nobody can
   *   learn whether an address commented, nor be approved at once by typing a regular's address; the cost is
   *   that an anonymous regular who changes network or browser waits for moderation again, and one person
   *   can flood from several addresses.
   */
  hardenAgainstProbing?: boolean
  honeypotField?: string
  manualApproval?: boolean
  maxDepth?: number
  maxLength?: number
  maxLinks?: number
  moderationKeys?: string[]
  notify?: {
    editors?: string[]
    /** Email a comment's author when a reply to it is approved. */
    replyAuthors?: boolean
  }
  premiumOnly?: boolean
  previouslyApproved?: boolean
  /** Reports from distinct readers that send an approved comment back to pending. */
  reportThreshold?: number
  spamCheck?: SpamCheck
}

/** Selling subscriptions on Stripe (README: Billing). Secrets come from here or the environment, never from documents. */
export type NewsroomBillingOptions = {
  /** Where Stripe Checkout cancels to (default `${siteUrl}/subscribe`). */
  cancelUrl?: string
  /** Checkout and billing-portal sessions one reader may open per hour (default 10). */
  checkoutsPerHour?: number
  /** Days a `past_due` subscription keeps access, counted from the start of the unpaid period (default 0). */
  graceDays?: number
  /** Where Stripe Checkout and the Customer Portal return to (default `${siteUrl}/account`). */
  successUrl?: string
  stripe?: {
    /**
     * Where the Stripe SDK sends API calls (its `host`/`port`/`protocol` options): Stripe's own API unless set,
     * e.g. for a proxy or a test server standing in for Stripe.
     */
    api?: { host?: string; port?: number; protocol?: 'http' | 'https' }
    /** Stripe API version the SDK asks for (default: the SDK's pinned version). */
    apiVersion?: string
    /** Default `process.env.STRIPE_SECRET_KEY`. */
    secretKey?: string
    /** The endpoint's signing secret (`whsec_…`). Default `process.env.STRIPE_WEBHOOK_SECRET`. */
    webhookSecret?: string
  }
}

/** How the plugin's jobs behave with several app instances and crashes (see README "Running several instances"). */
export type NewsroomJobsOptions = {
  /**
   * Seconds after which a job of ours still marked `processing`, or a message claimed for sending but not
   * sent, is taken to have lost its runner (killed, crashed) and may be run again. Longer than any send takes.
   */
  leaseSeconds?: number
  /** Payload `schedule` cron of the reconcile task (`newsroomReconcile`); `false` to schedule it yourself. */
  reconcileCron?: false | string
  /** Queue the reconcile task is scheduled on (the runner must serve it: autoRun or `/api/payload-jobs/run`). */
  reconcileQueue?: string
}

export type NewsroomPluginOptions = {
  /** Subscriptions on Stripe: plans, Checkout, Customer Portal and signed webhooks. Absent: none of it. */
  billing?: NewsroomBillingOptions
  comments?: CommentRulesOptions
  disabled?: boolean
  jobs?: NewsroomJobsOptions
  /** Whether the plugin adds its own upload collection (`slugs.media`). Set false when `slugs.media` names a host collection. */
  mediaCollection?: boolean
  overrides?: {
    articles?: CollectionOverride
    commentReports?: CollectionOverride
    comments?: CollectionOverride
    media?: CollectionOverride
    plans?: CollectionOverride
    readers?: CollectionOverride
    videos?: CollectionOverride
  }
  premium?: {
    /** Gift links subscribers create for one article (README: Gift links). */
    gifts?: { giftDays?: number; giftsPerMonth?: number; maxOpens?: number }
    hasAccess?: HasPremiumAccess
    /**
     * Metered sampling: a requester who is not entitled may unlock `free` gated articles per period of
     * `periodDays` (anonymous requesters too with `audience: 'everyone'`). Absent: no metering. Editors change
     * the numbers at runtime in the Access settings global.
     */
    meter?: MeterOptions
    /** Where locked readers are sent to subscribe (used by print/email). */
    subscribeUrl?: string
    teaser?: { blocks?: number }
  }
  print?: {
    /** Extra CSS appended to the print view. */
    css?: string
    email?: boolean
    /** Emails one requester may send per hour. */
    emailsPerHour?: number
    pdf?: boolean
    print?: boolean
    /** Publisher name shown in print/PDF headers and emails. */
    publisherName?: string
    /**
     * Fonts of the PDF (README: Print fonts): stacks of `@fontsource/*` packages or font files, tried per
     * character; `extraFallback` adds scripts (e.g. `['@fontsource/noto-sans-kr']` after `npm i` of it);
     * `'standard'`: the PDF standard fonts, nothing embedded (Western European letters only).
     */
    fonts?: PrintFontsOption
    /** Hyphenate PDF body text in the document language (default true). */
    hyphenate?: boolean
    /** Worker threads that render PDFs off the event loop (default min(2, CPUs − 1), at least 1); 0 renders on the request's thread. */
    pdfWorkers?: number
    /**
     * Keep rendered PDFs in the database, one per article × audience (teaser or full) × language, found by a hash
     * of everything drawn (README: PDF cache). Default on, up to 8 MB per PDF; `false` renders every request.
     */
    pdfCache?: boolean | { maxBytes?: number }
    /** Print view: `@font-face` rules for the same font stack (inlined, only the files the article needs). Default false: system fonts. */
    webFonts?: boolean
    /** Document language of print view and PDF when the request carries no content locale (default: the request's language). */
    locale?: string
  }
  /** Previews of drafts on the reader site (README: Live preview and preview links). */
  preview?: {
    /** Seconds a preview link (and the admin's live preview) stays valid. Default 3600. */
    linkSeconds?: number
    /** Path of the site's preview page; `{token}` is replaced. Default `/preview?token={token}`. */
    path?: string
  }
  slugs?: NewsroomSlugs
  /** Public site URL for canonical links (e.g. https://news.example.com). */
  siteUrl?: string
  /**
   * Reverse proxies in front of the app that append the client address to `X-Forwarded-For` (default 0). The client
   * is taken that many entries from the right (the entries to the left are whatever the client sent). With 0 no
   * address is trusted (plain `next start` cannot tell a spoofed header from its own) and anonymous requesters share
   * one email quota.
   */
  trustedProxies?: number
  /** Path of an article on the site; `{slug}` is replaced. */
  articlePath?: string
  /** Path of the site's page that confirms a new reader's email (linked from the verification email); `{token}` is replaced. */
  verifyEmailPath?: string
  /** HTTP caching by a CDN or caching proxy (README: Running behind a CDN). */
  cache?: {
    /**
     * Seconds a shared cache may keep an anonymous REST read of published articles and videos
     * (`Cache-Control: public, s-maxage=N`). Default 0: no public caching.
     */
    publicMaxAge?: number
  }
}

export type MeterOptions = { audience?: 'everyone' | 'members'; free?: number; periodDays?: number }

/** Options after defaults are applied: every value present. */
export type ResolvedBillingOptions = {
  cancelUrl: string
  checkoutsPerHour: number
  graceDays: number
  stripe: {
    api: { host?: string; port?: number; protocol?: 'http' | 'https' }
    apiVersion?: string
    /** Empty when neither the option nor STRIPE_SECRET_KEY is set: the endpoints then answer 503 saying so. */
    secretKey: string
    webhookSecret: string
  }
  successUrl: string
}

export type ResolvedNewsroomOptions = {
  articlePath: string
  /** `null`: no billing (no plans, ledger or billing endpoints; the subscription rule without billing). */
  billing: null | ResolvedBillingOptions
  cache: { publicMaxAge: number }
  comments: Required<Omit<CommentRulesOptions, 'notify' | 'spamCheck'>> & {
    notify: { editors: string[]; replyAuthors: boolean }
    spamCheck?: SpamCheck
  }
  disabled: boolean
  jobs: Required<NewsroomJobsOptions>
  mediaCollection: boolean
  overrides: NonNullable<NewsroomPluginOptions['overrides']>
  premium: {
    gifts: { giftDays: number; giftsPerMonth: number; maxOpens: number }
    hasAccess?: HasPremiumAccess
    meter: false | Required<MeterOptions>
    subscribeUrl: string
    teaser: { blocks: number }
  }
  print: {
    css: string
    email: boolean
    emailsPerHour: number
    fonts: PrintFontStacks
    hyphenate: boolean
    locale: null | string
    pdf: boolean
    pdfCache: false | { maxBytes: number }
    pdfWorkers: number
    print: boolean
    publisherName: string
    webFonts: boolean
  }
  preview: { linkSeconds: number; path: string }
  siteUrl: string
  trustedProxies: number
  verifyEmailPath: string
  slugs: {
    articles: string
    comments: string
    commentReports: string
    accessSettings: string
    /** The plugin's internal ledgers (not configurable): see `INTERNAL_SLUGS` in src/defaults.ts. */
    commentClaims: string
    countedComments: string
    deliveries: string
    discussionSettings: string
    emailLog: string
    gifts: string
    meterUnlocks: string
    pdfCache: string
    media: string
    plans: string
    /** Billing's bookkeeping (with `billing`): the webhook's event ledger, the checkout rate limit. */
    billingRequests: string
    stripeEvents: string
    readers: false | string
    videos: string
  }
}
