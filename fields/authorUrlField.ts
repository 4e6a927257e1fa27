import type { TextField } from 'payload'

/** A commenter's website: http(s) only, so no `javascript:` links reach a page. */
export const isHttpUrl = (value: unknown): boolean => {
  if (typeof value !== 'string') return false
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

export const authorUrlField = (overrides: Partial<TextField> = {}): TextField =>
  ({
    name: 'authorUrl',
    type: 'text',
    label: 'Website',
    maxLength: 500,
    validate: (value: null | string | undefined) =>
      !value || isHttpUrl(value) ? true : 'Website must be an http:// or https:// address.',
    ...overrides,
  }) as TextField
