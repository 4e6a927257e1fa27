/**
 * Unit tests of the pure moderation engine (src/moderation): each rule on its own, table-driven,
 * then the engine's order (an earlier rule decides before a later one is even looked up).
 */
import { describe, expect, it, jest } from '@jest/globals'
import fc from 'fast-check'

import { compileKeyMatcher, parseKeyList } from '../src/moderation/keyMatcher.js'
import {
  commentsClosedReason,
  countLinks,
  floodRetryAfter,
  isDuplicateOf,
  isHoneypotFilled,
  isSameRequester,
  MODERATION_RULES,
  type ModerationInput,
  type ModerationLookups,
  type ModerationSettings,
  moderateComment,
  moderateEdit,
  type StoredSubmission,
} from '../src/moderation/moderateComment.js'
import { compiledKeys, resolveDiscussionSettings } from '../src/moderation/settings.js'
import {
  clientAddress,
  normalizeBody,
  normalizeLine,
  requesterFromHeaders,
  submissionErrors,
} from '../src/moderation/submission.js'
import { defaultCommentRules } from '../src/defaults.js'

const NOW = new Date('2025-06-01T12:00:00.000Z')

describe('parseKeyList', () => {
  it.each([
    ['', []],
    [null, []],
    ['viagra', ['viagra']],
    ['  casino \n\n cheap pills\r\n10.0.0.1\r', ['casino', 'cheap pills', '10.0.0.1']],
  ])('%j → %j', (text, expected) => {
    expect(parseKeyList(text as null | string)).toEqual(expected)
  })
})

describe('compileKeyMatcher (Aho-Corasick)', () => {
  it.each([
    { expected: null, keys: [], texts: ['anything'] },
    { expected: null, keys: ['  ', ''], texts: ['anything'] },
    { expected: { key: 'casino', textIndex: 0 }, keys: ['casino'], texts: ['Best CASINO in town'] },
    { expected: { key: 'Casino', textIndex: 0 }, keys: ['Casino'], texts: ['best casino'] },
    { expected: null, keys: ['casino'], texts: ['cas ino', 'casin'] },
    {
      expected: { key: 'spam.example', textIndex: 2 },
      keys: ['spam.example'],
      texts: ['Ann', 'ann@x.org', 'https://spam.example/x'],
    },
    // Classic overlapping dictionary: "hers" ends inside "ushers"; "she" is found first while scanning.
    { expected: { key: 'she', textIndex: 0 }, keys: ['he', 'she', 'his', 'hers'], texts: ['ushers'] },
    // A key that is a suffix of a longer partial match must be found through the failure links.
    { expected: { key: 'bcd', textIndex: 0 }, keys: ['abcx', 'bcd'], texts: ['zabcd'] },
    { expected: { key: 'aab', textIndex: 0 }, keys: ['aab'], texts: ['aaab'] },
    { expected: { key: 'übel', textIndex: 0 }, keys: ['übel'], texts: ['ÜBEL gemeint'] },
    { expected: { key: '192.168.0.1', textIndex: 1 }, keys: ['192.168.0.1'], texts: ['x', '192.168.0.12'] },
    { expected: { key: 'Casino', textIndex: 0 }, keys: ['Casino', 'casino ', 'CASINO'], texts: ['casino'] },
  ])('keys $keys in $texts → $expected', ({ expected, keys, texts }) => {
    expect(compileKeyMatcher(keys).findIn(texts)).toEqual(expected)
  })

  it('counts distinct non-empty keys', () => {
    expect(compileKeyMatcher(['a', 'A', ' a ', '', 'b']).size).toBe(2)
  })

  it('agrees with a plain substring loop on random keys and texts', () => {
    // Deterministic pseudo-random generator, so a failure is reproducible.
    let seed = 42
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const word = (min: number, max: number) =>
      Array.from(
        { length: min + Math.floor(random() * (max - min + 1)) },
        () => 'abcdE'[Math.floor(random() * 5)],
      ).join('')
    for (let round = 0; round < 200; round++) {
      const keys = Array.from({ length: 1 + Math.floor(random() * 30) }, () => word(1, 5))
      const text = word(0, 60)
      const matcher = compileKeyMatcher(keys)
      const hit = matcher.findIn([text])
      const expected = keys.some((k) => text.toLowerCase().includes(k.toLowerCase()))
      expect(Boolean(hit)).toBe(expected)
      if (hit) expect(text.toLowerCase()).toContain(hit.key.toLowerCase())
    }
  })
})

