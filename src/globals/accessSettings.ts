import type { GlobalConfig, Payload } from 'payload'

import type { ResolvedNewsroomOptions } from '../types.js'

import { editorsOnly } from '../access/roles.js'

import type { MeterSettings } from '../access/meter/meterPeriod.js'

export type { MeterSettings }

type AccessSettingsDoc = { meter?: { audience?: string; enabled?: boolean; free?: number; periodDays?: number } }

/**
 * Editors change the meter at runtime; `premium.meter` gives the starting values. Without `premium.meter`
 * the global still exists (a stable schema) but nothing is metered.
 */
export const accessSettingsGlobal = (options: ResolvedNewsroomOptions): GlobalConfig => {
  const m = options.premium.meter || { audience: 'members' as const, free: 3, periodDays: 30 }
  return {
    slug: options.slugs.accessSettings,
    access: { read: editorsOnly, update: editorsOnly },
    admin: {
      description: options.premium.meter
        ? 'Metered sampling: how many gated articles a requester who is not entitled may unlock per period.'
        : 'Metered sampling is off (the plugin option premium.meter is not set).',
      group: 'Newsroom',
    },
    fields: [
      {
        name: 'meter',
        type: 'group',
        fields: [
          { name: 'enabled', type: 'checkbox', defaultValue: true },
          {
            name: 'free',
            type: 'number',
            admin: { description: 'Free unlocks per period.' },
            defaultValue: m.free,
            label: 'Free articles per period',
            max: 1000,
            min: 0,
          },
          {
            name: 'periodDays',
            type: 'number',
            admin: { description: 'Length of a period in days (changing it starts new periods).' },
            defaultValue: m.periodDays,
            max: 366,
            min: 1,
          },
          {
            name: 'audience',
            type: 'select',
            admin: { description: 'Who may unlock: logged-in members only, or also anonymous visitors (by cookie).' },
            defaultValue: m.audience,
            options: ['members', 'everyone'],
          },
        ],
      },
    ],
    label: 'Access settings',
  }
}

/** The meter in force now (the global over the options), or null when there is none. */
export const readMeterSettings = async (
  payload: Payload,
  options: ResolvedNewsroomOptions,
): Promise<MeterSettings | null> => {
  const defaults = options.premium.meter
  if (!defaults) return null
  const doc = (await payload.findGlobal({ slug: options.slugs.accessSettings as never, depth: 0 })) as AccessSettingsDoc
  const meter = doc?.meter ?? {}
  if (meter.enabled === false) return null
  const whole = (value: unknown, fallback: number, min: number) =>
    typeof value === 'number' && Number.isFinite(value) ? Math.max(min, Math.floor(value)) : fallback
  return {
    audience: meter.audience === 'everyone' || meter.audience === 'members' ? meter.audience : defaults.audience,
    free: whole(meter.free, defaults.free, 0),
    periodDays: whole(meter.periodDays, defaults.periodDays, 1),
  }
}
