import type { CommentThread } from '../lib/threads.js'

import { formatDate, safeHttpUrl } from '../lib/format.js'

function CommentItem({
  articlePath,
  comment,
  repliesOpen,
}: {
  articlePath: string
  comment: CommentThread
  repliesOpen: boolean
}) {
  const authorId = `comment-${comment.id}-author`
  const website = safeHttpUrl(comment.authorUrl)
  return (
    <li className={comment.staff ? 'comment comment--staff' : 'comment'} id={`comment-${comment.id}`}>
      <article aria-labelledby={authorId}>
        <header className="comment-meta">
          <span className="comment-author" id={authorId}>
            {website ? (
              <a href={website} rel="nofollow ugc noopener noreferrer">
                {comment.authorName}
              </a>
            ) : (
              comment.authorName
            )}
          </span>{' '}
          {comment.staff ? (
            <span className="comment-staff" title="Written by the newsroom">
              Staff
            </span>
          ) : null}{' '}
          <time dateTime={comment.createdAt}>{formatDate(comment.createdAt)}</time>
        </header>
        <p className="comment-body">{comment.body}</p>
        {repliesOpen ? (
          <a
            aria-label={`Reply to ${comment.authorName}`}
            className="comment-reply"
            href={`${articlePath}?replyTo=${encodeURIComponent(comment.id)}#respond`}
          >
            Reply
          </a>
        ) : null}
      </article>
      {comment.replies.length ? (
        <ol className="comment-replies">
          {comment.replies.map((reply) => (
            <CommentItem articlePath={articlePath} comment={reply} key={reply.id} repliesOpen={repliesOpen} />
          ))}
        </ol>
      ) : null}
    </li>
  )
}

/** Approved comments as nested threads, oldest first. */
export function CommentThreads({
  articlePath,
  repliesOpen,
  threads,
}: {
  articlePath: string
  repliesOpen: boolean
  threads: CommentThread[]
}) {
  if (!threads.length) return <p>No comments yet.</p>
  return (
    <ol className="comment-list">
      {threads.map((comment) => (
        <CommentItem articlePath={articlePath} comment={comment} key={comment.id} repliesOpen={repliesOpen} />
      ))}
    </ol>
  )
}
