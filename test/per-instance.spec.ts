/** src/utilities/perInstance.ts: one state per Payload instance, created once, never shared between instances. */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

import { perInstance } from '../src/utilities/perInstance.js'

describe('perInstance', () => {
  it('creates one state per instance, on first use, and returns that same state afterwards', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 4 }), { maxLength: 40 }), (uses) => {
        let created = 0
        const stateOf = perInstance(() => ({ serial: created++ }))
        const instances = Array.from({ length: 5 }, () => ({}))
        const seen = new Map<object, { serial: number }>()
        for (const i of uses) {
          const instance = instances[i]!
          const state = stateOf(instance)
          if (seen.has(instance)) expect(state).toBe(seen.get(instance))
          else seen.set(instance, state)
        }
        // One creation per distinct instance used, and no state shared by two of them.
        expect(created).toBe(new Set(uses).size)
        expect(new Set(seen.values()).size).toBe(seen.size)
      }),
    )
  })

  it('keeps a falsy state instead of creating it again', () => {
    let created = 0
    const stateOf = perInstance(() => {
      created++
      return 0
    })
    const instance = {}
    expect([stateOf(instance), stateOf(instance)]).toEqual([0, 0])
    expect(created).toBe(1)
  })
})
