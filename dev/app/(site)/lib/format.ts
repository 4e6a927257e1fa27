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

/** A same-site path to return to after logging in; anything else falls back to the home page. */
export const safeNextPath = (value: null | string | undefined): string =>
  value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/'
