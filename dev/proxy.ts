import { type NextRequest, NextResponse } from 'next/server.js'

import { GIFT_HEADER, LOGIN_COOKIE, METER_COOKIE } from './app/(site)/lib/visitor.js'

/**
 * A gift link opened by a visitor the API does not know yet (no meter cookie). The article page is a server
 * render and cannot set cookies, so without this every view would be a new visitor taking another of the gift's
 * `maxOpens` places. Before the page renders, the gift is opened once through the API: its `Set-Cookie` goes to
 * the browser and, on this very request, to the render, which is then the same visitor (and so is every later view).
 */
export async function proxy(request: NextRequest) {
  const gift = request.nextUrl.searchParams.get('gift')
  // A logged-in visitor is known by their account (the render passes their login on): nothing to hand over.
  if (!gift || request.cookies.has(METER_COOKIE) || request.cookies.has(LOGIN_COOKIE)) return NextResponse.next()
  let slug: string
  try {
    slug = decodeURIComponent(request.nextUrl.pathname.split('/')[2] ?? '')
  } catch {
    return NextResponse.next() // a malformed path: the page answers it
  }
  if (!slug) return NextResponse.next()
  const api = new URL('/api/articles', request.nextUrl.origin)
  api.searchParams.set('where[slug][equals]', slug)
  api.searchParams.set('limit', '1')
  api.searchParams.set('depth', '0')
  api.searchParams.set('select[slug]', 'true')
  const opened = await fetch(api, {
    cache: 'no-store',
    headers: { [GIFT_HEADER]: gift },
    signal: AbortSignal.timeout(5_000),
  }).catch(() => null)
  const setCookie = opened?.headers.getSetCookie().find((c) => c.startsWith(`${METER_COOKIE}=`))
  if (!setCookie) return NextResponse.next()
  const value = setCookie.slice(METER_COOKIE.length + 1).split(';')[0]
  const headers = new Headers(request.headers)
  headers.set('cookie', [request.headers.get('cookie'), `${METER_COOKIE}=${value}`].filter(Boolean).join('; '))
  const response = NextResponse.next({ request: { headers } })
  response.headers.append('Set-Cookie', setCookie)
  return response
}

export const config = { matcher: '/news/:slug' }
