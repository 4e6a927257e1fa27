/** Pure parts of exactly-once mail and crash recovery: idempotency keys, Message-IDs, leases, options. */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

import { resolveOptions } from '../src/defaults.js'
import { leaseCutoff, leaseExpired } from '../src/delivery/lease.js'
import { IDEMPOTENCY_HEADER, idempotencyFields, messageKey } from '../src/delivery/messageKey.js'

const part = fc.oneof(fc.string(), fc.integer())

describe('messageKey', () => {
  it('is the same for the same logical message, whenever and wherever it is computed', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 5 }), (parts) =>
        expect(messageKey(...parts)).toBe(messageKey(...parts.map((p) => p))),
      ),
    )
  })

  it('differs for different messages, including parts that only differ in where they split', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 4 }), fc.array(fc.string(), { maxLength: 4 }), (x, y) => {
        fc.pre(JSON.stringify(x) !== JSON.stringify(y))
        expect(messageKey(...x)).not.toBe(messageKey(...y))
      }),
    )
    expect(messageKey('ab', 'c')).not.toBe(messageKey('a', 'bc'))
  })

  it('never shows the addresses it is made of, and fits a header and a Message-ID', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.string(), (email, id) => {
        const key = messageKey('task', id, email)
        expect(key).toMatch(/^nm1-[A-Za-z0-9_-]{43}$/)
        expect(key).not.toContain(email)
      }),
    )
  })
})

describe('idempotencyFields', () => {
  it('puts the key in the header and in a Message-ID on the site’s host', () => {
    expect(idempotencyFields('nm1-abc', 'https://news.example.com/')).toEqual({
      headers: { [IDEMPOTENCY_HEADER]: 'nm1-abc' },
      messageId: '<nm1-abc@news.example.com>',
    })
  })

  it('falls back to a reserved domain without a usable site URL', () => {
    expect(idempotencyFields('nm1-abc', '').messageId).toBe('<nm1-abc@payload-plugin-newsroom.invalid>')
    expect(idempotencyFields('nm1-abc', 'not a url').messageId).toBe('<nm1-abc@payload-plugin-newsroom.invalid>')
  })
})

describe('leaseExpired', () => {
  it('holds exactly from lease seconds on, and agrees with leaseCutoff', () => {
    fc.assert(
      fc.property(
        fc.integer({ max: 2_000_000_000_000, min: 1_000_000_000_000 }),
        fc.integer({ max: 10_000_000, min: -10_000 }),
        fc.integer({ max: 3600, min: 1 }),
        (now, age, lease) => {
          const since = new Date(now - age)
          const expired = leaseExpired(since.toISOString(), new Date(now), lease)
          expect(expired).toBe(age >= lease * 1000)
          expect(expired).toBe(since.getTime() <= leaseCutoff(new Date(now), lease).getTime())
        },
      ),
    )
  })

  it('treats a missing or unreadable stamp as expired (nobody holds it)', () => {
    for (const since of [null, undefined, '', 'garbage']) expect(leaseExpired(since, new Date(), 300)).toBe(true)
  })
})

describe('jobs options', () => {
  it('defaults to a 5-minute lease and a reconcile every 10 minutes on the default queue', () => {
    expect(resolveOptions().jobs).toEqual({
      leaseSeconds: 300,
      reconcileCron: '*/10 * * * *',
      reconcileQueue: 'default',
    })
  })

  it('keeps what the host sets, and at least one second of lease', () => {
    expect(
      resolveOptions({ jobs: { leaseSeconds: 30, reconcileCron: false, reconcileQueue: 'maintenance' } }).jobs,
    ).toEqual({
      leaseSeconds: 30,
      reconcileCron: false,
      reconcileQueue: 'maintenance',
    })
    expect(resolveOptions({ jobs: { leaseSeconds: 0 } }).jobs.leaseSeconds).toBe(1)
  })
})
