/**
 * Moderation engine on a 1 KB comment with 10, 1,000 and 10,000 keys in each key list (moderation and
 * disallowed), against the same engine matching keys the way WordPress's `check_comment` does: a loop
 * over the keys, one case-insensitive regex per key and field. A second, stronger loop (keys lower-cased
 * once, `String#includes` per key and field) shows the gap is not just regex overhead. All run in this
 * process on the same input.
 *
 *   npx tsx bench/moderation.bench.ts
 */
import type { KeyMatcher } from '../src/moderation/keyMatcher.js'

import { compileKeyMatcher } from '../src/moderation/keyMatcher.js'
import {
  type ModerationInput,
  type ModerationLookups,
  type ModerationSettings,
  moderateComment,
} from '../src/moderation/moderateComment.js'
import { seededRandom } from './harness.js'

const KEY_COUNTS = [10, 1_000, 10_000]
const MIN_BATCH_MS = 200
const BATCHES = 7

// Deterministic pseudo-random numbers so every run measures the same input.
const random = seededRandom(7)
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]

const VOCABULARY = [
  'the',
  'council',
  'vote',
  'budget',
  'reader',
  'school',
  'river',
  'bridge',
  'mayor',
  'housing',
  'because',
  'would',
  'think',
  'article',
  'really',
  'local',
  'people',
  'years',
  'agree',
  'point',
]
const buildComment = (bytes: number): string => {
  let text = ''
  while (text.length < bytes) text += `${pick(VOCABULARY)}${random() < 0.1 ? '. ' : ' '}`
  return text.slice(0, bytes)
}
// Keys never found in the comment: every key must be tried, the worst (and usual) case for both matchers.
const buildKeys = (count: number): string[] =>
  Array.from(
    { length: count },
    (_, i) =>
      `zq${i.toString(36)}${Array.from({ length: 3 + Math.floor(random() * 8) }, () => pick([...'abcdefghijklmnopqrstuvwxyz'])).join('')}`,
  )

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** WordPress's check_comment: for each key, skip if empty, then `preg_match("#$word#iu", $field)` per field. */
const wordpressLoop = (keys: readonly string[]): KeyMatcher => ({
  findIn: (texts) => {
    for (const raw of keys) {
      const word = raw.trim()
      if (!word) continue
      const pattern = new RegExp(escapeRegExp(word), 'iu')
      for (let textIndex = 0; textIndex < texts.length; textIndex++) {
        const text = texts[textIndex]
        if (text && pattern.test(text)) return { key: word, textIndex }
      }
    }
    return null
  },
  size: keys.length,
})

/** The same loop without regexes: keys lower-cased up front, fields lower-cased once per comment. */
const includesLoop = (keys: readonly string[]): KeyMatcher => {
  const folded = keys
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => [k, k.toLowerCase()] as const)
  return {
    findIn: (texts) => {
      const lower = texts.map((t) => (t ? t.toLowerCase() : ''))
      for (const [key, word] of folded) {
        for (let textIndex = 0; textIndex < lower.length; textIndex++) {
          if (lower[textIndex].includes(word)) return { key, textIndex }
        }
      }
      return null
    },
    size: folded.length,
  }
}

const comment: ModerationInput = {
  article: { allowComments: true },
  comment: {
    authorEmail: 'reader@example.org',
    authorName: 'A. Reader',
    authorUrl: 'https://reader.example.org/about',
    body: buildComment(1024),
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  },
  commenterEntitled: false,
  now: new Date(),
}
const lookups: ModerationLookups = {
  hasApprovedComment: async () => false,
  isDuplicate: async () => false,
  floodWait: async () => null,
}
const settingsWith = (moderationKeys: KeyMatcher, disallowedKeys: KeyMatcher): ModerationSettings => ({
  closeAfterDays: 0,
  disallowedKeys,
  floodSeconds: 15,
  hardenAgainstProbing: false,
  manualApproval: false,
  maxLinks: 2,
  moderationKeys,
  premiumOnly: false,
  previouslyApproved: true,
})

/** Median microseconds per `moderateComment` call over several timed batches. */
const measure = async (settings: ModerationSettings): Promise<number> => {
  let iterations = 1
  // Warm up and size a batch to last at least MIN_BATCH_MS.
  for (;;) {
    const start = performance.now()
    for (let i = 0; i < iterations; i++) await moderateComment(comment, settings, lookups)
    if (performance.now() - start >= MIN_BATCH_MS) break
    iterations *= 2
  }
  const perCall: number[] = []
  for (let b = 0; b < BATCHES; b++) {
    const start = performance.now()
    for (let i = 0; i < iterations; i++) await moderateComment(comment, settings, lookups)
    perCall.push(((performance.now() - start) * 1000) / iterations)
  }
  perCall.sort((a, b) => a - b)
  return perCall[Math.floor(perCall.length / 2)]
}

const format = (us: number) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(2)} µs`)

const main = async () => {
  console.log(`moderation engine, ${comment.comment.body.length}-byte comment, N keys in each of the two key lists`)
  console.log(
    'keys    automaton build   engine (Aho-Corasick)   WordPress-style loop   loop / engine   includes loop   includes / engine',
  )
  for (const count of KEY_COUNTS) {
    const moderation = buildKeys(count)
    const disallowed = buildKeys(count)
    const buildStart = performance.now()
    const ahoCorasick = settingsWith(compileKeyMatcher(moderation), compileKeyMatcher(disallowed))
    const buildMs = performance.now() - buildStart
    const loop = settingsWith(wordpressLoop(moderation), wordpressLoop(disallowed))
    const includes = settingsWith(includesLoop(moderation), includesLoop(disallowed))

    // Same verdict from all, or the comparison means nothing.
    const verdicts = await Promise.all([ahoCorasick, loop, includes].map((s) => moderateComment(comment, s, lookups)))
    if (new Set(verdicts.map((v) => JSON.stringify(v))).size !== 1)
      throw new Error(`verdicts differ: ${JSON.stringify(verdicts)}`)

    const engineUs = await measure(ahoCorasick)
    const loopUs = await measure(loop)
    const includesUs = await measure(includes)
    console.log(
      `${String(count).padEnd(8)}${format(buildMs * 1000).padEnd(18)}${format(engineUs).padEnd(24)}${format(loopUs).padEnd(23)}${`${(loopUs / engineUs).toFixed(1)}×`.padEnd(16)}${format(includesUs).padEnd(16)}${(includesUs / engineUs).toFixed(1)}×`,
    )
  }
}

await main()
