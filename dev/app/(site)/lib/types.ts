/** Shapes of the answers to dev/graphql/*.graphql (only what the reader's page selects). */

export type LexicalState = { root: { children: unknown[]; type: string } & Record<string, unknown> }

export type Subscription = {
  cancelAtPeriodEnd?: boolean | null
  currentPeriodEnd?: null | string
  plan?: 'free' | 'premium' | null
  status?: null | string
  stripeCustomerId?: null | string
  tier?: null | string
  trialEnd?: null | string
}

export type Reader = { email: string; id: string; name?: null | string; subscription?: null | Subscription }

export type ArticleComment = {
  authorName: string
  authorUrl?: null | string
  body: string
  createdAt: string
  id: string
  parent?: { id: string } | null
  /** A reply the newsroom wrote from the moderation desk. */
  staff?: boolean | null
}

export type ArticlePageArticle = {
  allowComments?: boolean | null
  author?: null | string
  commentCount?: null | number
  comments?: { docs: ArticleComment[]; hasNextPage: boolean } | null
  commentsCloseAt?: null | string
  content?: LexicalState | null
  excerpt?: null | string
  id: string
  locked?: boolean | null
  premium?: boolean | null
  publishedAt?: null | string
  slug: string
  teaser?: LexicalState | null
  title: string
  giftedBy?: null | string
  unlockedBy?: 'editor' | 'gift' | 'meter' | 'subscription' | null
  updatedAt?: null | string
  visibility?: 'members' | 'paid' | 'public' | 'tiers' | null
}

export type Meter = { limit: number; remaining: number; resetsAt: string; used: number }

export type ArticlePageData = { Articles: { docs: ArticlePageArticle[] } | null; meter?: Meter | null }

/**
 * A caption track of a video (withheld with the video: `captions: null` when it is locked). `vtt` is there
 * where the query asks for it (the article body's player), not in the Latest Videos strip.
 */
export type VideoCaption = {
  default?: boolean | null
  id?: null | string
  label: string
  language: string
  vtt?: null | string
}

export type LatestVideo = {
  captions?: null | VideoCaption[]
  duration?: null | number
  embedUrl?: null | string
  id: string
  locked?: boolean | null
  premium?: boolean | null
  provider?: 'file' | 'upload' | 'vimeo' | 'youtube' | null
  publishedAt?: null | string
  slug: string
  thumbnailUrl?: null | string
  title: string
  transcript?: null | string
  url?: null | string
}

export type LatestVideosData = { Videos: { docs: LatestVideo[] } | null }

export type LatestArticlesData = {
  Articles: {
    docs: Pick<ArticlePageArticle, 'author' | 'excerpt' | 'id' | 'premium' | 'publishedAt' | 'slug' | 'title'>[]
  } | null
}

export type CurrentReaderData = { meReader: { user: null | Reader } | null }

export type ReaderLoginData = { loginReader: { exp?: null | number; user: null | Reader } | null }

export type SubmitCommentData = { createComment: { createdAt: string; id: string; status: string } | null }

/** A field-level error as Payload reports it (`ValidationError`). */
export type FieldError = { message: string; path: string }

export type GraphQLErrorEntry = {
  extensions?: { data?: { errors?: FieldError[] } & Record<string, unknown>; name?: string; statusCode?: number }
  message: string
}

export type GraphQLResult<T> = { data?: null | T; errors?: GraphQLErrorEntry[] }

export type Plan = {
  benefits?: { benefit: string }[] | null
  description?: null | string
  id: string
  name: string
  stripePrices?: { interval: 'month' | 'year' }[] | null
  tier: string
  trialDays?: null | number
}

export type PlansData = { Plans: { docs: Plan[] } | null }
