/**
 * Kill points of a cluster child (test/harness/clusterChild.ts): named places where the process SIGKILLs
 * itself when the parent armed that name, like a machine losing power right there. Nothing in the plugin
 * knows about them: the child wraps `payload.db` methods, the test email adapter calls them, and a test
 * config may append hooks that call `killPoint(name)`.
 *
 * Names used by the harness (collection = slug):
 *   db.<method>.<collection>.before | .after    every `payload.db` method that takes a `collection`
 *   db.updateJobs.payload-jobs.before | .after  (updateJobs has no collection argument)
 *   email.send.before | email.send.after        inside the outbox email adapter, around the recorded delivery
 * plus whatever the test config calls (clusterConfig.ts: hook.<collection>.<hook>).
 *
 * In a process that is not a cluster child (Jest, bench) nothing is ever armed and `killPoint` is a no-op.
 */
import { writeSync } from 'node:fs'

export type KillPointArm = {
  /** Kill at the nth time the point is reached (1 = the first). Default 1. */
  nth?: number
  /** Only count hits whose detail (e.g. the collection's `data`, the email's subject) contains this text. */
  matching?: string
}

type Armed = Required<Pick<KillPointArm, 'nth'>> & { hits: number; matching?: string }

const armed = new Map<string, Armed>()
const seen = new Map<string, number>()

export function armKillPoint(name: string, arm: KillPointArm = {}): void {
  armed.set(name, { hits: 0, matching: arm.matching, nth: Math.max(1, arm.nth ?? 1) })
}

/** Whether any point is armed (callers skip building details otherwise). */
export function anyKillPointArmed(): boolean {
  return armed.size > 0
}

export function disarmKillPoints(): void {
  armed.clear()
}

/** How often each point was reached in this process (armed or not), for tests that check a point exists. */
export function killPointHits(): Record<string, number> {
  return Object.fromEntries(seen)
}

/** SIGKILL this process if `name` is armed and this is its nth (matching) hit. */
export function killPoint(name: string, detail?: unknown): void {
  seen.set(name, (seen.get(name) ?? 0) + 1)
  const arm = armed.get(name)
  if (!arm) return
  if (arm.matching !== undefined) {
    let text: string
    try {
      text = typeof detail === 'string' ? detail : (JSON.stringify(detail) ?? '')
    } catch {
      text = String(detail)
    }
    if (!text.includes(arm.matching)) return
  }
  arm.hits += 1
  if (arm.hits < arm.nth) return
  // Synchronous write: the parent reads which point killed the process even though nothing else gets flushed.
  writeSync(2, `\n[cluster] KILLPOINT ${name}\n`)
  process.kill(process.pid, 'SIGKILL')
}
