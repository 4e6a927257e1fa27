const HTML_ESCAPES: Record<string, string> = {
  '"': '&quot;',
  '&': '&amp;',
  "'": '&#39;',
  '<': '&lt;',
  '>': '&gt;',
}

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHTML = (value: unknown): string =>
  String(value ?? '').replace(/["&'<>]/g, (char) => HTML_ESCAPES[char]!)

/**
 * Makes CSS safe to place inside a `<style>` element: the only way out of a style element is
 * its end tag, so every `</style` (any case) gets its slash escaped (CSS reads `<\/` as `</`).
 */
export const escapeStyleText = (css: string): string => css.replace(/<\/(style)/gi, '<\\/$1')
