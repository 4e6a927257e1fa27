import type { PayloadRequest } from 'payload'

import { isEditor } from '../../../src/access/roles.js'
import { TRUSTED_WRITE } from './trustedWrite.js'

/** Whether this write goes through moderation: anyone but editors and trusted server code. */
export const isModeratedWrite = (req: PayloadRequest, data: unknown): boolean =>
  !isEditor(req) && !(data && typeof data === 'object' && (data as Record<symbol, unknown>)[TRUSTED_WRITE] === true)
