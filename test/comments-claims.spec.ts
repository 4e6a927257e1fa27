/**
 * The flood and duplicate rules are decided by claims in the database (collections/commentClaims): the
 * sliding window holds at its edges, concurrent submissions never both pass, a refused or unstored
 * submission gives its claims back, and the duplicate rule forgets words whose comment is gone.
 */
import type { Payload, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { randomUUID } from 'node:crypto'

import type { SubmissionKey } from '../src/moderation/moderateComment.js'
import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { INTERNAL_SLUGS } from '../src/defaults.js'
import { DUPLICATE_CLAIM_TRUST_SECONDS, submissionClaims } from '../collections/comments/hooks/submissionClaims.js'
import { duplicateClaimKeys, floodClaimKeys } from '../src/moderation/claimKeys.js'
import { publishArticle, setDiscussion, submit, uniqueEmail, uniqueIp } from './comments-fixtures.js'
import { startNewsroomApp } from './helpers/newsroomApp.js'

let app: NewsroomTestApp
let payload: Payload

beforeAll(async () => {
  app = await startNewsroomApp()
  payload = app.payload
})
afterAll(() => app?.shutdown())

const WINDOW = 15
const T0 = Date.parse('2030-01-01T00:00:00.000Z')

const requester = (): SubmissionKey => ({
  article: 'a1',
  authorEmail: uniqueEmail(),
  body: 'Same words',
  emailIdentifies: true,
  fingerprint: randomUUID(),
})

/** One submission's flood claim at `at` ms after T0: null when it took the window. */
const claimFlood = (self: SubmissionKey, at: number) =>
  submissionClaims({
    floodSeconds: WINDOW,
    hardened: false,
    now: new Date(T0 + at),
    req: { payload } as PayloadRequest,
    self,
    slug: 'comments',
  }).floodWait()

// Gaps around the window's edge, where a fixed time bucket lets two submissions 1 ms apart both pass.
const gap = fc.oneof(
  fc.integer({ max: WINDOW * 1000 + 2, min: WINDOW * 1000 - 2 }),
  fc.integer({ max: 2 * WINDOW * 1000, min: 0 }),
  fc.constantFrom(0, 1, 999, 1000),
)

describe('flood claims', () => {
  it('one after another: accepted exactly when floodSeconds have passed since the last accepted one (sliding window)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(gap, { maxLength: 12, minLength: 2 }), async (gaps) => {
        const self = requester()
        let at = 0
        let lastAccepted: null | number = null
        for (const g of gaps) {
          at += g
          const wait = await claimFlood(self, at)
          const expected = lastAccepted === null || at - lastAccepted >= WINDOW * 1000
          expect(wait === null).toBe(expected)
          if (wait === null) lastAccepted = at
          else expect(wait).toBe(Math.max(1, Math.ceil((lastAccepted! + WINDOW * 1000 - at) / 1000)))
        }
      }),
      { numRuns: 40 },
    )
  })

  it('all at once: any two accepted submissions of one requester are floodSeconds apart', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ max: 3 * WINDOW * 1000, min: 0 }), { maxLength: 20, minLength: 2 }),
        async (times) => {
          const self = requester()
          const waits = await Promise.all(times.map((at) => claimFlood(self, at)))
          const accepted = times.filter((_, i) => waits[i] === null).sort((a, b) => a - b)
          expect(accepted.length).toBeGreaterThanOrEqual(1)
          for (let i = 1; i < accepted.length; i++)
            expect(accepted[i] - accepted[i - 1]).toBeGreaterThanOrEqual(WINDOW * 1000)
        },
      ),
      { numRuns: 40 },
    )
  })

  it('a fingerprint and an email are each a requester: sharing either one conflicts', async () => {
    const a = requester()
    expect(await claimFlood(a, 0)).toBeNull()
    expect(await claimFlood({ ...a, fingerprint: randomUUID() }, 1000)).toBe(14)
    expect(await claimFlood({ ...a, authorEmail: uniqueEmail() }, 2000)).toBe(13)
    // Hardened, a typed-in email is no requester: only the fingerprint links.
    expect(await claimFlood({ ...a, emailIdentifies: false, fingerprint: randomUUID() }, 3000)).toBeNull()
  })

  it('keys are keyed hashes: no address or text in the claims', () => {
    const hash = (text: string) => `h(${text.length})`
    const self = requester()
    for (const key of [...floodClaimKeys(self, hash), ...duplicateClaimKeys(self, hash, true).map((k) => k.key)]) {
      expect(key).not.toContain(self.authorEmail)
      expect(key).not.toContain(self.body)
    }
  })
})

