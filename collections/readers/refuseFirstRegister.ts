import type { Endpoint } from 'payload'

import { Forbidden } from 'payload'

/**
 * Payload's `POST /api/<auth collection>/first-register` creates the first account of an empty collection
 * with `overrideAccess: true` (no field access: `subscription` would be the caller's to choose) and marks it
 * verified. It exists for the admin's first user; readers are not admin users and sign up through
 * `POST /api/<readers>` like everyone else. Registered before Payload's own endpoint, so it wins the match.
 */
export const refuseFirstRegister: Endpoint = {
  handler: (req) => {
    throw new Forbidden(req.t)
  },
  method: 'post',
  path: '/first-register',
}
