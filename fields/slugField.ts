import type { PayloadRequest, TextField } from 'payload'

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
        async ({ collection, data, originalDoc, req, value }) => {
          if (typeof value === 'string' && value.trim()) return slugify(value) || undefined
          const source = data?.[fromField]
          if (typeof source !== 'string') return value
          const base = slugify(source)
          // Made from the title: like WordPress, a taken slug gets the next free `-2`, `-3`… (a slug the editor typed stays as typed and must be unique).
          return base && collection
            ? await firstFreeSlug(base, collection.slug, originalDoc?.id, req)
            : base || undefined
        },
      ],
    },
    index: true,
    maxLength: 120,
    unique: true,
    // Not `required`: the hook fills it, so API clients (and GraphQL inputs) may leave it out.
    validate: (value: null | string | undefined) => {
      if (!value) return 'A slug (or a title to make one from) is required.'
      return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) ? true : 'Use lower-case letters, digits and single hyphens only.'
    },
    ...overrides,
  }) as TextField

const firstFreeSlug = async (
  base: string,
  collection: string,
  ownId: number | string | undefined,
  req: PayloadRequest,
): Promise<string> => {
  // One query for every candidate already taken (`base`, `base-2`, …), drafts and all documents included.
  const { docs } = await req.payload.find({
    collection: collection as never,
    depth: 0,
    limit: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { slug: true } as never,
    where: {
      and: [
        { or: [{ slug: { equals: base } }, { slug: { like: `${base}-` } }] },
        ...(ownId !== undefined ? [{ id: { not_equals: ownId } }] : []),
      ],
    },
  })
  const taken = new Set(docs.map((doc) => (doc as { slug?: string }).slug))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}
