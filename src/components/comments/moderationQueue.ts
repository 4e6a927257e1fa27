import type { CollectionSlug, Payload, TypedUser } from 'payload'

import { formatAdminURL } from 'payload/shared'

import type { NewsroomT } from '../serverTranslation.js'
import type { FilterTab } from '../shared/FilterTabs.js'

import { hasNoFilter, isBareListVisit, type RawSearchParams, singleFilter } from '../shared/searchParams.js'
import { MODERATION_STATUSES, queueSearch, statusLabelKey } from './moderationStatus.js'

type QueueArgs = { commentsSlug: string; payload: Payload; user: null | TypedUser | undefined }

/** The admin URL of the comments list, filtered to one status (or all). */
export const queueURL = (payload: Payload, commentsSlug: string, status?: (typeof MODERATION_STATUSES)[number]) =>
  `${formatAdminURL({ adminRoute: payload.config.routes.admin, path: `/collections/${commentsSlug}` })}${queueSearch(status)}`

/** Comments in one status (all when omitted), counted in the database as the signed-in editor (access control applies). */
export const countComments = async ({ commentsSlug, payload, user }: QueueArgs, status?: string): Promise<number> =>
  (
    await payload.count({
      collection: commentsSlug as CollectionSlug,
      overrideAccess: false,
      user,
      where: status ? { status: { equals: status } } : undefined,
    })
  ).totalDocs

/**
 * What the comments list shows above its table: a redirect to the pending queue when the list was opened
 * plainly (no query yet), otherwise All / Pending / Approved / Spam / Trash with their counts.
 */
export const moderationTabs = async (
  args: { searchParams: RawSearchParams; t: NewsroomT } & QueueArgs,
): Promise<{ redirectTo: string } | { tabs: FilterTab[] }> => {
  const { commentsSlug, payload, searchParams, t } = args
  if (isBareListVisit(searchParams)) return { redirectTo: queueURL(payload, commentsSlug, 'pending') }
  const [all, ...perStatus] = await Promise.all([
    countComments(args),
    ...MODERATION_STATUSES.map((status) => countComments(args, status)),
  ])
  const active = singleFilter(searchParams, 'status')
  return {
    tabs: [
      {
        id: 'all',
        active: hasNoFilter(searchParams),
        count: all,
        href: queueURL(payload, commentsSlug),
        label: t('plugin-newsroom:all'),
      },
      ...MODERATION_STATUSES.map((status, i) => ({
        id: status,
        active: active === status,
        count: perStatus[i],
        href: queueURL(payload, commentsSlug, status),
        label: t(statusLabelKey(status)),
      })),
    ],
  }
}

export type PendingComment = {
  articleTitle: null | string
  authorName: string
  body: string
  createdAt: null | string
  id: number | string
}

/** The pending count and the newest pending comments (with their article's title), read as the signed-in editor. */
export const pendingSummary = async (
  args: { articlesSlug: string; limit: number } & QueueArgs,
): Promise<{ newest: PendingComment[]; pending: number }> => {
  const { articlesSlug, commentsSlug, limit, payload, user } = args
  const [pending, found] = await Promise.all([
    countComments(args, 'pending'),
    payload.find({
      collection: commentsSlug as CollectionSlug,
      depth: 1,
      limit,
      overrideAccess: false,
      pagination: false,
      populate: { [articlesSlug]: { title: true } },
      select: { article: true, authorName: true, body: true, createdAt: true },
      sort: '-createdAt',
      user,
      where: { status: { equals: 'pending' } },
    }),
  ])
  const newest = (found.docs as Record<string, unknown>[]).map((doc) => {
    const article = doc.article as { title?: unknown } | null | number | string | undefined
    return {
      articleTitle: article && typeof article === 'object' && typeof article.title === 'string' ? article.title : null,
      authorName: String(doc.authorName ?? ''),
      body: String(doc.body ?? ''),
      createdAt: typeof doc.createdAt === 'string' ? doc.createdAt : null,
      id: doc.id as number | string,
    }
  })
  return { newest, pending }
}
