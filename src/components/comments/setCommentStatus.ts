import type { Where } from 'payload'

import { formatAdminURL } from 'payload/shared'

import type { ModerationStatus } from './moderationStatus.js'

export type SetCommentStatusResult = { errors: string[]; updated: number }

/**
 * Moves the comments matching `where` to `status` through Payload's REST bulk update
 * (`PATCH /api/{comments}?where=…`), as the signed-in editor: access control and hooks run as for any edit.
 */
export async function setCommentStatus(args: {
  apiRoute: string
  collectionSlug: string
  language?: string
  serverURL?: string
  status: ModerationStatus
  where: Where
}): Promise<SetCommentStatusResult> {
  const { apiRoute, collectionSlug, language, serverURL, status, where } = args
  const search = `?${toQueryString({ depth: 0, select: { status: true }, where })}`
  const url = formatAdminURL({ apiRoute, path: `/${collectionSlug}${search}` as `/${string}`, serverURL })
  const res = await fetch(url, {
    body: JSON.stringify({ status }),
    credentials: 'include',
    headers: {
      'Content-Type': 'application/json',
      ...(language ? { 'Accept-Language': language } : {}),
    },
    method: 'PATCH',
  })
  const json = (await res.json().catch(() => ({}))) as {
    docs?: unknown[]
    errors?: { message?: string }[]
    message?: string
  }
  const errors = (json.errors ?? []).map((e) => e?.message ?? String(e)).filter(Boolean)
  if (!res.ok && errors.length === 0) errors.push(json.message ?? `${res.status} ${res.statusText}`)
  return { errors, updated: json.docs?.length ?? 0 }
}

/** Bracket-notation query string (`where[id][in][0]=a`), the form Payload's REST API parses. */
export function toQueryString(value: Record<string, unknown>): string {
  const pairs: string[] = []
  const walk = (prefix: string, v: unknown): void => {
    if (v === undefined) return
    if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) walk(prefix ? `${prefix}[${k}]` : k, child)
      return
    }
    pairs.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(v === null ? '' : String(v))}`)
  }
  walk('', value)
  return pairs.join('&')
}
