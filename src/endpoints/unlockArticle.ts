import type { CollectionSlug, PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'
import type { MeterStatus } from '../access/meter/meterPeriod.js'

import { readMeterSettings } from '../globals/accessSettings.js'
import { articleIdShape, articleLookupWhere } from '../print/articleLookup.js'
import { rememberMetered } from '../access/requesterAccess.js'
import { meterUsage, unlockWithMeter } from '../access/meter/meterStore.js'
import { handOutAnonymousRequester, meterRequesterOf } from '../access/meter/requesterKey.js'

export type UnlockAnswer =
  | { article: Record<string, unknown>; meter: MeterStatus | null; status: 200 }
  | { message: string; meter: MeterStatus | null; status: 400 | 403 | 404 }

type ArticleDoc = Record<string, unknown> & { id: number | string; locked?: boolean }

const readArticle = async (req: PayloadRequest, options: ResolvedNewsroomOptions, param: unknown, depth: number) => {
  const collection = options.slugs.articles as CollectionSlug
  const where = typeof param === 'string' ? articleLookupWhere(param, articleIdShape(req.payload, collection)) : null
  if (!where) return undefined
  const { docs } = await req.payload.find({
    collection,
    depth,
    draft: false,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    req,
    where,
  })
  return (docs[0] as ArticleDoc | undefined) ?? null
}

/**
 * The explicit unlock (REST `POST /api/{articles}/:id/unlock`, GraphQL `unlockArticle`): an article already
 * open to the requester answers 200 without spending anything; a locked one spends one of the period's free
 * unlocks (decided by the database, `unlockWithMeter`) or answers 403 with the meter.
 */
export const unlockArticle = async (
  req: PayloadRequest,
  options: ResolvedNewsroomOptions,
  param: unknown,
  depth = 1,
): Promise<UnlockAnswer> => {
  const found = await readArticle(req, options, param, depth)
  if (found === undefined)
    return { message: 'The article must be given by its id or its slug.', meter: null, status: 400 }
  if (found === null) return { message: 'Article not found.', meter: null, status: 404 }
  if (!found.locked) return { article: found, meter: null, status: 200 }

  const now = new Date()
  const settings = await readMeterSettings(req.payload, options)
  if (!settings) return { message: 'Free articles are not offered.', meter: null, status: 403 }
  let requester = meterRequesterOf(req, options)
  if (requester?.anonymous && settings.audience === 'members') requester = null
  if (!requester) {
    if (settings.audience === 'members') {
      const meter = await meterUsage(req.payload, options, settings, null, now)
      return { message: 'Log in to read your free articles.', meter, status: 403 }
    }
    requester = handOutAnonymousRequester(req, options)
  }
  const result = await unlockWithMeter(req.payload, options, settings, {
    article: String(found.id),
    now,
    requester: requester.key,
  })
  if (result.outcome === 'exhausted') {
    return { message: 'You have no free articles left in this period.', meter: result.status, status: 403 }
  }
  await rememberMetered(req, options, String(found.id))
  const article = await readArticle(req, options, param, depth)
  if (!article) return { message: 'Article not found.', meter: null, status: 404 }
  return { article, meter: result.status, status: 200 }
}
