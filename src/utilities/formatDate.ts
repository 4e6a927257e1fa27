/**
 * A stored date as readers see it in print and PDF: the long date style of `locale`, in UTC (the day a
 * story was published does not move with the server's time zone). `null` for no or an unreadable date;
 * an unknown locale falls back to English rather than failing the whole document.
 */
export const formatDate = (iso: null | string | undefined, locale: string): null | string => {
  if (!iso) return null
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return null
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date)
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(date)
  }
}
