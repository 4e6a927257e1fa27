import type { CollectionSlug, Payload, TypedUser } from 'payload'

import type { SeedArticle } from './seedContent.js'

import { freeArticles, premiumArticle, seedLogins, seedVideos } from './seedContent.js'

const DAY = 24 * 60 * 60 * 1000

/** A Lexical editor state: one paragraph per text, and the paywall break block where the editor put it. */
export const lexicalBody = (paragraphs: string[], paywallAfter?: number) => {
  const paragraph = (text: string) => ({
    type: 'paragraph',
    children: [{ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text, version: 1 }],
    direction: 'ltr' as const,
    format: '' as const,
    indent: 0,
    textFormat: 0,
    textStyle: '',
    version: 1,
  })
  const paywallBreak = {
    type: 'block',
    fields: { id: 'seed-paywall-break', blockName: '', blockType: 'paywallBreak' },
    format: '' as const,
    version: 2,
  }
  const children: Record<string, unknown>[] = []
  paragraphs.forEach((text, index) => {
    children.push(paragraph(text))
    if (index === paywallAfter) children.push(paywallBreak)
  })
  return {
    root: { type: 'root', children, direction: 'ltr' as const, format: '' as const, indent: 0, version: 1 },
  }
}

type CommentSeed = {
  authorEmail: string
  authorName: string
  authorUrl?: string
  body: string
  replies?: CommentSeed[]
  status: 'approved' | 'pending' | 'spam' | 'trash'
}

/** Threads on the premium article: every status, replies two levels deep. */
const premiumArticleComments: CommentSeed[] = [
  {
    authorEmail: 'jordan@example.com',
    authorName: 'Jordan Kim',
    body: 'The last visit was in 2000 — a 24-year gap says a lot about how unusual this is.',
    replies: [
      {
        authorEmail: 'alex@example.com',
        authorName: 'Alex Moreno',
        authorUrl: 'https://alex.example.com',
        body: 'Agreed. The Vietnam stop right after is worth watching too.',
        replies: [
          {
            authorEmail: 'jordan@example.com',
            authorName: 'Jordan Kim',
            body: 'Good point, the two trips clearly belong together.',
            status: 'approved',
          },
        ],
        status: 'approved',
      },
      {
        authorEmail: 'casey@example.com',
        authorName: 'Casey Brooks',
        body: 'A reply still waiting for a moderator.',
        status: 'pending',
      },
    ],
    status: 'approved',
  },
  {
    authorEmail: 'sam@example.com',
    authorName: 'Sam Taylor',
    body: 'Would love a follow-up piece on what was actually signed in Pyongyang.',
    status: 'approved',
  },
  {
    authorEmail: 'chris@example.com',
    authorName: 'Chris Doe',
    body: 'First time commenting here: held for moderation until an editor approves it.',
    status: 'pending',
  },
  {
    authorEmail: 'promo@spam.example',
    authorName: 'Cheap Watches',
    authorUrl: 'https://spam.example',
    body: 'Great article! Buy cheap watches at https://spam.example and https://spam.example/deals',
    status: 'spam',
  },
  {
    authorEmail: 'troll@example.com',
    authorName: 'Grumpy Reader',
    body: 'An off-topic comment an editor moved to the trash.',
    status: 'trash',
  },
]

const freeArticleComment = (title: string): CommentSeed => ({
  authorEmail: 'sam@example.com',
  authorName: 'Sam Taylor',
  body: `Thanks for covering this: "${title}".`,
  status: 'approved',
})

/**
 * Demo content for an empty database (see README, "Dev app"): one editor, three readers,
 * videos on every provider, the premium seed article, free articles and comment threads.
 */
export const seed = async (payload: Payload): Promise<void> => {
  const { totalDocs } = await payload.count({ collection: 'articles' })
  if (totalDocs > 0) return

  payload.logger.info('Seeding demo content…')

  const editor = await payload.create({
    collection: 'users',
    data: { ...seedLogins.editor },
  })
  // Seeded comments carry the status an editor chose, as if moderated in the admin.
  const asEditor = { overrideAccess: true, user: { ...editor, collection: 'users' } as TypedUser }

  const now = Date.now()
  const { expired, free, premium } = seedLogins.readers
  // Demo readers come with their address already confirmed (readers verify before they can log in).
  const verified = { _verified: true } as const
  await payload.create({
    collection: 'readers',
    data: { ...free, ...verified, subscription: { plan: 'free', status: 'active' } },
    disableVerificationEmail: true,
  })
  await payload.create({
    collection: 'readers',
    data: {
      ...premium,
      ...verified,
      subscription: { currentPeriodEnd: new Date(now + 365 * DAY).toISOString(), plan: 'premium', status: 'active' },
    },
    disableVerificationEmail: true,
  })
  await payload.create({
    collection: 'readers',
    data: {
      ...expired,
      ...verified,
      // Still "active" on paper, but the paid period ended last month.
      subscription: { currentPeriodEnd: new Date(now - 30 * DAY).toISOString(), plan: 'premium', status: 'active' },
    },
    disableVerificationEmail: true,
  })

  const videoIds: Record<string, number | string> = {}
  for (const video of seedVideos) {
    const created = await payload.create({ collection: 'videos', data: video, draft: video._status === 'draft' })
    videoIds[video.title] = created.id
  }

  const createArticle = (article: SeedArticle, relatedVideos: (number | string)[]) =>
    payload.create({
      collection: 'articles',
      data: {
        _status: 'published',
        author: article.author,
        categories: article.categories,
        content: lexicalBody(article.paragraphs, article.paywallAfter),
        excerpt: article.excerpt,
        premium: article.premium,
        publishedAt: article.publishedAt,
        relatedVideos,
        title: article.title,
      },
    })

  const premiumDoc = await createArticle(premiumArticle, [videoIds['Tears of Steel'], videoIds['Big Buck Bunny']])
  const freeDocs = []
  for (const article of freeArticles) {
    freeDocs.push(await createArticle(article, [videoIds['Sintel']]))
  }

  const createThread = async (
    articleId: number | string,
    comment: CommentSeed,
    parent?: number | string,
  ): Promise<void> => {
    const { replies, ...data } = comment
    const created = await payload.create({
      collection: 'comments',
      data: { ...data, article: articleId, ...(parent ? { parent } : {}) },
      ...asEditor,
    })
    for (const reply of replies ?? []) await createThread(articleId, reply, created.id)
  }

  for (const comment of premiumArticleComments) await createThread(premiumDoc.id, comment)
  for (const doc of freeDocs) await createThread(doc.id, freeArticleComment(doc.title))

  // Plans on sale (replace the price ids with your Stripe test prices) and one retired plan the public never sees.
  await payload.create({
    collection: 'plans' as CollectionSlug,
    data: {
      active: true,
      benefits: [{ benefit: 'Every premium article and video' }, { benefit: 'Print, PDF and email of any article' }],
      description: 'Unlimited access to the newsroom.',
      name: 'Digital',
      stripePrices: [
        { interval: 'month', priceId: 'price_replace_with_monthly' },
        { interval: 'year', priceId: 'price_replace_with_yearly' },
      ],
      tier: 'digital',
      trialDays: 14,
    } as never,
  })
  await payload.create({
    collection: 'plans' as CollectionSlug,
    data: {
      active: false,
      name: 'Retired print bundle',
      stripePrices: [{ interval: 'year', priceId: 'price_retired' }],
      tier: 'print',
    } as never,
  })

  payload.logger.info(
    `Seeded ${freeDocs.length + 1} articles, ${seedVideos.length} videos, comments, 1 editor and 3 readers.`,
  )
}
