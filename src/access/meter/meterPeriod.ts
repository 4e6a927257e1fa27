/**
 * Meter periods are fixed windows of `periodDays` counted from the Unix epoch: every instance computes the
 * same period for the same moment without asking anyone, and a period's documents carry when it ends.
 */
const DAY_MS = 24 * 60 * 60 * 1000

export type MeterPeriod = { key: string; resetsAt: Date; startsAt: Date }

export const meterPeriodOf = (now: Date, periodDays: number): MeterPeriod => {
  const length = Math.max(1, Math.floor(periodDays)) * DAY_MS
  const index = Math.floor(now.getTime() / length)
  return {
    key: `${Math.max(1, Math.floor(periodDays))}d:${index}`,
    resetsAt: new Date((index + 1) * length),
    startsAt: new Date(index * length),
  }
}

/** What GraphQL's `meter` and the 403 of an exhausted unlock report. */
export type MeterStatus = { limit: number; remaining: number; resetsAt: string; used: number }

export const meterStatus = (used: number, limit: number, period: MeterPeriod): MeterStatus => ({
  limit,
  remaining: Math.max(0, limit - used),
  resetsAt: period.resetsAt.toISOString(),
  used: Math.min(used, limit),
})

/** The meter in force (the Access settings global over `premium.meter`). */
export type MeterSettings = { audience: 'everyone' | 'members'; free: number; periodDays: number }