describe('countLinks', () => {
  it.each([
    ['', 0],
    ['no links here, just example.com', 0],
    ['see http://a.example', 1],
    ['see https://a.example/x?y=1 and www.b.example', 2],
    ['HTTP://A.EXAMPLE and http://www.c.example', 2],
    ['<a href="https://x.example">x</a> https://y.example https://z.example', 3],
  ])('%j → %i', (text, expected) => {
    expect(countLinks(text)).toBe(expected)
  })
})

describe('isHoneypotFilled', () => {
  it.each([
    [undefined, false],
    [null, false],
    ['', false],
    ['   ', false],
    [false, false],
    ['555-1234', true],
    [0, true],
    [{}, true],
  ])('%j → %j', (value, expected) => {
    expect(isHoneypotFilled(value)).toBe(expected)
  })
})

describe('commentsClosedReason', () => {
  const open = { closeAfterDays: 0, premiumOnly: false }
  it.each([
    { article: {}, entitled: false, expected: null, settings: open },
    { article: { allowComments: true }, entitled: false, expected: null, settings: open },
    {
      article: { allowComments: false },
      entitled: true,
      expected: 'Comments are closed for this article.',
      settings: open,
    },
    {
      article: { commentsCloseAt: '2025-06-01T11:59:59.000Z' },
      entitled: false,
      expected: 'Comments are closed for this article.',
      settings: open,
    },
    { article: { commentsCloseAt: '2025-06-01T12:00:01.000Z' }, entitled: false, expected: null, settings: open },
    { article: { commentsCloseAt: 'not a date' }, entitled: false, expected: null, settings: open },
    {
      article: { publishedAt: '2025-05-01T12:00:00.000Z' },
      entitled: false,
      expected: 'Comments close 30 days after publication.',
      settings: { ...open, closeAfterDays: 30 },
    },
    {
      article: { publishedAt: '2025-05-03T12:00:00.000Z' },
      entitled: false,
      expected: null,
      settings: { ...open, closeAfterDays: 30 },
    },
    { article: { publishedAt: '2020-01-01T00:00:00.000Z' }, entitled: false, expected: null, settings: open },
    {
      article: { premium: true },
      entitled: false,
      expected: 'Only subscribers can comment on this article.',
      settings: { ...open, premiumOnly: true },
    },
    { article: { premium: true }, entitled: true, expected: null, settings: { ...open, premiumOnly: true } },
    { article: { premium: false }, entitled: false, expected: null, settings: { ...open, premiumOnly: true } },
    {
      article: { visibility: 'members' },
      entitled: false,
      expected: 'Only members can comment on this article.',
      settings: { ...open, premiumOnly: true },
    },
    { article: { visibility: 'members' }, entitled: true, expected: null, settings: { ...open, premiumOnly: true } },
    {
      article: { tiers: ['digital'], visibility: 'tiers' },
      entitled: false,
      expected: 'Only subscribers can comment on this article.',
      settings: { ...open, premiumOnly: true },
    },
    { article: { visibility: 'public' }, entitled: false, expected: null, settings: { ...open, premiumOnly: true } },
    // Nothing proves the article free (a projection without its flags): closed, as the gate fails closed.
    {
      article: {},
      entitled: false,
      expected: 'Only subscribers can comment on this article.',
      settings: { ...open, premiumOnly: true },
    },
    { article: { premium: true }, entitled: false, expected: null, settings: open },
  ])('$article with $settings (entitled $entitled) → $expected', ({ article, entitled, expected, settings }) => {
    expect(commentsClosedReason(article, settings, entitled, NOW)).toBe(expected)
  })
})

describe('floodRetryAfter', () => {
  const ago = (ms: number) => new Date(NOW.getTime() - ms)
  it.each([
    { expected: null, floodSeconds: 15, last: null },
    { expected: null, floodSeconds: 0, last: ago(1000) },
    { expected: 14, floodSeconds: 15, last: ago(1000) },
    { expected: 15, floodSeconds: 15, last: ago(0) },
    { expected: 1, floodSeconds: 15, last: ago(14_900) },
    { expected: null, floodSeconds: 15, last: ago(15_000) },
    { expected: null, floodSeconds: 15, last: ago(60_000) },
  ])('last $last, $floodSeconds s → $expected', ({ expected, floodSeconds, last }) => {
    expect(floodRetryAfter(last, floodSeconds, NOW)).toBe(expected)
  })
})

