import type { Endpoint } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { unlockArticle } from '../../../src/endpoints/unlockArticle.js'
import { PRIVATE_NO_STORE } from '../../../src/hooks/cacheHeaders.js'

/** `POST /api/{articles}/:id/unlock`: 200 with the unlocked article, or 403 with `meter` when none are left. */
export const unlockEndpoint = (options: ResolvedNewsroomOptions): Endpoint => ({
  handler: async (req) => {
    const depthParam = Number(req.searchParams?.get('depth') ?? 1)
    const depth = Number.isInteger(depthParam) && depthParam >= 0 && depthParam <= 3 ? depthParam : 1
    const answer = await unlockArticle(req, options, req.routeParams?.id, depth)
    // Payload merges `req.responseHeaders` (the meter cookie, Vary) into the answer.
    // Set once on the headers Payload merges in (a second Cache-Control would repeat it).
    req.responseHeaders ??= new Headers()
    req.responseHeaders.set('Cache-Control', PRIVATE_NO_STORE)
    if (answer.status === 200) return Response.json(answer.article, { status: 200 })
    return Response.json({ errors: [{ message: answer.message }], meter: answer.meter }, { status: answer.status })
  },
  method: 'post',
  path: '/:id/unlock',
})
