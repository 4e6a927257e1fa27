import type { CollectionSlug, PayloadRequest } from 'payload'

import type { LexicalState } from '../utilities/extractTeaser.js'

import { VIDEO_EMBED_BLOCK } from '../lexical/videoEmbedBlock.js'

type LexicalNode = {
  [key: string]: unknown
  children?: LexicalNode[]
  fields?: { [key: string]: unknown; blockType?: string; video?: unknown }
  relationTo?: string
  type?: string
  value?: unknown
}

type ID = number | string

const isID = (value: unknown): value is ID => typeof value === 'string' || typeof value === 'number'

const walk = (nodes: LexicalNode[] | undefined, visit: (node: LexicalNode) => void): void => {
  for (const node of nodes ?? []) {
    visit(node)
    if (Array.isArray(node.children)) walk(node.children, visit)
  }
}

/**
 * Fills in upload images and embedded videos that arrived as bare ids (the gate computes the teaser
 * before Payload populates the body). Every document is read with the requester's own access,
 * so a premium video stays gated and an unreadable upload stays an id (and is then left out).
 */
export const populateBodyRelations = async (
  state: LexicalState | null,
  { req, videosSlug }: { req: PayloadRequest; videosSlug: string },
): Promise<LexicalState | null> => {
  if (!state) return null
  const body = structuredClone(state)
  const wanted = new Map<string, Set<ID>>()
  const want = (collection: string, id: ID) => {
    if (!req.payload.collections[collection]) return
    const ids = wanted.get(collection) ?? new Set<ID>()
    ids.add(id)
    wanted.set(collection, ids)
  }
  walk(body.root.children as LexicalNode[], (node) => {
    if (node.type === 'upload' && typeof node.relationTo === 'string' && isID(node.value))
      want(node.relationTo, node.value)
    if (node.type === 'block' && node.fields?.blockType === VIDEO_EMBED_BLOCK && isID(node.fields.video)) {
      want(videosSlug, node.fields.video)
    }
  })
  if (!wanted.size) return body

  const found = new Map<string, Map<string, Record<string, unknown>>>()
  await Promise.all(
    [...wanted].map(async ([collection, ids]) => {
      const result = await req.payload.find({
        collection: collection as CollectionSlug,
        depth: 0,
        limit: ids.size,
        overrideAccess: false,
        pagination: false,
        req,
        where: { id: { in: [...ids] } },
      })
      found.set(collection, new Map(result.docs.map((doc) => [String(doc.id), doc as Record<string, unknown>])))
    }),
  )
  walk(body.root.children as LexicalNode[], (node) => {
    if (node.type === 'upload' && typeof node.relationTo === 'string' && isID(node.value)) {
      node.value = found.get(node.relationTo)?.get(String(node.value)) ?? node.value
    }
    if (node.type === 'block' && node.fields?.blockType === VIDEO_EMBED_BLOCK && isID(node.fields.video)) {
      node.fields.video = found.get(videosSlug)?.get(String(node.fields.video)) ?? node.fields.video
    }
  })
  return body
}
