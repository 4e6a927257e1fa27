import type { CollectionBeforeChangeHook } from 'payload'

import { effectiveVisibility, type Visibility, VISIBILITIES } from '../utilities/accessDecision.js'

type Flags = { premium?: boolean | null; tiers?: null | string[]; visibility?: null | string }

/**
 * Keeps `premium` and `visibility` in step on every save, so clients of either keep working: a changed
 * visibility sets premium (anything but public); a changed premium alone sets visibility (`true` → paid,
 * `false` → public); otherwise the stricter reading of the two wins (`effectiveVisibility`).
 */
export const syncVisibility: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const next = data as Flags
  // A flag of the wrong type or an unknown visibility is left as sent, so field validation answers 400 with the
  // field's message (collection beforeChange hooks run before it); syncing would turn bad input into a valid write.
  if (next.premium !== undefined && next.premium !== null && typeof next.premium !== 'boolean') return data
  if (
    next.visibility !== undefined &&
    next.visibility !== null &&
    !(VISIBILITIES as readonly unknown[]).includes(next.visibility)
  )
    return data
  // Partial updates (a PATCH of the title) carry neither flag: the stored ones stand.
  const before = (originalDoc ?? {}) as Flags
  let visibility: Visibility
  const visibilityChanged = next.visibility !== undefined && next.visibility !== before.visibility
  const premiumChanged = typeof next.premium === 'boolean' && next.premium !== before.premium
  const chosen = effectiveVisibility({ visibility: next.visibility ?? null })
  if (visibilityChanged && chosen && !(premiumChanged && next.premium === true && chosen === 'public')) {
    visibility = chosen
  } else if (premiumChanged) {
    const current = effectiveVisibility({ visibility: before.visibility ?? null })
    visibility = next.premium ? (current && current !== 'public' ? current : 'paid') : 'public'
  } else {
    const merged = { premium: next.premium ?? before.premium, visibility: next.visibility ?? before.visibility }
    visibility = effectiveVisibility(merged) ?? (originalDoc ? 'paid' : 'public')
  }
  return { ...data, premium: visibility !== 'public', visibility }
}
