/** The stored shape of a comment, as the hooks read it. */
export type CommentDoc = {
  article?: unknown
  authorEmail?: null | string
  authorName?: null | string
  authorUrl?: null | string
  body?: null | string
  createdAt?: string
  fingerprint?: null | string
  id: number | string
  moderationReason?: null | string
  parent?: unknown
  reader?: unknown
  status?: 'approved' | 'pending' | 'spam' | 'trash' | null
}
