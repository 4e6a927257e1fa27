import type { FieldError } from '../utilities/fieldError.js'

import { isEmailAddress } from '../utilities/isEmailAddress.js'

/** Limits of the "email this article" form. */
export const EMAIL_FORM_LIMITS = { maxRecipients: 5, messageLength: 1000, senderNameLength: 100 } as const

export type EmailFormErrors = FieldError[]

export type EmailForm = {
  /** True when the honeypot field was filled in: a bot, answered like a person but never sent. */
  honeypot: boolean
  message: null | string
  senderName: string
  to: string[]
}

export type EmailFormCheck = { errors: EmailFormErrors; ok: false } | { form: EmailForm; ok: true }

// Control characters other than the line feed the message may keep.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g
const URL_LIKE = /(?:[a-z][\w+.-]*:\/\/|www\.)/i

const recipientsOf = (value: unknown): null | string[] => {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null
  if (!list || !list.every((entry) => typeof entry === 'string')) return null
  return (list as string[]).flatMap((entry) => entry.split(/[\s,;]+/)).filter(Boolean)
}

/**
 * Checks `{ to, senderName, message? }` of the email form: one to `maxRecipients` valid addresses
 * (comma, semicolon or space separated, or an array; duplicates collapse), a sender name without
 * web addresses, an optional message of limited length. Returns every field error at once.
 */
export const validateEmailRequest = (body: unknown, { honeypotField }: { honeypotField: string }): EmailFormCheck => {
  const input = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
  const errors: EmailFormErrors = []

  const addresses = recipientsOf(input.to)
  const seen = new Set<string>()
  // Addresses are compared case-insensitively; the first spelling is kept.
  const to = (addresses ?? []).filter((address) => !seen.has(address.toLowerCase()) && seen.add(address.toLowerCase()))
  const invalid = to.filter((address) => !isEmailAddress(address))
  if (!addresses || !to.length) errors.push({ message: 'Enter at least one recipient email address.', path: 'to' })
  else if (invalid.length) {
    errors.push({
      message: `Not a valid email address: ${invalid
        .map((a) => a.slice(0, 80))
        .join(', ')
        .slice(0, 300)}`,
      path: 'to',
    })
  } else if (to.length > EMAIL_FORM_LIMITS.maxRecipients) {
    errors.push({ message: `Send to at most ${EMAIL_FORM_LIMITS.maxRecipients} recipients at once.`, path: 'to' })
  }

  const senderName =
    typeof input.senderName === 'string' ? input.senderName.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim() : ''
  if (input.senderName !== undefined && input.senderName !== null && typeof input.senderName !== 'string') {
    errors.push({ message: 'The sender name must be text.', path: 'senderName' })
  } else if (!senderName) errors.push({ message: 'Enter your name.', path: 'senderName' })
  else if (senderName.length > EMAIL_FORM_LIMITS.senderNameLength) {
    errors.push({
      message: `Your name can have at most ${EMAIL_FORM_LIMITS.senderNameLength} characters.`,
      path: 'senderName',
    })
  } else if (URL_LIKE.test(senderName)) {
    errors.push({ message: 'Your name cannot contain a web address.', path: 'senderName' })
  }

  let message: null | string = null
  if (input.message !== undefined && input.message !== null) {
    if (typeof input.message !== 'string') errors.push({ message: 'The message must be text.', path: 'message' })
    else {
      message = input.message.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim() || null
      if (message && message.length > EMAIL_FORM_LIMITS.messageLength) {
        errors.push({
          message: `The message can have at most ${EMAIL_FORM_LIMITS.messageLength} characters.`,
          path: 'message',
        })
      }
    }
  }

  if (errors.length) return { errors, ok: false }
  const trap = input[honeypotField]
  return {
    form: { honeypot: trap !== undefined && trap !== null && String(trap).trim() !== '', message, senderName, to },
    ok: true,
  }
}
