import type { TextField } from 'payload'

import { slugify } from '../src/utilities/slugify.js'

/** A unique, indexed slug filled from `fromField` when the editor leaves it empty. */
export const slugField = ({
  fromField = 'title',
  overrides = {},
}: { fromField?: string; overrides?: Partial<TextField> } = {}): TextField =>
  ({
    name: 'slug',
    type: 'text',
    admin: { description: 'Used in URLs. Filled from the title when left empty.', position: 'sidebar' },
    hooks: {
      beforeValidate: [
        ({ data, value }) => {
          const source = typeof value === 'string' && value.trim() ? value : data?.[fromField]
          return typeof source === 'string' ? slugify(source) || undefined : value
        },
      ],
    },
    index: true,
    maxLength: 120,
    unique: true,
    // Not `required`: the hook fills it, so API clients (and GraphQL inputs) may leave it out.
    validate: (value: null | string | undefined) => {
      if (!value) return 'A slug (or a title to make one from) is required.'
      return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)
        ? true
        : 'Use lower-case letters, digits and single hyphens only.'
    },
    ...overrides,
  }) as TextField