const settings = (
  overrides: Partial<Omit<ModerationSettings, 'disallowedKeys' | 'moderationKeys'>> & {
    disallowed?: string[]
    moderation?: string[]
  } = {},
): ModerationSettings => {
  const { disallowed = [], moderation = [], ...rest } = overrides
  return {
    closeAfterDays: 0,
    disallowedKeys: compileKeyMatcher(disallowed),
    floodSeconds: 15,
    hardenAgainstProbing: false,
    manualApproval: false,
    maxLinks: 2,
    moderationKeys: compileKeyMatcher(moderation),
    premiumOnly: false,
    previouslyApproved: true,
    ...rest,
  }
}

const input = (
  overrides: Omit<Partial<ModerationInput>, 'comment'> & { comment?: Partial<ModerationInput['comment']> } = {},
): ModerationInput => ({
  article: { allowComments: true },
  commenterEntitled: false,
  now: NOW,
  ...overrides,
  comment: {
    authorEmail: 'ann@example.org',
    authorName: 'Ann',
    authorUrl: null,
    body: 'A thoughtful comment.',
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0',
    ...overrides.comment,
  },
})

const lookups = (overrides: Partial<ModerationLookups> = {}) => {
  const l = {
    hasApprovedComment: jest.fn(async () => false),
    isDuplicate: jest.fn(async () => false),
    floodWait: jest.fn(async (): Promise<null | number> => null),
    ...overrides,
  }
  return l as typeof l & ModerationLookups
}

