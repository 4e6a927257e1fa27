import type { PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { isSubscriptionEntitled, type Subscription } from '../utilities/isSubscriptionEntitled.js'
import { requestCache } from '../utilities/requestCache.js'
import { isEditor } from './roles.js'

const entitlementPerRequest = requestCache<Promise<boolean>>({ sameUser: true })

/** Whether the requester may read premium content. Editors always may. One answer per request and user. */
export const isEntitled = (req: PayloadRequest, options: ResolvedNewsroomOptions): Promise<boolean> =>
  entitlementPerRequest(req, () => decide(req, options))

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
  return isSubscriptionEntitled((user as { subscription?: null | Subscription }).subscription)
}
