import type { Endpoint } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

import { createGift } from '../../../src/endpoints/createGift.js'
import { PRIVATE_NO_STORE } from '../../../src/hooks/cacheHeaders.js'

/** `POST /api/{articles}/:id/gift` → 201 `{ token, url, expiresAt }` for an entitled reader. */
export const giftEndpoint = (options: ResolvedNewsroomOptions): Endpoint => ({
  handler: async (req) => {
    const answer = await createGift(req, options)
    // Set once on the headers Payload merges in (a second Cache-Control would repeat it).
    req.responseHeaders ??= new Headers()
    req.responseHeaders.set('Cache-Control', PRIVATE_NO_STORE)
    if (answer.status === 201) return Response.json(answer.body, { status: 201 })
    return Response.json({ errors: [{ message: answer.message }] }, { status: answer.status })
  },
  method: 'post',
  path: '/:id/gift',
})
