/**
 * Moderation reasons in words (issue #18.4): each rule leaves its reason as data and as an English sentence,
 * and the admin says it in the editor's language with dates in the editor's locale.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

import type { ModerationReason } from '../src/moderation/moderationReason.js'

import { editorDecision } from '../collections/comments/hooks/recordEditorDecision.js'
import { moderationReasonInWords } from '../src/components/comments/moderationReasonInWords.js'
import { compileKeyMatcher } from '../src/moderation/keyMatcher.js'
import {
  type ModerationInput,
  type ModerationLookups,
  type ModerationSettings,
  moderateComment,
  moderateEdit,
} from '../src/moderation/moderateComment.js'
import {
  describeModerationReason,
  interpolate,
  moderationReasonText,
  readModerationReason,
} from '../src/moderation/moderationReason.js'
import { de } from '../src/translations/de.js'
import { en } from '../src/translations/en.js'

const settings = (overrides: Partial<ModerationSettings> = {}): ModerationSettings => ({
  closeAfterDays: 0,
  disallowedKeys: compileKeyMatcher(['viagra']),
  floodSeconds: 0,
  hardenAgainstProbing: false,
  manualApproval: false,
  maxLinks: 2,
  moderationKeys: compileKeyMatcher(['casino']),
  premiumOnly: false,
  previouslyApproved: true,
  ...overrides,
})

const input = (comment: Partial<ModerationInput['comment']> = {}, honeypot?: string): ModerationInput => ({
  article: { allowComments: true },
  commenterEntitled: false,
  comment: { authorEmail: 'ann@example.org', authorName: 'Ann', body: 'A thoughtful comment.', ...comment },
  honeypot,
  now: new Date('2026-03-01T10:00:00.000Z'),
})

const lookups = (overrides: Partial<ModerationLookups> = {}): ModerationLookups => ({
  floodWait: async () => null,
  hasApprovedComment: async () => false,
  isDuplicate: async () => false,
  ...overrides,
})

// Payload's `t` over our namespace, for one language (what the admin components call).
const translator = (language: typeof en) => (key: string, vars?: Record<string, unknown>) => {
  const name = key.replace(/^plugin-newsroom:/, '') as keyof (typeof en)['plugin-newsroom']
  return interpolate(language['plugin-newsroom'][name], vars as Record<string, string>)
}

const links = 'see https://a.example and https://b.example and www.c.example'

describe('each rule leaves its reason as data and in words', () => {
  it.each<[string, ModerationInput, Partial<ModerationSettings>, Partial<ModerationLookups>, ModerationReason, string]>(
    [
      ['honeypot', input({}, 'bot'), {}, {}, { code: 'honeypot' }, 'The hidden anti-bot field was filled in'],
      [
        'disallowed key',
        input({ body: 'cheap VIAGRA here' }),
        {},
        {},
        { code: 'disallowedKey', field: 'comment', key: 'viagra' },
        "Matched disallowed key 'viagra' in the comment",
      ],
      [
        'too many links',
        input({ body: links }),
        {},
        {},
        { code: 'maxLinks', links: 3, max: 2 },
        '3 links, more than 2',
      ],
      [
        'one link over zero',
        input({ body: 'https://a.example' }),
        { maxLinks: 0 },
        {},
        { code: 'maxLinks', links: 1, max: 0 },
        '1 link, more than 0',
      ],
      [
        'moderation key',
        input({ authorName: 'Casino King' }),
        {},
        {},
        { code: 'moderationKey', field: 'name', key: 'casino' },
        "Matched moderation key 'casino' in the name",
      ],
      [
        'spam check said spam',
        input(),
        {},
        { spamCheck: async () => 'spam' },
        { code: 'spamCheckSpam' },
        'The spam check said spam',
      ],
      [
        'spam check failed',
        input(),
        {},
        { spamCheck: async () => Promise.reject(new Error('timeout')) },
        { code: 'spamCheckFailed', error: 'timeout' },
        'The spam check failed (timeout), so it is held',
      ],
      [
        'manual approval',
        input(),
        { manualApproval: true },
        {},
        { code: 'manualApproval' },
        'Manual approval is on: every comment waits for an editor',
      ],
      [
        'previously approved',
        input(),
        {},
        { hasApprovedComment: async () => true },
        { code: 'previouslyApproved' },
        'The author has a previously approved comment',
      ],
      ['first comment', input(), {}, {}, { code: 'firstComment' }, 'First comment by this author (none approved yet)'],
      ['no rule at all', input(), { previouslyApproved: false }, {}, { code: 'default' }, 'Awaiting moderation'],
    ],
  )('%s', async (_, facts, overrides, lookupOverrides, reasonDetail, reason) => {
    const verdict = await moderateComment(facts, settings(overrides), lookups(lookupOverrides))
    expect(verdict).toMatchObject({ outcome: 'store', reason, reasonDetail })
  })

  it("an author's edit that trips a rule says so", () => {
    expect(moderateEdit(input({ body: links }).comment, settings())).toMatchObject({
      reason: 'Edited: 3 links, more than 2',
      reasonDetail: { code: 'edited', reason: { code: 'maxLinks', links: 3, max: 2 } },
    })
  })

  it("an editor's decision keeps the time as data", () => {
    const reason = editorDecision('spam', 'e@x.test', new Date('2026-01-31T09:00:00.000Z'))
    expect(reason).toEqual({
      at: '2026-01-31T09:00:00.000Z',
      code: 'editorDecision',
      decision: 'spam',
      editor: 'e@x.test',
    })
    expect(moderationReasonText(reason!)).toBe('Marked as spam by e@x.test on 2026-01-31T09:00:00.000Z')
  })
})

describe("in the editor's language, dates in the editor's locale", () => {
  const decided = { at: '2026-01-31T09:00:00.000Z', code: 'editorDecision', decision: 'approved', editor: 'e@x.test' }
  const sentence = moderationReasonText(decided as ModerationReason)

  it.each([
    ['en', en, { code: 'maxLinks', links: 3, max: 2 }, '3 links, more than 2'],
    ['de', de, { code: 'maxLinks', links: 3, max: 2 }, '3 Links, mehr als 2'],
    ['de', de, { code: 'moderationKey', field: 'email', key: 'casino' }, "Moderationsbegriff 'casino' im Feld E-Mail"],
    ['de', de, { code: 'firstComment' }, 'Erster Kommentar dieser Person (noch keiner freigegeben)'],
    ['de', de, { code: 'reported', reports: 3 }, 'Von 3 Lesern gemeldet; zurück in der Moderation'],
    [
      'de',
      de,
      { code: 'edited', reason: { code: 'disallowedKey', field: 'website', key: 'x.example' } },
      "Bearbeitet: Gesperrter Begriff 'x.example' im Feld Website",
    ],
  ])('%s: %j', (language, strings, reason, expected) => {
    const text = moderationReasonText(reason as ModerationReason)
    expect(moderationReasonInWords(text, reason, translator(strings), language)).toBe(expected)
  })

  it('formats the decision date with the editor locale', () => {
    const german = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(decided.at),
    )
    const english = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(decided.at),
    )
    expect(german).not.toBe(english)
    expect(moderationReasonInWords(sentence, decided, translator(de), 'de')).toBe(
      `Freigegeben von e@x.test am ${german}`,
    )
    expect(moderationReasonInWords(sentence, decided, translator(en), 'en')).toBe(`Approved by e@x.test on ${english}`)
  })

  it('shows a sentence an editor wrote as written, and nothing when there is no reason', () => {
    expect(moderationReasonInWords('Rude, see thread', decided, translator(de), 'de')).toBe('Rude, see thread')
    expect(moderationReasonInWords('Older sentence', null, translator(de), 'de')).toBe('Older sentence')
    expect(moderationReasonInWords(null, null, translator(en), 'en')).toBe('')
    expect(moderationReasonInWords('', undefined, translator(en), 'en')).toBe('')
  })

  it('every English message has a German one, with the same placeholders', () => {
    const ours = en['plugin-newsroom']
    const theirs = de['plugin-newsroom'] as Record<string, string>
    for (const [key, text] of Object.entries(ours)) {
      const names = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()
      expect(theirs[key]).toBeDefined()
      expect(names(theirs[key]!)).toEqual(names(text))
    }
  })
})

describe('readModerationReason (stored data read back)', () => {
  it.each([
    [null],
    ['maxLinks'],
    [{ code: 'nope' }],
    [{ code: 'maxLinks', links: '3', max: 2 }],
    [{ code: 'maxLinks', links: -1, max: 2 }],
    [{ code: 'moderationKey', field: 'password', key: 'x' }],
    [{ code: 'editorDecision', at: 'x', decision: 'published', editor: 'e' }],
    [{ code: 'edited', reason: { code: 'edited' } }],
  ])('refuses %j', (value) => {
    expect(readModerationReason(value)).toBeNull()
  })

  it('describes anything it accepts without throwing, in both languages', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const reason = readModerationReason(value)
        if (!reason) return true
        for (const strings of [en, de]) {
          const words = describeModerationReason(reason, (key, vars) => translator(strings)(key, vars))
          if (typeof words !== 'string' || words.includes('{{')) return false
        }
        return true
      }),
    )
  })
})
