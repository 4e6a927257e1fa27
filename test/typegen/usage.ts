/**
 * Type-checked against the freshly generated payload-types.ts: fails `npm run typecheck` when the
 * generated types lose a contract field or stop compiling.
 */
import type { CollectionSlug } from 'payload'

import type { Article, Comment, Reader, Video } from './payload-types.js'

export const contractFields = (article: Article, comment: Comment, video: Video, reader: Reader) => ({
  article: [
    article.title,
    article.slug,
    article.premium,
    article.locked,
    article.teaser,
    article.commentCount,
    article.allowComments,
    article.relatedVideos,
    article.comments,
  ],
  comment: [
    comment.article,
    comment.parent,
    comment.authorName,
    comment.authorEmail,
    comment.authorUrl,
    comment.body,
    comment.status,
    comment.moderationReason,
  ],
  reader: [
    reader.email,
    reader.name,
    reader.subscription?.plan,
    reader.subscription?.status,
    reader.subscription?.currentPeriodEnd,
  ],
  video: [
    video.title,
    video.slug,
    video.url,
    video.file,
    video.provider,
    video.providerId,
    video.embedUrl,
    video.thumbnailUrl,
    video.poster,
    video.duration,
    video.premium,
    video.locked,
    video.relatedArticles,
  ],
})

export const commentStatus: Comment['status'][] = ['pending', 'approved', 'spam', 'trash']

// The generated module augmentation makes Payload's own types know our slugs.
export const slugs: CollectionSlug[] = ['articles', 'comments', 'videos', 'readers', 'media']
