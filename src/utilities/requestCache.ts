import type { PayloadRequest } from 'payload'

/**
 * One value per request, computed on first use and shared by every hook, access check, document, field
 * and populated relationship of that request (entitlement, discussion settings).
 *
 * Why the key is `req.context`: Payload wraps `req` in a per-resolver proxy for GraphQL, so `req` itself is
 * a different object in each resolver of one query, while `req.context` stays the same object. A request
 * without a context object falls back to `req`. Keys are held weakly: the values go with the request.
 *
 * Only per-request memory lives here. What may outlive a request (compiled key lists, resolved settings)
 * is a derived cache keyed by the stored data's version or content, never the only copy of anything: the
 * database stays the source of truth, so every instance sees a save on its next request.
 *
 * `sameUser`: reuse the value only while `req.user` is the one it was computed for (a login inside the
 * request must not inherit the anonymous answer). A rejected promise is dropped, so a failed read never
 * sticks to the request.
 */
export const requestCache = <T>({ sameUser = false } = {}) => {
  const cache = new WeakMap<object, { user: unknown; value: T }>()
  return (req: PayloadRequest, compute: () => T): T => {
    const key: object = req.context && typeof req.context === 'object' ? req.context : req
    const cached = cache.get(key)
    if (cached && (!sameUser || cached.user === req.user)) return cached.value
    const value = compute()
    const entry = { user: req.user, value }
    cache.set(key, entry)
    if (value instanceof Promise) {
      value.catch(() => {
        if (cache.get(key) === entry) cache.delete(key)
      })
    }
    return value
  }
}
