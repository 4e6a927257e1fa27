import type { AfterErrorHook } from 'payload'

/**
 * Payload routes `/:collection/versions` (list, by id, restore) for every collection, also those that keep no
 * versions, where the database adapter throws ("Failed to retrieve collection version model"): a 500 for a
 * URL that names nothing. On our collections without versions that request is answered 404 — recognised by
 * the collection's config and the request's path, not by the error's wording. Every other error passes through.
 */
export const answerMissingVersions: AfterErrorHook = ({ collection, error, req, result }) => {
  // Refusals (403 for a requester who may not read versions at all) stay as they are: only the adapter's 500.
  if (((error as { status?: number }).status ?? 500) !== 500) return
  if (!collection || collection.versions || !req?.url) return
  const segments = new URL(req.url, 'http://localhost').pathname.split('/').filter(Boolean)
  const at = segments.lastIndexOf(collection.slug)
  if (at < 0 || segments[at + 1] !== 'versions') return
  return { response: { ...result, errors: [{ message: 'This collection keeps no versions.' }] }, status: 404 }
}
