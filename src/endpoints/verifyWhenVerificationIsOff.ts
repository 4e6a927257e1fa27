import type { Endpoint } from 'payload'
import { NewsroomClientError } from '../utilities/clientError.js'

/**
 * Payload mounts `POST /:collection/verify/:token` on every auth collection, also without `auth.verify`,
 * and its operation then queries `_verificationToken`, a field that only exists with verification on: a
 * 500 for any token (payload/dist/auth/operations/verifyEmail.js). On our auth collections without
 * verification this route answers the 404 it is, before Payload's (custom endpoints are matched first).
 */
export const verifyWhenVerificationIsOff: Endpoint = {
  handler: () => {
    throw new NewsroomClientError('Email verification is not enabled for this collection.', 404)
  },
  method: 'post',
  path: '/verify/:token',
}
