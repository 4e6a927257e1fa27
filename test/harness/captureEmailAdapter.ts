/**
 * A real Payload `EmailAdapter` that records every message it is asked to send.
 *
 * Everything Payload (or the plugin) sends through `payload.sendEmail(...)` —
 * forgot-password, verification, newsletters... — ends up in `sentEmails`.
 * Nothing is delivered anywhere; the adapter resolves like a transport that
 * accepted the message (nodemailer-style `{ messageId, accepted }`).
 *
 * The array lives in this module, so it is per Jest test file (each file has its
 * own module registry). Call `clearSentEmails()` in `beforeEach` when asserting
 * on counts.
 */
import type { EmailAdapter, SendEmailOptions } from 'payload'

export interface CapturedEmail {
  /** Generated id, also returned to the caller as `messageId`. */
  messageId: string
  /** Recipient addresses, normalized to plain strings (to + cc + bcc are kept separately). */
  to: string[]
  cc: string[]
  bcc: string[]
  from: string | undefined
  subject: string | undefined
  html: string | undefined
  text: string | undefined
  /** The untouched options passed to `sendEmail`. */
  message: SendEmailOptions
  sentAt: Date
}

export interface CaptureSendResult {
  accepted: string[]
  messageId: string
}

/** Every message sent through any `captureEmailAdapter` instance in this test file. */
export const sentEmails: CapturedEmail[] = []

export function clearSentEmails(): void {
  sentEmails.length = 0
}

type AddressLike = { address?: string; name?: string } | string
type AddressInput = AddressLike | AddressLike[] | undefined

function addresses(value: unknown): string[] {
  const list = (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]) as AddressLike[]
  return list
    .flatMap((entry) => {
      if (typeof entry === 'string') {
        return entry.split(',')
      }
      return entry && typeof entry.address === 'string' ? [entry.address] : []
    })
    .map((address) => address.trim())
    .filter(Boolean)
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8')
  return undefined
}

let counter = 0

export interface CaptureEmailAdapterOptions {
  defaultFromAddress?: string
  defaultFromName?: string
}

/**
 * Create the adapter. Use as `email: captureEmailAdapter()` in a Payload config
 * (initPayload uses it by default when the config has no `email`).
 */
export function captureEmailAdapter(options: CaptureEmailAdapterOptions = {}): EmailAdapter<CaptureSendResult> {
  const defaultFromAddress = options.defaultFromAddress ?? 'newsroom-test@example.com'
  const defaultFromName = options.defaultFromName ?? 'Newsroom Test'

  return () => ({
    name: 'capture-email',
    defaultFromAddress,
    defaultFromName,
    sendEmail: async (message: SendEmailOptions): Promise<CaptureSendResult> => {
      const to = addresses(message.to as AddressInput)
      if (to.length === 0) {
        throw new Error('captureEmailAdapter: message has no recipient (`to`)')
      }
      counter += 1
      const messageId = `<capture-${process.pid}-${Date.now()}-${counter}@newsroom.test>`
      const fromAddress = addresses(message.from as AddressInput)[0]
      sentEmails.push({
        bcc: addresses(message.bcc as AddressInput),
        cc: addresses(message.cc as AddressInput),
        from: fromAddress ?? `${defaultFromName} <${defaultFromAddress}>`,
        html: textOf(message.html),
        message,
        messageId,
        sentAt: new Date(),
        subject: message.subject,
        text: textOf(message.text),
        to,
      })
      return { accepted: to, messageId }
    },
  })
}

/**
 * Resolve with the first captured email matching `predicate`, waiting up to
 * `timeoutMs` (emails sent from async hooks may arrive after the response).
 */
export async function waitForEmail(
  predicate: (email: CapturedEmail) => boolean,
  timeoutMs = 5_000,
): Promise<CapturedEmail> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = sentEmails.find(predicate)
    if (found) return found
    if (Date.now() > deadline) {
      throw new Error(
        `waitForEmail: no matching email within ${timeoutMs}ms (captured: ${
          sentEmails.map((e) => `${e.to.join(',')}: ${e.subject ?? ''}`).join(' | ') || 'none'
        })`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
