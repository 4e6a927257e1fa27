/**
 * Jest `setupFilesAfterEnv`: safety net so that a test file which forgets
 * `shutdown()` (or fails in `beforeAll` before registering it) does not leave a
 * MongoDB connection open — which would keep an in-band Jest run alive forever.
 * Runs after the file's own afterAll hooks.
 */
import { afterAll } from '@jest/globals'

import { shutdownAllPayloadInstances } from './initPayload.js'

afterAll(async () => {
  await shutdownAllPayloadInstances()
})
