/**
 * The comparisons that decide whether a reader's own update "changes" an editors-only field (and is refused with
 * a 403) or sends the stored value back (and is accepted): collections/readers/refuseEditorOnlyChange.ts.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

import { sameEmail, sameFlag, sameGroup } from '../collections/readers/refuseEditorOnlyChange.js'

describe('sameEmail', () => {
  it('the same mailbox in another case or with spaces around is no change; anything else is', () => {
    expect(sameEmail(' Reader@Example.TEST ', 'reader@example.test')).toBe(true)
    expect(sameEmail('other@example.test', 'reader@example.test')).toBe(false)
    for (const odd of [5, null, ['reader@example.test'], { $gt: '' }, true])
      expect(sameEmail(odd, 'reader@example.test')).toBe(false)
  })
})

describe('sameFlag', () => {
  it('absent equals false; a non-boolean is a change', () => {
    expect(sameFlag(false, undefined)).toBe(true)
    expect(sameFlag(true, true)).toBe(true)
    expect(sameFlag(true, false)).toBe(false)
    expect(sameFlag('true', true)).toBe(false)
  })
})

describe('sameGroup', () => {
  const stored = { currentPeriodEnd: '2030-01-01T00:00:00.000Z', plan: 'free', status: 'active', tier: null }

  it('any subset of the stored keys with their stored values is no change (dates in either ISO spelling)', () => {
    fc.assert(
      fc.property(fc.subarray(Object.keys(stored)), (keys) => {
        const sent = Object.fromEntries(keys.map((k) => [k, stored[k as keyof typeof stored]]))
        return sameGroup(sent, stored)
      }),
    )
    expect(sameGroup({ currentPeriodEnd: '2030-01-01T00:00:00Z', tier: undefined }, stored)).toBe(true)
  })

  it('one changed key, or a value that is no object, is a change', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('plan', 'status', 'currentPeriodEnd', 'tier', 'stripeCustomerId'),
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant('2999-01-01T00:00:00.000Z')),
        (key, value) => {
          fc.pre(value !== stored[key as keyof typeof stored])
          return !sameGroup({ ...stored, [key]: value }, stored)
        },
      ),
    )
    for (const odd of [null, 5, 'premium', [], true]) expect(sameGroup(odd, stored)).toBe(false)
  })
})
