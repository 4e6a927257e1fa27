/**
 * The one access decision (src/access/accessDecision.ts): table-driven over visibility × requester × unlock
 * route, and property tests — nothing opens a document but the rules, and `premium: true` alone means `paid`.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

import {
  decideAccess,
  effectiveVisibility,
  type GatedFacts,
  mayQueryGatedFields,
  NOBODY,
  type RequesterFacts,
  VISIBILITIES,
} from '../src/utilities/accessDecision.js'
import { syncVisibility } from '../src/access/syncVisibility.js'

const ID = 'a1'
const doc = (visibility: string, tiers: string[] = []): GatedFacts => ({
  id: ID,
  premium: visibility !== 'public',
  tiers,
  visibility,
})

const R = {
  anonymous: NOBODY,
  member: { ...NOBODY, member: true },
  expired: { ...NOBODY, member: true },
  paidNoTier: { ...NOBODY, entitled: true, member: true },
  digital: { ...NOBODY, entitled: true, member: true, tier: 'digital' },
  allAccess: { ...NOBODY, entitled: true, member: true, tier: 'all-access' },
  editor: { ...NOBODY, editor: true, entitled: true, member: true },
} satisfies Record<string, RequesterFacts>

describe('decideAccess: visibility × requester', () => {
  // [visibility, tiers, requester, locked, unlockedBy]
  const table: [string, string[], keyof typeof R, boolean, null | string][] = [
    ['public', [], 'anonymous', false, null],
    ['public', [], 'editor', false, null],
    ['members', [], 'anonymous', true, null],
    ['members', [], 'member', false, 'subscription'],
    ['members', [], 'expired', false, 'subscription'],
    ['members', [], 'digital', false, 'subscription'],
    ['members', [], 'editor', false, 'editor'],
    ['paid', [], 'anonymous', true, null],
    ['paid', [], 'member', true, null],
    ['paid', [], 'paidNoTier', false, 'subscription'],
    ['paid', [], 'digital', false, 'subscription'],
    ['paid', [], 'editor', false, 'editor'],
    ['tiers', ['all-access'], 'anonymous', true, null],
    ['tiers', ['all-access'], 'member', true, null],
    ['tiers', ['all-access'], 'paidNoTier', true, null],
    ['tiers', ['all-access'], 'digital', true, null],
    ['tiers', ['all-access'], 'allAccess', false, 'subscription'],
    ['tiers', ['digital', 'all-access'], 'digital', false, 'subscription'],
    ['tiers', [], 'allAccess', true, null],
    ['tiers', ['all-access'], 'editor', false, 'editor'],
  ]
  it.each(table)('%s %j for %s → locked %s by %s', (visibility, tiers, requester, locked, unlockedBy) => {
    expect(decideAccess(doc(visibility, tiers), R[requester])).toEqual({ locked, unlockedBy, visibility })
  })
})

describe('decideAccess: unlock routes', () => {
  it.each(['members', 'paid', 'tiers'])('%s: a gift for this document opens it, for another does not', (v) => {
    expect(decideAccess(doc(v, ['x']), { ...NOBODY, giftArticle: ID }).unlockedBy).toBe('gift')
    expect(decideAccess(doc(v, ['x']), { ...NOBODY, giftArticle: 'other' }).locked).toBe(true)
  })
  it.each(['members', 'paid', 'tiers'])('%s: a meter unlock of this document opens it, of another does not', (v) => {
    expect(decideAccess(doc(v, ['x']), { ...NOBODY, metered: new Set([ID]) }).unlockedBy).toBe('meter')
    expect(decideAccess(doc(v, ['x']), { ...NOBODY, metered: new Set(['other']) }).locked).toBe(true)
  })
  it('subscription wins over gift and meter; editor over everything', () => {
    const all = { ...R.digital, giftArticle: ID, metered: new Set([ID]) }
    expect(decideAccess(doc('paid'), all).unlockedBy).toBe('subscription')
    expect(decideAccess(doc('paid'), { ...all, editor: true }).unlockedBy).toBe('editor')
    expect(decideAccess(doc('paid'), { ...NOBODY, giftArticle: ID, metered: new Set([ID]) }).unlockedBy).toBe('gift')
  })
  it('trusted server code reads everything, nothing unlocked', () => {
    expect(decideAccess(doc('tiers'), 'trusted')).toEqual({ locked: false, unlockedBy: null, visibility: 'tiers' })
  })
  it('a document without an id is never opened by a gift or meter', () => {
    expect(decideAccess({ visibility: 'paid' }, { ...NOBODY, giftArticle: 'undefined' }).locked).toBe(true)
  })
})

describe('effectiveVisibility (premium keeps working)', () => {
  it.each([
    [{ premium: true }, 'paid'],
    [{ premium: false }, 'public'],
    [{}, null],
    [{ premium: null, visibility: null }, null],
    [{ premium: true, visibility: 'public' }, 'paid'],
    [{ premium: false, visibility: 'members' }, 'members'],
    [{ premium: true, visibility: 'tiers' }, 'tiers'],
    [{ premium: false, visibility: 'bogus' }, 'public'],
    [{ visibility: 'bogus' }, null],
  ])('%j → %s', (facts, expected) => {
    expect(effectiveVisibility(facts as GatedFacts)).toBe(expected)
  })
})

const requesterArb: fc.Arbitrary<RequesterFacts> = fc.record({
  editor: fc.boolean(),
  entitled: fc.boolean(),
  giftArticle: fc.option(fc.constantFrom('a1', 'a2', 'a3'), { nil: null }),
  member: fc.boolean(),
  metered: fc.uniqueArray(fc.constantFrom('a1', 'a2', 'a3')).map((a) => new Set(a)),
  tier: fc.option(fc.constantFrom('digital', 'all-access', 'print'), { nil: null }),
})
const docArb: fc.Arbitrary<GatedFacts> = fc.record(
  {
    id: fc.constantFrom('a1', 'a2', 'a3'),
    premium: fc.option(fc.boolean(), { nil: undefined }),
    tiers: fc.uniqueArray(fc.constantFrom('digital', 'all-access', 'print')),
    visibility: fc.option(fc.constantFrom(...VISIBILITIES, 'bogus'), { nil: undefined }),
  },
  { requiredKeys: ['id'] },
)

describe('decideAccess: properties', () => {
  it('an open gated document is always explained by a rule, and locked means unlockedBy null', () => {
    fc.assert(
      fc.property(docArb, requesterArb, (d, r) => {
        const { locked, unlockedBy, visibility } = decideAccess(d, r)
        if (locked) return unlockedBy === null && visibility !== 'public'
        if (visibility === 'public') return unlockedBy === null
        switch (unlockedBy) {
          case 'editor':
            return r.editor
          case 'gift':
            return r.giftArticle === d.id
          case 'meter':
            return r.metered.has(String(d.id))
          case 'subscription':
            if (visibility === 'members') return r.member || r.entitled
            if (visibility === 'paid') return r.entitled
            return r.entitled && r.tier !== null && (d.tiers ?? []).includes(r.tier)
          default:
            return false
        }
      }),
    )
  })
  it('more standing never closes what less standing opened (monotone)', () => {
    fc.assert(
      fc.property(docArb, requesterArb, (d, r) => {
        if (decideAccess(d, r).locked) return true
        return (
          !decideAccess(d, { ...r, entitled: true, member: true }).locked &&
          !decideAccess(d, { ...r, editor: true }).locked
        )
      }),
    )
  })
  it('where/sort on gated fields: editors, and entitled subscribers only when no tier document is closed to them', async () => {
    await fc.assert(
      fc.asyncProperty(requesterArb, fc.boolean(), async (r, closed) => {
        const allowed = await mayQueryGatedFields(r, async () => closed)
        return allowed === (r.editor || (r.entitled && !closed))
      }),
    )
  })
})

describe('syncVisibility (premium and visibility in step)', () => {
  const run = (data: Record<string, unknown>, originalDoc?: Record<string, unknown>) =>
    syncVisibility({ data, originalDoc, operation: originalDoc ? 'update' : 'create' } as never) as Record<
      string,
      unknown
    >
  it.each([
    ['create premium: true (visibility default)', { premium: true, visibility: 'public' }, undefined, 'paid'],
    ['create visibility members', { premium: false, visibility: 'members' }, undefined, 'members'],
    ['create visibility tiers', { premium: false, tiers: ['x'], visibility: 'tiers' }, undefined, 'tiers'],
    ['create plain', { premium: false, visibility: 'public' }, undefined, 'public'],
    ['premium: false on a members doc', { premium: false }, { premium: true, visibility: 'members' }, 'public'],
    ['premium: true on a public doc', { premium: true }, { premium: false, visibility: 'public' }, 'paid'],
    [
      'visibility public on a paid doc',
      { premium: true, visibility: 'public' },
      { premium: true, visibility: 'paid' },
      'public',
    ],
    ['a title-only update keeps tiers', { title: 'x' }, { premium: true, visibility: 'tiers' }, 'tiers'],
    ['a legacy premium doc', { title: 'x' }, { premium: true }, 'paid'],
    ['a legacy free doc', { title: 'x' }, { premium: false }, 'public'],
  ])('%s', (_name, data, original, expected) => {
    const out = run(data, original)
    expect(out.visibility).toBe(expected)
    expect(out.premium).toBe(expected !== 'public')
  })
})
