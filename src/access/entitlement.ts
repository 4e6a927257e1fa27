import type { PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { isSubscriptionEntitled, type Subscription } from '../utilities/isSubscriptionEntitled.js'
import { isEditor } from './roles.js'

// One answer per request: every document, field and populated relationship reuses it.
const cache = new WeakMap<PayloadRequest, Promise<boolean>>()

/** Whether the requester may read premium content. Editors always may. */
export const isEntitled = (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<boolean> => {
  let answer = cache.get(req)
  if (!answer) {
    answer = decide(req, options)
    cache.set(req, answer)
  }
  return answer
}

const decide = async (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<boolean> => {
  if (isEditor(req)) return true
  if (options.premium.hasAccess) {
    return Boolean(await options.premium.hasAccess({ req, user: req.user }))
  }
  const user = req.user
  if (!user || user.collection !== options.slugs.readers) return false
  return isSubscriptionEntitled((user as { subscription?: Subscription }).subscription)
}