describe('moderateComment: each rule', () => {
  it.each([
    { expect: { rule: 'honeypot', status: 'spam' }, input: input({ honeypot: 'x' }), name: 'honeypot filled → spam' },
    {
      expect: { rule: 'disallowedKeys', status: 'spam' },
      input: input({ comment: { body: 'Buy VIAGRA now' } }),
      name: 'disallowed key in body → spam',
      settings: settings({ disallowed: ['viagra'] }),
    },
    {
      expect: { rule: 'disallowedKeys', status: 'spam' },
      input: input({ comment: { ip: '198.51.100.23' } }),
      name: 'disallowed key matches the IP',
      settings: settings({ disallowed: ['198.51.100.'] }),
    },
    {
      expect: { rule: 'disallowedKeys', status: 'spam' },
      input: input({ comment: { userAgent: 'EvilBot/1.0' } }),
      name: 'disallowed key matches the user agent',
      settings: settings({ disallowed: ['evilbot'] }),
    },
    {
      expect: { rule: 'disallowedKeys', status: 'spam' },
      input: input({ comment: { authorEmail: 'x@SPAM.example' } }),
      name: 'disallowed key matches the email',
      settings: settings({ disallowed: ['spam.example'] }),
    },
    {
      expect: { rule: 'disallowedKeys', status: 'spam' },
      input: input({ comment: { authorName: 'Cheap Pills' } }),
      name: 'disallowed key matches the name',
      settings: settings({ disallowed: ['cheap pills'] }),
    },
    {
      expect: { rule: 'disallowedKeys', status: 'spam' },
      input: input({ comment: { authorUrl: 'https://pills.example' } }),
      name: 'disallowed key matches the website',
      settings: settings({ disallowed: ['pills.example'] }),
    },
    {
      expect: { httpStatus: 403, rule: 'closed' },
      input: input({ article: { allowComments: false } }),
      name: 'article closed → 403',
    },
    {
      expect: { httpStatus: 403, rule: 'closed' },
      input: input({ article: { premium: true } }),
      name: 'premium-only article, not entitled → 403',
      settings: settings({ premiumOnly: true }),
    },
    {
      expect: { rule: 'maxLinks', status: 'pending' },
      input: input({ comment: { body: 'http://a.example http://b.example http://c.example' } }),
      name: 'more than maxLinks links → pending',
    },
    {
      expect: { rule: 'default', status: 'pending' },
      input: input({ comment: { body: 'http://a.example http://b.example' } }),
      name: 'exactly maxLinks links → not held for links',
    },
    {
      expect: { rule: 'maxLinks', status: 'pending' },
      input: input({ comment: { body: 'http://a.example' } }),
      name: 'maxLinks 0 holds any link',
      settings: settings({ maxLinks: 0 }),
    },
    {
      expect: { rule: 'moderationKeys', status: 'pending' },
      input: input({ comment: { body: 'I love Casinos' } }),
      name: 'moderation key → pending',
      settings: settings({ moderation: ['casino'] }),
    },
    {
      expect: { rule: 'manualApproval', status: 'pending' },
      input: input(),
      lookups: lookups({ hasApprovedComment: async () => true }),
      name: 'manual approval → pending even for approved authors',
      settings: settings({ manualApproval: true }),
    },
    {
      expect: { rule: 'previouslyApproved', status: 'approved' },
      input: input(),
      lookups: lookups({ hasApprovedComment: async () => true }),
      name: 'previously approved author → approved',
    },
    {
      expect: { rule: 'default', status: 'pending' },
      input: input(),
      lookups: lookups({ hasApprovedComment: async () => true }),
      name: 'previouslyApproved off → pending',
      settings: settings({ previouslyApproved: false }),
    },
    { expect: { rule: 'default', status: 'pending' }, input: input(), name: 'otherwise pending' },
  ])('$name', async ({ expect: expected, input: i, lookups: l, settings: s }) => {
    expect(await moderateComment(i, s ?? settings(), l ?? lookups())).toMatchObject(expected)
  })

  it('flood → 429 with the seconds left', async () => {
    const l = lookups({ floodWait: async () => 10 })
    expect(await moderateComment(input(), settings({ floodSeconds: 15 }), l)).toEqual({
      httpStatus: 429,
      message: 'You are posting comments too quickly. Try again in 10 seconds.',
      outcome: 'reject',
      retryAfterSeconds: 10,
      rule: 'flood',
    })
  })

  it('floodSeconds 0 never claims a flood window', async () => {
    const l = lookups({ floodWait: jest.fn(async () => 10) })
    expect(await moderateComment(input(), settings({ floodSeconds: 0 }), l)).toMatchObject({ rule: 'default' })
    expect(l.floodWait).not.toHaveBeenCalled()
  })

  it('exact duplicate → 409', async () => {
    expect(await moderateComment(input(), settings(), lookups({ isDuplicate: async () => true }))).toMatchObject({
      httpStatus: 409,
      outcome: 'reject',
      rule: 'duplicate',
    })
  })

  it.each([
    { expected: { rule: 'spamCheck', status: 'spam' }, verdict: 'spam' },
    { expected: { rule: 'spamCheck', status: 'pending' }, verdict: 'hold' },
    { expected: { rule: 'previouslyApproved', status: 'approved' }, verdict: 'ham' },
  ] as const)('spamCheck $verdict → $expected', async ({ expected, verdict }) => {
    const l = lookups({ hasApprovedComment: async () => true, spamCheck: async () => verdict })
    expect(await moderateComment(input(), settings(), l)).toMatchObject(expected)
  })

  it.each([
    ['throws', async () => Promise.reject(new Error('service down'))],
    ['answers nonsense', async () => 'maybe' as never],
  ])('a spamCheck that %s holds the comment instead of losing it', async (_, spamCheck) => {
    const verdict = await moderateComment(input(), settings(), lookups({ spamCheck }))
    expect(verdict).toMatchObject({ rule: 'spamCheck', status: 'pending' })
    expect(verdict.outcome === 'store' && verdict.reason).toMatch(/^The spam check failed/)
  })

  it('records which key matched and where', async () => {
    const verdict = await moderateComment(
      input({ comment: { authorUrl: 'https://Shop.Example/x' } }),
      settings({ moderation: ['shop.example'] }),
      lookups(),
    )
    expect(verdict).toMatchObject({ reason: "Matched moderation key 'shop.example' in the website" })
  })
})

