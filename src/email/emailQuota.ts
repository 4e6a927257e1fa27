export const EMAIL_QUOTA_WINDOW_MS = 60 * 60 * 1000

/** One accepted send in the log: when, and to how many recipients. */
export type EmailLogEntry = { createdAt: Date | string; id: number | string; recipients: number }

export type EmailQuotaDecision = { allowed: false; retryAfterSeconds: number } | { allowed: true }

const time = (value: Date | string) => new Date(value).getTime()

/** Log order: by time, ties broken by id, so concurrent requests agree on who came first. */
const compareEntries = (a: EmailLogEntry, b: EmailLogEntry): number =>
  time(a.createdAt) - time(b.createdAt) || String(a.id).localeCompare(String(b.id))

/**
 * Whether one requester may send `requested` more emails, each recipient counting as one email,
 * at most `limit` within the sliding `windowMs`. `entries` are the requester's log entries in the
 * window, possibly including the request's own reservation (`ownId`): only entries before it count,
 * so two concurrent requests never both take the last places. When refused, `retryAfterSeconds`
 * says when enough earlier sends will have left the window.
 */
export const decideEmailQuota = ({
  entries,
  limit,
  now,
  ownId,
  requested,
  windowMs = EMAIL_QUOTA_WINDOW_MS,
}: {
  entries: EmailLogEntry[]
  limit: number
  now: Date
  ownId?: number | string
  requested: number
  windowMs?: number
}): EmailQuotaDecision => {
  const windowStart = now.getTime() - windowMs
  const sorted = [...entries].filter((entry) => time(entry.createdAt) > windowStart).sort(compareEntries)
  const own = ownId === undefined ? -1 : sorted.findIndex((entry) => String(entry.id) === String(ownId))
  const earlier = own >= 0 ? sorted.slice(0, own) : sorted.filter((entry) => String(entry.id) !== String(ownId))
  let used = earlier.reduce((sum, entry) => sum + Math.max(0, entry.recipients), 0)
  if (used + requested <= limit) return { allowed: true }
  if (requested > limit) return { allowed: false, retryAfterSeconds: Math.ceil(windowMs / 1000) }
  for (const entry of earlier) {
    used -= Math.max(0, entry.recipients)
    if (used + requested <= limit) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((time(entry.createdAt) + windowMs - now.getTime()) / 1000)),
      }
    }
  }
  return { allowed: false, retryAfterSeconds: Math.ceil(windowMs / 1000) }
}
