import type { TextField } from 'payload'

import { isHttpUrl } from '../src/utilities/safeUrl.js'

export const authorUrlField = (overrides: Partial<TextField> = {}): TextField =>
  ({
    name: 'authorUrl',
    type: 'text',
    label: 'Website',
    maxLength: 500,
    validate: (value: null | string | undefined) =>
      !value || isHttpUrl(value) ? true : 'Website must be an http:// or https:// address.',
    ...overrides,
  }) as TextField