describe('moderateComment: order', () => {
  // Every rule would fire on this comment; removing the winner each time must reveal the next one.
  const everything = {
    article: { allowComments: false },
    honeypot: 'bot',
    spamLookups: () =>
      lookups({
        hasApprovedComment: jest.fn(async () => true),
        isDuplicate: jest.fn(async () => true),
        floodWait: jest.fn(async () => 15),
        spamCheck: jest.fn(async () => 'hold' as const),
      }),
  }
  const body = 'casino viagra http://a.example http://b.example http://c.example'

  // Which rule decides when every rule would fire. The contract: its own order, spam first.
  const CONTRACT_PRECEDENCE = [
    'honeypot',
    'disallowedKeys',
    'closed',
    'flood',
    'duplicate',
    'maxLinks',
    'moderationKeys',
    'spamCheck',
    'manualApproval',
    'previouslyApproved',
    'default',
  ] as const
  // Hardened: the refusals first (a spam verdict meets them like any comment, so no answer reveals the key
  // lists), then the stored verdicts in the contract's order.
  const HARDENED_PRECEDENCE = [
    'closed',
    'flood',
    'duplicate',
    'honeypot',
    'disallowedKeys',
    'maxLinks',
    'moderationKeys',
    'spamCheck',
    'manualApproval',
    'previouslyApproved',
    'default',
  ] as const

  it('the contract precedence is the documented rule order', () => {
    expect(CONTRACT_PRECEDENCE).toEqual(MODERATION_RULES)
  })

  const cases = [
    ...CONTRACT_PRECEDENCE.map((expected, i) => ({
      expected,
      hardened: false,
      mode: 'contract',
      strip: CONTRACT_PRECEDENCE.slice(0, i),
    })),
    ...HARDENED_PRECEDENCE.map((expected, i) => ({
      expected,
      hardened: true,
      mode: 'hardenAgainstProbing',
      strip: HARDENED_PRECEDENCE.slice(0, i),
    })),
  ]

  it.each(cases)(
    '$mode: $expected decides once the rules before it are out of the way',
    async ({ expected, hardened, strip }) => {
      const off = new Set<string>(strip)
      const l = everything.spamLookups()
      const verdict = await moderateComment(
        input({
          article: off.has('closed') ? {} : everything.article,
          comment: { body: off.has('maxLinks') ? 'casino viagra' : body },
          honeypot: off.has('honeypot') ? '' : everything.honeypot,
        }),
        settings({
          disallowed: off.has('disallowedKeys') ? [] : ['viagra'],
          floodSeconds: off.has('flood') ? 0 : 15,
          hardenAgainstProbing: hardened,
          manualApproval: !off.has('manualApproval'),
          moderation: off.has('moderationKeys') ? [] : ['casino'],
          previouslyApproved: !off.has('previouslyApproved'),
        }),
        {
          ...l,
          isDuplicate: off.has('duplicate') ? async () => false : l.isDuplicate,
          spamCheck: off.has('spamCheck') ? undefined : l.spamCheck,
        },
      )
      expect(verdict.rule).toBe(expected)
    },
  )

  const refusals = [
    ['closed', { article: { allowComments: false } }, {}, 403],
    ['flooding', {}, { floodWait: async () => 15 }, 429],
    ['a duplicate', {}, { isDuplicate: async () => true }, 409],
  ] as const

  it.each(refusals)(
    'contract: spam is stored (answered 201) even when %s; the same comment without spam is refused',
    async (_, over, lookupOver, status) => {
      const s = settings({ disallowed: ['viagra'] })
      expect(await moderateComment(input({ ...over, honeypot: 'bot' }), s, lookups(lookupOver))).toMatchObject({
        outcome: 'store',
        rule: 'honeypot',
        status: 'spam',
      })
      expect(
        await moderateComment(input({ ...over, comment: { body: 'viagra' } }), s, lookups(lookupOver)),
      ).toMatchObject({ outcome: 'store', rule: 'disallowedKeys', status: 'spam' })
      expect(
        await moderateComment(input({ ...over, comment: { body: 'kind words' } }), s, lookups(lookupOver)),
      ).toMatchObject({ httpStatus: status, outcome: 'reject' })
    },
  )

  it.each(refusals)(
    'hardenAgainstProbing: spam is answered like any comment when %s (the key lists stay secret)',
    async (_, over, lookupOver, status) => {
      for (const honeypot of ['bot', '']) {
        for (const body of ['viagra', 'kind words']) {
          const verdict = await moderateComment(
            input({ ...over, comment: { body }, honeypot }),
            settings({ disallowed: ['viagra'], hardenAgainstProbing: true }),
            lookups(lookupOver),
          )
          expect(verdict).toMatchObject({ httpStatus: status, outcome: 'reject' })
        }
      }
    },
  )

  it('contract: a spam verdict spares every lookup', async () => {
    const l = everything.spamLookups()
    expect(await moderateComment(input({ honeypot: 'bot' }), settings({ floodSeconds: 15 }), l)).toMatchObject({
      rule: 'honeypot',
    })
    expect(l.floodWait).not.toHaveBeenCalled()
    expect(l.isDuplicate).not.toHaveBeenCalled()
    expect(l.spamCheck).not.toHaveBeenCalled()
    expect(l.hasApprovedComment).not.toHaveBeenCalled()
  })

  it('hardenAgainstProbing: a spam verdict spares the spam check and the approved-author lookup', async () => {
    const l = everything.spamLookups()
    expect(
      await moderateComment(input({ honeypot: 'bot' }), settings({ floodSeconds: 15, hardenAgainstProbing: true }), {
        ...l,
        isDuplicate: async () => false,
        floodWait: async () => null,
      }),
    ).toMatchObject({ rule: 'honeypot' })
    expect(l.spamCheck).not.toHaveBeenCalled()
    expect(l.hasApprovedComment).not.toHaveBeenCalled()
  })

  it.each([false, true])(
    'a refusal spares every later lookup (hardenAgainstProbing %s)',
    async (hardenAgainstProbing) => {
      const l = everything.spamLookups()
      await moderateComment(input({ article: { allowComments: false } }), settings({ hardenAgainstProbing }), l)
      expect(l.floodWait).not.toHaveBeenCalled()
      expect(l.isDuplicate).not.toHaveBeenCalled()
      expect(l.spamCheck).not.toHaveBeenCalled()
      expect(l.hasApprovedComment).not.toHaveBeenCalled()
    },
  )
})

