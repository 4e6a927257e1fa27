/** Longest excerpt a list row shows; the full text is one click away in the edit view. */
export const EXCERPT_LENGTH = 140

/** Collapses whitespace and cuts at a word boundary, adding an ellipsis when shortened. */
export const excerpt = (text: unknown, max = EXCERPT_LENGTH): string => {
  const flat = String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`
}
