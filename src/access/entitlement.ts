import type { PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { isSubscriptionEntitled, type Subscription } from '../utilities/isSubscriptionEntitled.js'
import { isEditor } from './roles.js'

type CachedAnswer = { answer: Promise<boolean>; user: unknown }

/*
 * One answer per request: every document, field and populated relationship reuses it.
 * Keyed by `req.context`, which stays the same object when Payload wraps `req` in a per-resolver
 * proxy (GraphQL) — a key on `req` itself would miss there. The answer is only reused for the same user.
 */
const cache = new WeakMap<object, CachedAnswer>()

const cacheKey = (req: PayloadRequest): object => (req.context && typeof req.context === 'object' ? req.context : req)

/** Whether the requester may read premium content. Editors always may. */
export const isEntitled = (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<boolean> => {
  const key = cacheKey(req)
  const cached = cache.get(key)
  if (cached && cached.user === req.user) return cached.answer
  const answer = decide(req, options)
  cache.set(key, { answer, user: req.user })
  return answer
}

const decide = async (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<boolean> => {
  if (isEditor(req)) return true
  if (options.premium.hasAccess) {
    try {
      return Boolean(await options.premium.hasAccess({ req, user: req.user }))
    } catch (error) {
      // A failing host rule must not open the paywall nor turn every read into a 500.
      req.payload.logger.error({
        err: error,
        msg: 'payload-plugin-newsroom: premium.hasAccess threw; treating the requester as not entitled',
      })
      return false
    }
  }
  const user = req.user
  if (!user || user.collection !== options.slugs.readers) return false
  return isSubscriptionEntitled(
    (user as { subscription?: null | Subscription }).subscription,
    new Date(),
    options.billing,
  )
}
