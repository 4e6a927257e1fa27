import type { Payload } from 'payload'

import type { ResolvedNewsroomOptions } from '../../types.js'

import { type MeterSettings, meterPeriodOf, meterStatus, type MeterStatus } from './meterPeriod.js'

type UnlockDoc = { article?: string; slot?: number }

/** The unique index refused the insert (the adapter's uniqueness error). */
const isDuplicate = (error: unknown): boolean => {
  const e = error as { code?: unknown; name?: string }
  return e?.code === 11000 || e?.name === 'ValidationError'
}

/** Article ids this requester unlocked in a period still running (one indexed query). */
export const meteredArticles = async (
  payload: Payload,
  options: ResolvedNewsroomOptions,
  requester: string,
  now: Date,
): Promise<Set<string>> => {
  const { docs } = await payload.db.find({
    collection: options.slugs.meterUnlocks,
    limit: 0,
    pagination: false,
    where: { and: [{ requester: { equals: requester } }, { expiresAt: { greater_than: now.toISOString() } }] },
  })
  return new Set((docs as UnlockDoc[]).map((d) => String(d.article)))
}

/** How much of the current period's meter this requester has used. */
export const meterUsage = async (
  payload: Payload,
  options: ResolvedNewsroomOptions,
  settings: MeterSettings,
  requester: null | string,
  now: Date,
): Promise<MeterStatus> => {
  const period = meterPeriodOf(now, settings.periodDays)
  if (!requester) return meterStatus(0, settings.free, period)
  const { totalDocs } = await payload.db.count({
    collection: options.slugs.meterUnlocks,
    where: { and: [{ requester: { equals: requester } }, { period: { equals: period.key } }] },
  })
  return meterStatus(totalDocs, settings.free, period)
}

export type UnlockOutcome = { outcome: 'already' | 'exhausted' | 'unlocked'; status: MeterStatus }

/**
 * Spends one of the requester's free unlocks on `article`, decided by the database: the unlock is one insert
 * that must win both unique indexes (the article not yet unlocked this period, a free slot 0…N-1). Slots are
 * tried from the current count on (a hint; the index decides), so under any concurrency on any number of
 * instances at most N documents exist per requester and period, and a repeated unlock of one article takes none.
 */
export const unlockWithMeter = async (
  payload: Payload,
  options: ResolvedNewsroomOptions,
  settings: MeterSettings,
  { article, now, requester }: { article: string; now: Date; requester: string },
): Promise<UnlockOutcome> => {
  const period = meterPeriodOf(now, settings.periodDays)
  const collection = options.slugs.meterUnlocks
  const articleKey = `${requester}|${period.key}|a:${article}`
  const held = async () =>
    (await payload.db.findOne({ collection, where: { articleKey: { equals: articleKey } } })) as null | UnlockDoc
  const usage = () => meterUsage(payload, options, settings, requester, now)

  if (await held()) return { outcome: 'already', status: await usage() }
  const start = (await usage()).used
  for (let i = 0; i < settings.free; i++) {
    const slot = (start + i) % settings.free
    try {
      await payload.db.create({
        collection,
        data: {
          article,
          articleKey,
          expiresAt: period.resetsAt.toISOString(),
          period: period.key,
          requester,
          slot,
          slotKey: `${requester}|${period.key}|s:${slot}`,
        },
        returning: false,
      })
      return { outcome: 'unlocked', status: await usage() }
    } catch (error) {
      if (!isDuplicate(error)) throw error
      // Which index refused: the article (a concurrent unlock of the same article won) or the slot (try the next).
      if (await held()) return { outcome: 'already', status: await usage() }
    }
  }
  return { outcome: 'exhausted', status: await usage() }
}