describe('duplicate claims', () => {
  const claimWords = (self: SubmissionKey, at: number) =>
    submissionClaims({
      floodSeconds: 0,
      hardened: false,
      now: new Date(T0 + at),
      req: { payload } as PayloadRequest,
      self,
      slug: 'comments',
    }).isDuplicate()

  it('all at once: exactly one submission holds the words', async () => {
    const self = requester()
    const taken = await Promise.all(Array.from({ length: 30 }, () => claimWords(self, 0)))
    expect(taken.filter((t) => !t)).toHaveLength(1)
  })

  it('an old claim whose comment is gone (never stored, deleted or trashed) is taken over, once', async () => {
    const self = requester()
    expect(await claimWords(self, 0)).toBe(false)
    // Still trusted while its comment may be on its way.
    expect(await claimWords(self, (DUPLICATE_CLAIM_TRUST_SECONDS - 1) * 1000)).toBe(true)
    const later = (DUPLICATE_CLAIM_TRUST_SECONDS + 1) * 1000
    const takeovers = await Promise.all(Array.from({ length: 10 }, () => claimWords(self, later)))
    expect(takeovers.filter((t) => !t)).toHaveLength(1)
  })
})

const countClaims = async () => (await payload.count({ collection: INTERNAL_SLUGS.commentClaims as never })).totalDocs

describe('through REST', () => {
  it('50 simultaneous submissions from one author, 20 rounds: one stored per round, every other answer 429 or 409', async () => {
    await setDiscussion(payload, { floodSeconds: WINDOW })
    const article = await publishArticle(payload)
    for (let round = 0; round < 20; round++) {
      const authorEmail = uniqueEmail('burst')
      const ip = uniqueIp()
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          // Half the same words (duplicates), half different words; the same email and address throughout.
          submit(
            app,
            'REST',
            { article, authorEmail, authorName: 'Burst', body: i % 2 ? `Burst ${round}` : `Burst ${round} #${i}` },
            { ip },
          ),
        ),
      )
      const statuses = answers.map((a) => a.status)
      expect(statuses.filter((s) => s === 201)).toHaveLength(1)
      expect(statuses.every((s) => s === 201 || s === 429 || s === 409)).toBe(true)
      const stored = await payload.count({ collection: 'comments', where: { authorEmail: { equals: authorEmail } } })
      expect(stored.totalDocs).toBe(1)
    }
  })

  it('a refused submission holds nothing: after a 409 the same requester may post other words at once', async () => {
    await setDiscussion(payload, { floodSeconds: WINDOW })
    const article = await publishArticle(payload)
    const data = { article, authorEmail: uniqueEmail(), authorName: 'Twice', body: 'Said once.' }
    expect((await submit(app, 'REST', data, { ip: uniqueIp() })).status).toBe(201)
    await setDiscussion(payload, { floodSeconds: 0 })
    const ip = uniqueIp()
    expect((await submit(app, 'REST', data, { ip })).status).toBe(409)
    await setDiscussion(payload, { floodSeconds: WINDOW })
    // The 409 did not take the window of this address.
    expect(
      (await submit(app, 'REST', { ...data, authorEmail: uniqueEmail(), body: 'Other words.' }, { ip })).status,
    ).toBe(201)
  })

  it('a submission Payload refuses after moderation (a field error) gives its claims back: no 429 for the retry', async () => {
    await setDiscussion(payload, { floodSeconds: WINDOW })
    const article = await publishArticle(payload)
    const ip = uniqueIp()
    const authorEmail = uniqueEmail()
    // Payload's own email validation is stricter than the moderation's pre-check: this passes moderation,
    // takes the claims, and is refused by Payload's field validation afterwards.
    const before = await countClaims()
    const bad = await submit(
      app,
      'REST',
      { article, authorEmail: 'ty..po@example.org', authorName: 'Typo', body: 'Hello there' },
      { ip },
    )
    expect(bad).toMatchObject({ fieldErrors: [expect.objectContaining({ path: 'authorEmail' })], status: 400 })
    // Nothing of it is left in the claims either.
    expect(await countClaims()).toBe(before)
    expect(
      (await submit(app, 'REST', { article, authorEmail, authorName: 'Typo', body: 'Hello there' }, { ip })).status,
    ).toBe(201)
  })
})
