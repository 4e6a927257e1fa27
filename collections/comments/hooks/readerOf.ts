import type { PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../../../src/types.js'

/** A logged-in reader (a user of the plugin's readers collection), or null. */
export const readerOf = (req: PayloadRequest, options: ResolvedNewsroomOptions) =>
  req.user && options.slugs.readers && req.user.collection === options.slugs.readers ? req.user : null
