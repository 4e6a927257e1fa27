/** The moderation desk's keys (WordPress's comment screen: j/k move, a approve, u unapprove, s spam, t trash, r reply). */
export const DESK_SHORTCUTS = [
  { key: 'j', label: 'deskShortcutNext' },
  { key: 'k', label: 'deskShortcutPrevious' },
  { key: 'a', label: 'deskShortcutApprove', status: 'approved' },
  { key: 'u', label: 'deskShortcutUnapprove', status: 'pending' },
  { key: 's', label: 'deskShortcutSpam', status: 'spam' },
  { key: 't', label: 'deskShortcutTrash', status: 'trash' },
  { key: 'r', label: 'deskShortcutReply' },
  { key: '?', label: 'deskShortcutHelp' },
] as const

export type DeskShortcut = (typeof DESK_SHORTCUTS)[number]

/** Which shortcut a key press means, or null: never while typing, never with a modifier (browser and OS keys). */
export const deskShortcutFor = (event: {
  altKey: boolean
  ctrlKey: boolean
  key: string
  metaKey: boolean
  target: EventTarget | null
}): DeskShortcut | null => {
  if (event.altKey || event.ctrlKey || event.metaKey) return null
  const target = event.target as {
    closest?: (s: string) => unknown
    isContentEditable?: boolean
    tagName?: string
  } | null
  const tag = target?.tagName?.toLowerCase()
  if (tag === 'input' || tag === 'textarea' || tag === 'select' || target?.isContentEditable) return null
  if (typeof target?.closest === 'function' && target.closest('[role="dialog"], .popup, .react-select')) return null
  return DESK_SHORTCUTS.find((s) => s.key === event.key) ?? null
}

/** The next current row for j/k: -1 (none yet) moves to the first; the ends stay put. */
export const moveCurrent = (current: number, by: 1 | -1, rows: number): number => {
  if (rows <= 0) return -1
  if (current < 0) return by === 1 ? 0 : rows - 1
  return Math.min(rows - 1, Math.max(0, current + by))
}