describe('moderateEdit', () => {
  const c = (body: string) => input({ comment: { body } }).comment
  it.each([
    { body: 'fine words', expected: null },
    { body: 'buy viagra', expected: { rule: 'disallowedKeys', status: 'spam' } },
    { body: 'http://a.example http://b.example http://c.example', expected: { rule: 'maxLinks', status: 'pending' } },
    { body: 'casino night', expected: { rule: 'moderationKeys', status: 'pending' } },
  ])('$body → $expected', ({ body, expected }) => {
    const verdict = moderateEdit(c(body), settings({ disallowed: ['viagra'], moderation: ['casino'] }))
    if (expected === null) expect(verdict).toBeNull()
    else expect(verdict).toMatchObject({ ...expected, reason: expect.stringMatching(/^Edited: /) })
  })
})

describe('resolveDiscussionSettings', () => {
  const defaults = { ...defaultCommentRules, notify: { editors: ['ed@example.org'], replyAuthors: false } }

  it('falls back to the plugin defaults for values never saved', () => {
    const s = resolveDiscussionSettings(null, { ...defaults, moderationKeys: ['casino'] })
    expect(s).toMatchObject({
      closeAfterDays: 0,
      editWindowSeconds: 900,
      floodSeconds: 15,
      manualApproval: false,
      maxDepth: 5,
      maxLinks: 2,
      notifyEditors: ['ed@example.org'],
      notifyReplyAuthors: false,
      hardenAgainstProbing: false,
      premiumOnly: false,
      previouslyApproved: true,
      reportThreshold: 3,
    })
    expect(s.moderationKeys.findIn(['Casino'])).toEqual({ key: 'casino', textIndex: 0 })
  })

  it('hardenAgainstProbing comes from the plugin option only, never from the stored global', () => {
    const stored = { hardenAgainstProbing: false } as never
    expect(resolveDiscussionSettings(stored, { ...defaults, hardenAgainstProbing: true }).hardenAgainstProbing).toBe(
      true,
    )
    expect(resolveDiscussionSettings({ hardenAgainstProbing: true } as never, defaults).hardenAgainstProbing).toBe(
      false,
    )
  })

  it('stored values win, key lists and recipients are parsed from lines', () => {
    const s = resolveDiscussionSettings(
      {
        disallowedKeys: 'viagra\n\n  pills ',
        floodSeconds: 0,
        manualApproval: true,
        maxLinks: 0,
        moderationKeys: '',
        notifyEditors: 'a@example.org\nb@example.org',
        notifyReplyAuthors: true,
        reportThreshold: 0,
      },
      { ...defaults, moderationKeys: ['casino'] },
    )
    expect(s).toMatchObject({
      floodSeconds: 0,
      manualApproval: true,
      maxLinks: 0,
      notifyEditors: ['a@example.org', 'b@example.org'],
      notifyReplyAuthors: true,
      reportThreshold: 1,
    })
    expect(s.disallowedKeys.size).toBe(2)
    // An emptied list stays empty: the editor removed the defaults on purpose.
    expect(s.moderationKeys.size).toBe(0)
  })

  it('compiles one automaton per distinct key list', () => {
    expect(compiledKeys(['a', 'b'])).toBe(compiledKeys(['a', 'b']))
    expect(compiledKeys(['a', 'b'])).not.toBe(compiledKeys(['a', 'c']))
  })
})

