const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })

/** "17 June 2024" (UTC, so server and browser agree). */
export const formatDate = (iso: null | string | undefined): string => (iso ? dateFormat.format(new Date(iso)) : '')

/** "10:34" from seconds. */
export const formatDuration = (seconds: null | number | undefined): string => {
  if (!seconds || seconds < 0) return ''
  const total = Math.round(seconds)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** An http(s) URL, or null: nothing else (javascript:, data:) is ever put in an href or src. */
export const safeHttpUrl = (value: null | string | undefined): null | string => {
  if (!value) return null
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

// The API and the admin panel are not pages of the site to land on after a reader's login.
const NOT_SITE_PAGES = /^\/(api|admin)(\/|$)/i

// Any origin of our own would do: only whether the browser stays on it matters.
const SAME_SITE = 'https://same-site.invalid'

/**
 * A same-site path to return to after logging in; anything else falls back to the home page. The value is
 * resolved as the browser will resolve it (URL parsing drops tabs and newlines and reads `\` as `/`, so
 * `/\t/evil.example` is `//evil.example`), and only a result on this site is kept, re-serialised so the
 * browser sees exactly the path that was checked.
 */
export const safeNextPath = (value: null | string | undefined): string => {
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (!value || !value.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(value)) return '/'
  let url: URL
  try {
    url = new URL(value, SAME_SITE)
  } catch {
    return '/'
  }
  const path = `${url.pathname}${url.search}${url.hash}`
  // A path starting `//` would be read as another host once it is navigated to.
  return url.origin === SAME_SITE && !path.startsWith('//') && !NOT_SITE_PAGES.test(url.pathname) ? path : '/'
}
