import type { Payload, PayloadRequest } from 'payload'

type KeyListField = 'disallowedKeys' | 'moderationKeys'

const MAX_ATTEMPTS = 8

type GlobalsModel = {
  countDocuments: (filter: object) => Promise<number>
  updateOne: (filter: object, update: object) => Promise<{ matchedCount?: number }>
}

/**
 * Changes one key list of the Discussion settings without losing a concurrent change: the new list is written
 * only if the stored one is still the list it was computed from (a conditional update in the database),
 * otherwise it is read again and recomputed. `edit` returns null when there is nothing to change.
 * Returns whether anything changed.
 */
export const updateKeyList = async ({
  edit,
  field,
  globalSlug,
  payload,
  req,
}: {
  edit: (list: string) => null | string
  field: KeyListField
  globalSlug: string
  payload: Payload
  req: PayloadRequest
}): Promise<boolean> => {
  const model = (payload.db as unknown as { globals?: GlobalsModel }).globals
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const doc = (await payload.findGlobal({
      slug: globalSlug as never,
      depth: 0,
      overrideAccess: true,
      req,
    })) as Record<string, unknown>
    const stored = typeof doc[field] === 'string' ? (doc[field] as string) : ''
    const next = edit(stored)
    if (next === null) return false
    const saved = model ? await model.countDocuments({ globalType: globalSlug }) : 0
    if (!model || saved === 0) {
      // Never saved yet (defaults only), or not the MongoDB adapter: Payload's own write.
      await payload.updateGlobal({
        slug: globalSlug as never,
        data: { [field]: next } as never,
        overrideAccess: true,
        req,
      })
      return true
    }
    const result = await model.updateOne(
      { globalType: globalSlug, [field]: stored === '' ? { $in: ['', null] } : stored },
      // `updatedAt` keys every instance's settings cache: they all read the new list on their next comment.
      { $set: { [field]: next, updatedAt: new Date() } },
    )
    if ((result.matchedCount ?? 0) > 0) return true
  }
  throw new Error('The discussion settings kept changing; try again.')
}