describe('flood and duplicate over stored comments', () => {
  const at = (secondsAgo: number) => new Date(NOW.getTime() - secondsAgo * 1000).toISOString()
  // Hardened: the email alone does not identify the requester (an anonymous commenter).
  const self: StoredSubmission = {
    id: 'b',
    article: 'a1',
    authorEmail: 'ann@example.org',
    body: 'Hello',
    createdAt: at(0),
    fingerprint: 'fp-ann',
    status: 'pending',
  }
  // The contract (or a logged-in commenter): the same email is the same requester.
  const byEmail: StoredSubmission = { ...self, emailIdentifies: true }
  const other = (overrides: Partial<StoredSubmission>): StoredSubmission => ({ ...self, id: 'a', ...overrides })

  it.each([
    ['same fingerprint', other({}), self, true],
    ['same fingerprint, other email', other({ authorEmail: 'bob@example.org' }), self, true],
    ['hardened: other requester, same typed-in email', other({ fingerprint: 'fp-other' }), self, false],
    ['contract: other requester, same email', other({ fingerprint: 'fp-other' }), byEmail, true],
    [
      'contract: no fingerprints at all, same email',
      other({ fingerprint: null }),
      { ...byEmail, fingerprint: null },
      true,
    ],
    ['other requester, other email', other({ authorEmail: 'bob@example.org', fingerprint: 'fp-bob' }), byEmail, false],
    [
      'no fingerprints at all, other email',
      other({ authorEmail: 'bob@example.org', fingerprint: null }),
      { ...byEmail, fingerprint: null },
      false,
    ],
    [
      'hardened: no fingerprints at all, same email',
      other({ fingerprint: null }),
      { ...self, fingerprint: null },
      false,
    ],
  ])('isSameRequester: %s → %j', (_, o, s2, expected) => {
    expect(isSameRequester(o, s2)).toBe(expected)
  })

  it.each([
    ['the same requester again', other({}), self, true],
    ['stored as spam', other({ status: 'spam' }), self, true],
    ['trashed', other({ status: 'trash' }), self, false],
    ['on another article', other({ article: 'a2' }), self, false],
    ['other words', other({ body: 'Hello!' }), self, false],
    ['another email', other({ authorEmail: 'bob@example.org' }), self, false],
    [
      'contract: someone else (another fingerprint) with the same email and words',
      other({ fingerprint: 'fp-other' }),
      byEmail,
      true,
    ],
    ['contract: another email, same requester and words', other({ authorEmail: 'bob@example.org' }), byEmail, false],
    // Hardened, a 409 would otherwise confirm a guessed email of a public comment.
    ['hardened: someone else typing the same email and words', other({ fingerprint: 'fp-other' }), self, false],
  ])('isDuplicateOf: %s → %j', (_, o, s2, expected) => {
    expect(isDuplicateOf(o, s2)).toBe(expected)
  })
})

