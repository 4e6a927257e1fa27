/**
 * Email adapter of cluster children: a real Payload `EmailAdapter` that records each accepted message as one
 * JSON line in `<dir>/<node>.jsonl` (appended synchronously, so a delivery survives a SIGKILL right after it),
 * so the parent can count deliveries across processes. It can refuse the first attempts of every message
 * (like a mail server that is down for a while) and take time per send (so concurrent runners overlap).
 */
import type { EmailAdapter, SendEmailOptions } from 'payload'

import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { killPoint } from './killPoints.js'

export type OutboxOptions = {
  dir: string
  node: string
  /** Each message's first n attempts in this process throw (counted per message, per process). */
  failFirstAttempts?: number
  /** Milliseconds each send takes before it is accepted. */
  delayMs?: number
}

export type OutboxDelivery = {
  node: string
  pid: number
  at: string
  to: string[]
  subject: string
  messageId?: string
  /** The plugin's idempotency key, as given in the message's headers (X-Idempotency-Key). */
  key?: string
  headers: Record<string, string>
}

const recipients = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((entry) =>
    typeof entry === 'string'
      ? entry
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : entry && typeof entry === 'object' && 'address' in entry
        ? [String((entry as { address: unknown }).address)]
        : [],
  )

const headersOf = (message: SendEmailOptions): Record<string, string> => {
  const raw = (message as { headers?: unknown }).headers
  if (!raw || typeof raw !== 'object') return {}
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
}

export function outboxEmailAdapter(options: OutboxOptions): EmailAdapter {
  mkdirSync(options.dir, { recursive: true })
  const file = path.join(options.dir, `${options.node}.jsonl`)
  const attempts = new Map<string, number>()
  return () => ({
    name: 'cluster-outbox',
    defaultFromAddress: 'newsroom@cluster.test',
    defaultFromName: 'Newsroom cluster test',
    sendEmail: async (message: SendEmailOptions) => {
      const to = recipients(message.to)
      const headers = headersOf(message)
      const key = headers['X-Idempotency-Key']
      const identity = key ?? `${to.join(',')}|${message.subject ?? ''}`
      killPoint('email.send.before', { key, subject: message.subject, to })
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs))
      const attempt = (attempts.get(identity) ?? 0) + 1
      attempts.set(identity, attempt)
      if (attempt <= (options.failFirstAttempts ?? 0)) {
        throw new Error(`cluster-outbox: mail server unavailable (attempt ${attempt} of ${identity})`)
      }
      const delivery: OutboxDelivery = {
        at: new Date().toISOString(),
        headers,
        key,
        messageId: (message as { messageId?: string }).messageId,
        node: options.node,
        pid: process.pid,
        subject: String(message.subject ?? ''),
        to,
      }
      appendFileSync(file, `${JSON.stringify(delivery)}\n`)
      killPoint('email.send.after', { key, subject: message.subject, to })
      return { accepted: to, messageId: delivery.messageId ?? `<outbox-${process.pid}-${Date.now()}@cluster.test>` }
    },
  })
}

/** Every delivery recorded in `dir` by any process. */
export function readOutbox(dir: string): OutboxDelivery[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) =>
      readFileSync(path.join(dir, name), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as OutboxDelivery),
    )
}
