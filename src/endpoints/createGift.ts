import type { CollectionSlug, PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { articleIdShape, articleLookupWhere } from '../print/articleLookup.js'
import { requesterFacts } from '../access/requesterAccess.js'
import { hashGiftToken, newGiftToken } from '../access/gifts/giftToken.js'
import { articleUrl } from '../utilities/articleUrl.js'

export type GiftAnswer =
  | { body: { expiresAt: string; token: string; url: string }; status: 201 }
  | { message: string; status: 400 | 403 | 404 | 429 }

const DAY_MS = 24 * 60 * 60 * 1000

const isDuplicate = (error: unknown): boolean => {
  const e = error as { code?: unknown; name?: string }
  return e?.code === 11000 || e?.name === 'ValidationError'
}

/**
 * `POST /api/{articles}/:id/gift`: an entitled reader who can read the article makes a link for it. The giver's
 * `giftsPerMonth` are slots under a unique index (giver × month × slot), so concurrent requests on any instance
 * never make more; the token (192 random bits) is returned once and stored only as its hash.
 */
export const createGift = async (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<GiftAnswer> => {
  const user = req.user as { collection?: string; id?: number | string } | null
  if (!options.slugs.readers || !user || user.collection !== options.slugs.readers) {
    return { message: 'Log in with a subscription to give this article.', status: 403 }
  }
  const collection = options.slugs.articles as CollectionSlug
  const param = req.routeParams?.id
  const where = typeof param === 'string' ? articleLookupWhere(param, articleIdShape(req.payload, collection)) : null
  if (!where) return { message: 'The article must be given by its id or its slug.', status: 400 }
  const { docs } = await req.payload.find({
    collection,
    depth: 0,
    draft: false,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    req,
    select: { slug: true } as never,
    where,
  })
  const article = docs[0] as
    { id: number | string; locked?: boolean; slug?: string; unlockedBy?: null | string } | undefined
  if (!article) return { message: 'Article not found.', status: 404 }
  const facts = await requesterFacts(req, options)
  // Only what the giver's own subscription opens can be given (not what a meter or another gift opened).
  const ownAccess = !article.locked && (article.unlockedBy === 'subscription' || article.unlockedBy === null)
  if (!facts.entitled || !ownAccess)
    return { message: 'Only subscribers who can read it may give this article.', status: 403 }

  const now = new Date()
  const month = now.toISOString().slice(0, 7)
  const expiresAt = new Date(now.getTime() + options.premium.gifts.giftDays * DAY_MS).toISOString()
  const giver = String(user.id)
  const { totalDocs } = await req.payload.db.count({
    collection: options.slugs.gifts,
    where: { and: [{ giverKey: { equals: giver } }, { month: { equals: month } }] },
  })
  const limit = options.premium.gifts.giftsPerMonth
  for (let i = 0; i < limit; i++) {
    const slot = (totalDocs + i) % limit
    const token = newGiftToken()
    try {
      await req.payload.db.create({
        collection: options.slugs.gifts,
        data: {
          article: article.id,
          createdAt: now.toISOString(),
          expiresAt,
          giver: user.id,
          giverKey: giver,
          giverSlot: `${giver}|${month}|${slot}`,
          month,
          revoked: false,
          tokenHash: hashGiftToken(token),
          updatedAt: now.toISOString(),
        },
        returning: false,
      })
      const page = articleUrl(options, article.slug ?? String(article.id))
      const url = `${page}${page.includes('?') ? '&' : '?'}gift=${token}`
      return { body: { expiresAt, token, url }, status: 201 }
    } catch (error) {
      if (!isDuplicate(error)) throw error
    }
  }
  return { message: `You can give ${limit} articles a month; this month’s are used.`, status: 429 }
}