describe('submission', () => {
  const t = (key: string, vars?: Record<string, unknown>) => (vars ? `${key} ${JSON.stringify(vars)}` : key)
  const limits = { maxBodyLength: 20, maxNameLength: 10, maxUrlLength: 30 }
  const valid = { article: 'a1', authorEmail: 'ann@example.org', authorName: 'Ann', body: 'Hello' }

  it.each([
    [{}, []],
    [{ article: undefined }, [['article', 'validation:required']]],
    [{ authorName: '  ' }, [['authorName', 'validation:required']]],
    [{ authorName: 'x'.repeat(11) }, [['authorName', 'validation:shorterThanMax {"maxLength":10}']]],
    [{ authorEmail: 'ann' }, [['authorEmail', 'validation:emailAddress']]],
    [{ authorEmail: 'ann@example' }, [['authorEmail', 'validation:emailAddress']]],
    [{ authorEmail: 42 }, [['authorEmail', 'validation:required']]],
    [{ authorUrl: 'ftp://x.example' }, [['authorUrl', 'Website must be an http:// or https:// address.']]],
    [
      { authorUrl: 'https://x.example/' + 'p'.repeat(20) },
      [['authorUrl', 'validation:shorterThanMax {"maxLength":30}']],
    ],
    [{ authorUrl: '' }, []],
    [{ body: 'x'.repeat(21) }, [['body', 'validation:shorterThanMax {"maxLength":20}']]],
    [{ body: '' }, [['body', 'validation:required']]],
  ])('submissionErrors(valid + %j)', (overrides, expected) => {
    expect(submissionErrors({ ...valid, ...overrides }, limits, t).map((e) => [e.path, e.message])).toEqual(expected)
  })

  it.each([
    ['  Hello\r\nworld\u0000!  ', 'Hello\nworld!'],
    ['a\tb\u0007c\rd', 'a\tbc\nd'],
  ])('normalizeBody(%j) → %j', (raw, expected) => {
    expect(normalizeBody(raw)).toBe(expected)
  })

  it('normalizeLine folds line breaks and control characters into spaces', () => {
    expect(normalizeLine('  Ann\r\nSmith\u0000 ')).toBe('Ann Smith')
  })

  it.each([
    [{ 'user-agent': 'UA', 'x-forwarded-for': '203.0.113.7' }, 1, '203.0.113.7', 'UA'],
    [{ 'user-agent': 'UA', 'x-forwarded-for': '203.0.113.7' }, 0, null, 'UA'],
    [{ 'x-real-ip': '198.51.100.2' }, 1, null, null],
    [{}, 1, null, null],
  ])('requesterFromHeaders(%j, trustedProxies %d)', (headers, trustedProxies, ip, userAgent) => {
    const requester = requesterFromHeaders(new Headers(headers), 'secret', trustedProxies)
    expect(requester).toMatchObject({ ip, userAgent })
    if (ip || userAgent) expect(requester.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    else expect(requester.fingerprint).toBeNull()
  })

  it.each([
    ['one proxy: the address it appended', '6.6.6.6, 203.0.113.7', 1, '203.0.113.7'],
    ['one proxy, nothing sent by the client', '203.0.113.7', 1, '203.0.113.7'],
    ['two proxies (CDN + load balancer)', '6.6.6.6, 203.0.113.7, 10.0.0.2', 2, '203.0.113.7'],
    ['fewer hops than proxies: a proxy did not append, nothing is trusted', '203.0.113.7', 3, null],
    ["no proxy (plain next start): the header may be the client's own", 'a, b', 0, null],
  ])('clientAddress: %s', (_, forwarded, trustedProxies, expected) => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': forwarded }), trustedProxies)).toBe(expected)
  })

  // Whatever a client sends, only the entries the trusted proxies appended decide its address.
  it('property: the client-chosen part of the headers never changes the address', () => {
    const hop = fc.oneof(
      fc.ipV4(),
      fc.ipV6(),
      fc.string({ maxLength: 12 }).filter((s) => !s.includes(',')),
    )
    fc.assert(
      fc.property(
        fc.array(hop, { maxLength: 4 }),
        fc.array(hop, { maxLength: 4 }),
        fc.array(fc.ipV4(), { maxLength: 3 }),
        fc.ipV4(),
        (sentA, sentB, appended, spoof) => {
          const trustedProxies = appended.length
          const headers = (sent: string[]) =>
            new Headers({
              'cf-connecting-ip': spoof,
              'x-forwarded-for': [...sent, ...appended].join(', '),
              'x-real-ip': spoof,
            })
          const a = clientAddress(headers(sentA), trustedProxies)
          expect(a).toBe(clientAddress(headers(sentB), trustedProxies))
          expect(a).toBe(trustedProxies === 0 ? null : appended[0]!.trim())
        },
      ),
    )
  })

  it('a client cannot pick its own fingerprint by sending X-Forwarded-For', () => {
    const behindProxy = (sent: string) =>
      requesterFromHeaders(new Headers({ 'user-agent': 'UA', 'x-forwarded-for': `${sent}, 203.0.113.7` }), 's', 1)
        .fingerprint
    expect(behindProxy('1.1.1.1')).toBe(behindProxy('2.2.2.2'))
    const noProxy = (sent: string) =>
      requesterFromHeaders(new Headers({ 'user-agent': 'UA', 'x-forwarded-for': sent }), 's', 0).fingerprint
    expect(noProxy('1.1.1.1')).toBe(noProxy('2.2.2.2'))
  })

  it('the fingerprint depends on IP, user agent and secret, and hides them', () => {
    const fp = (ip: string, ua: string, secret = 's') =>
      requesterFromHeaders(new Headers({ 'user-agent': ua, 'x-forwarded-for': ip }), secret, 1).fingerprint
    expect(fp('1.1.1.1', 'A')).toBe(fp('1.1.1.1', 'A'))
    expect(
      new Set([fp('1.1.1.1', 'A'), fp('1.1.1.2', 'A'), fp('1.1.1.1', 'B'), fp('1.1.1.1', 'A', 'other')]).size,
    ).toBe(4)
    expect(fp('1.1.1.1', 'A')).not.toContain('1.1.1.1')
  })
})
