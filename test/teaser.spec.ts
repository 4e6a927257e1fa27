/**
 * Unit tests of the teaser rule (src/utilities/extractTeaser.ts): the part of an article anyone may read
 * is what precedes the editor-placed paywall break, or the first `premium.teaser.blocks` top-level blocks —
 * but never the whole text (short bodies get a shortened teaser). Invariants over generated documents:
 * teaser-property.spec.ts.
 */
import { describe, expect, it } from '@jest/globals'

import {
  cutTeaser,
  extractTeaser,
  isPaywallBreak,
  PAYWALL_BREAK_BLOCK,
  stripPaywallBreaks,
} from '../src/utilities/extractTeaser.js'
import { keepWords, wordsOf } from '../src/utilities/lexicalText.js'
import * as rich from './helpers/lexical.js'

type Node = Record<string, unknown>

const p = (text: string): Node => ({
  type: 'paragraph',
  children: [{ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text, version: 1 }],
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
})
const h = (text: string): Node => ({ ...p(text), type: 'heading', tag: 'h2' })
const paywallBreak = () => rich.paywallBreak('pb1')
const videoBlock = (): Node => ({
  type: 'block',
  fields: { id: 'v1', blockName: '', blockType: 'videoEmbed', video: 'abc' },
  format: '',
  version: 2,
})
const doc = rich.lexical

/** The texts of the top-level blocks, so expectations read as the article does. */
const texts = (state: null | { root: { children: Node[] } }): null | string[] =>
  state === null
    ? null
    : state.root.children.map((node) =>
        node.type === 'block'
          ? `[${(node.fields as { blockType: string }).blockType}]`
          : ((node.children as { text: string }[])[0]?.text ?? ''),
      )

describe('extractTeaser', () => {
  it.each([
    {
      blocks: 2,
      content: doc(p('a'), p('b'), paywallBreak(), p('c')),
      expected: ['a', 'b'],
      rule: 'cuts at the paywall break',
    },
    {
      blocks: 1,
      content: doc(p('a'), p('b'), paywallBreak(), p('c')),
      expected: ['a', 'b'],
      rule: 'the break wins over the block count (more)',
    },
    {
      blocks: 5,
      content: doc(p('a'), paywallBreak(), p('b'), p('c'), p('d')),
      expected: ['a'],
      rule: 'the break wins over the block count (fewer)',
    },
    { blocks: 2, content: doc(paywallBreak(), p('a')), expected: [], rule: 'a break first leaves an empty teaser' },
    {
      blocks: 2,
      content: doc(p('a'), paywallBreak(), p('b'), paywallBreak(), p('c')),
      expected: ['a'],
      rule: 'the first of several breaks counts',
    },
    {
      blocks: 2,
      content: doc(h('t'), p('a'), p('b'), p('c')),
      expected: ['t', 'a'],
      rule: 'no break: the first N top-level blocks',
    },
    {
      blocks: 3,
      content: doc(p('a'), videoBlock(), p('b'), p('c')),
      expected: ['a', '[videoEmbed]', 'b'],
      rule: 'other blocks count as blocks',
    },
    // Changed by the short-body rule (issue 11, finding 2): a short article used to be its own teaser.
    {
      blocks: 10,
      content: doc(p('a'), p('b')),
      expected: ['a'],
      rule: 'a short article shows all its blocks but the last',
    },
    { blocks: 0, content: doc(p('a'), p('b')), expected: [], rule: 'zero blocks: nothing without a break' },
    { blocks: -3, content: doc(p('a')), expected: [], rule: 'a negative count is treated as zero' },
    { blocks: 2, content: doc(), expected: [], rule: 'an empty document' },
  ])('$rule', ({ blocks, content, expected }) => {
    expect(texts(extractTeaser(content, { blocks }))).toEqual(expected)
  })

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'hello'],
    ['an object without root', { foo: 1 }],
    ['a root without children', { root: { type: 'root' } }],
    ['children that are not an array', { root: { children: 'x' } }],
  ])('returns null for %s', (_label, content) => {
    expect(extractTeaser(content, { blocks: 2 })).toBeNull()
  })

  it('keeps the Lexical envelope (root attributes, extra keys) and does not mutate the input', () => {
    const content = { ...doc(p('a'), paywallBreak(), p('secret')), extra: 'kept' }
    const before = JSON.stringify(content)
    const teaser = extractTeaser(content, { blocks: 2 })
    expect(teaser).toMatchObject({ extra: 'kept', root: { direction: 'ltr', type: 'root', version: 1 } })
    expect(JSON.stringify(content)).toBe(before)
    expect(JSON.stringify(teaser)).not.toContain('secret')
  })
})

/** All text of a state in document order, as a reader would see it (blocks as nothing). */
const plain = (node: unknown): string => {
  const n = node as { children?: unknown[]; root?: unknown; text?: unknown }
  if (n.root) return plain(n.root)
  if (typeof n.text === 'string') return n.text
  return (n.children ?? []).map(plain).join(n.children && (n as { type?: string }).type === 'root' ? '|' : '')
}

describe('short bodies: the teaser never shows the whole text', () => {
  const one = (...children: Node[]) => extractTeaser(doc(...children), { blocks: 2 })

  it.each([
    {
      body: [p('Markets rallied on Monday. Traders cheered the news. Bonds fell.')],
      expected: 'Markets rallied on Monday.',
      rule: 'one paragraph: its first sentence',
    },
    { body: [p('One two three four five')], expected: 'One two', rule: 'one sentence: at most half of its words' },
    {
      body: [p('Mr. Putin arrived in Pyongyang on Tuesday. He met Kim there.')],
      expected: 'Mr. Putin arrived in Pyongyang',
      rule: 'a "sentence" shorter than three words (an abbreviation) is not the first sentence; half caps it',
    },
    {
      body: [p('Grüße aus Köln. Schöne Stadt am Rhein, nicht?')],
      expected: 'Grüße aus Köln.',
      rule: 'unicode letters',
    },
    { body: [p('🙂 🙃 😀 😁 🥲')], expected: '🙂 🙃', rule: 'astral characters are never split' },
    {
      body: [p('Say “hello there friend.” Then go away quickly now.')],
      expected: 'Say “hello there friend.”',
      rule: 'a closing quote after the full stop',
    },
    { body: [p('Headline'), p('')], expected: '', rule: 'one word and an empty paragraph: nothing (only the excerpt)' },
    { body: [p('東京は日本の首都です。')], expected: '', rule: 'text without spaces is one word: nothing' },
    { body: [p('   '), p('\n\t')], expected: '', rule: 'whitespace only: no text, nothing' },
    { body: [h('A title for it all'), p('')], expected: 'A title', rule: 'a lone heading' },
  ])('$rule', ({ body, expected }) => {
    expect(plain(one(...body))).toBe(expected)
  })

  it.each([
    { body: [p('a'), p('b'), paywallBreak()], expected: ['a'], rule: 'a break at the end hides the last block' },
    {
      body: [p('a'), p('b'), paywallBreak(), p(' '), p('')],
      expected: ['a'],
      rule: 'a break followed by empty nodes only',
    },
    { body: [p('a b c d'), paywallBreak(), p('')], expected: ['a b'], rule: 'a break after the only text: its lead' },
    {
      body: [p('a'), p(''), videoBlock()],
      expected: [],
      rule: 'N blocks hold all the text and a video: the one-letter text goes',
    },
    {
      body: [p('x y'), p('z'), p('')],
      expected: ['x y'],
      rule: 'trailing empty paragraphs do not count as hidden text',
    },
    {
      body: [videoBlock(), p('one two three four')],
      expected: ['[videoEmbed]', 'one two'],
      rule: 'an embed before the only text stays',
    },
  ])('$rule', ({ body, expected }) => {
    expect(texts(extractTeaser(doc(...body), { blocks: 10 }))).toEqual(expected)
  })

  it('without any text, an embed-only body keeps all its embeds but the last (an only embed: nothing)', () => {
    expect(texts(extractTeaser(doc(videoBlock(), videoBlock()), { blocks: 5 }))).toEqual(['[videoEmbed]'])
    expect(texts(extractTeaser(doc(videoBlock()), { blocks: 5 }))).toEqual([])
    expect(texts(extractTeaser(doc(videoBlock(), paywallBreak(), videoBlock()), { blocks: 5 }))).toEqual([
      '[videoEmbed]',
    ])
    expect(texts(extractTeaser(doc(videoBlock(), paywallBreak()), { blocks: 5 }))).toEqual([])
  })

  it('a break nested inside a list cuts there too (the first break in document order counts)', () => {
    const body = doc(
      p('a'),
      rich.list('bullet', rich.listItem(1, rich.text('b')), rich.listItem(2, paywallBreak(), rich.text('c'))),
      p('d'),
    )
    const teaser = extractTeaser(body, { blocks: 10 })!
    expect(plain(teaser)).toBe('a|b')
    expect(JSON.stringify(teaser)).not.toContain(PAYWALL_BREAK_BLOCK)
    expect(cutTeaser(body, { blocks: 10 })!.rule).toBe('break')
  })

  it('a single list keeps its first items, each a word boundary', () => {
    const body = doc(
      rich.list(
        'number',
        rich.listItem(1, rich.text('Apples')),
        rich.listItem(2, rich.text('Pears')),
        rich.listItem(3, rich.text('Plums')),
        rich.listItem(4, rich.text('Figs')),
      ),
    )
    const teaser = extractTeaser(body, { blocks: 2 })!
    expect(teaser.root.children).toHaveLength(1)
    expect(teaser.root.children[0]).toMatchObject({ listType: 'number', tag: 'ol', type: 'list' })
    expect(plain(teaser)).toBe('ApplesPears')
  })

  it('a single quote or a nested list: the same lead, inside the same elements', () => {
    const quote = extractTeaser(doc(rich.quote(rich.text('To be or not to be, that is the question.'))), { blocks: 2 })!
    expect(quote.root.children[0]).toMatchObject({ type: 'quote' })
    expect(plain(quote)).toBe('To be or not to')
    const nested = doc(
      rich.list(
        'bullet',
        rich.listItem(
          1,
          rich.text('Top'),
          rich.list('bullet', rich.listItem(1, rich.text('inner one')), rich.listItem(2, rich.text('inner two'))),
        ),
      ),
    )
    expect(plain(extractTeaser(nested, { blocks: 2 }))).toBe('Topinner')
  })

  it('inline formats and links are kept on the words that stay; the cut lands inside the link', () => {
    const body = doc(
      rich.paragraph(
        rich.text('Bold start', rich.BOLD),
        rich.text(' and '),
        rich.link('https://example.com/r', rich.text('the full', rich.ITALIC), rich.text(' report')),
        rich.text(' today, friends.'),
      ),
    )
    const teaser = extractTeaser(body, { blocks: 2 })!
    expect(teaser.root.children).toEqual([
      rich.paragraph(
        rich.text('Bold start', rich.BOLD),
        rich.text(' and '),
        rich.link('https://example.com/r', rich.text('the', rich.ITALIC)),
      ),
    ])
  })

  it('a word split across formats counts once', () => {
    const teaser = extractTeaser(
      doc(rich.paragraph(rich.text('Hel'), rich.text('lo', rich.BOLD), rich.text(' big wide world'))),
      { blocks: 1 },
    )!
    expect(plain(teaser)).toBe('Hello big')
  })

  it('names the rule that made the teaser (the admin preview says which)', () => {
    expect(cutTeaser(doc(p('a'), paywallBreak(), p('b')), { blocks: 2 })!.rule).toBe('break')
    expect(cutTeaser(doc(p('a'), p('b'), p('c')), { blocks: 2 })!.rule).toBe('blocks')
    expect(cutTeaser(doc(p('a'), p('b')), { blocks: 2 })!.rule).toBe('shortened')
    expect(cutTeaser(doc(p('a'), p('b'), paywallBreak()), { blocks: 2 })!.rule).toBe('shortened')
    expect(cutTeaser('nope', { blocks: 2 })).toBeNull()
  })
})

describe('wordsOf / keepWords', () => {
  it('splits at whitespace, block edges, line breaks and embeds, not at format or link edges', () => {
    const node = rich.paragraph(
      rich.text('a b'),
      rich.text('c', rich.BOLD),
      rich.link('https://x.test', rich.text('d')),
      { type: 'linebreak', version: 1 },
      rich.text('e.'),
      rich.upload('media', '1'),
      rich.text('f'),
    )
    expect(wordsOf(node)).toEqual([
      { endsSentence: false, text: 'a' },
      { endsSentence: true, text: 'bcd' },
      { endsSentence: true, text: 'e.' },
      { endsSentence: true, text: 'f' },
    ])
    expect(plain(keepWords(node, 2))).toBe('a bcd')
  })
})

describe('isPaywallBreak', () => {
  it.each([
    ['the paywall break block', paywallBreak(), true],
    ['another block', videoBlock(), false],
    ['a paragraph', p('a'), false],
    [
      'a non-block node with the break type in fields',
      { type: 'paragraph', fields: { blockType: PAYWALL_BREAK_BLOCK } },
      false,
    ],
    ['a block without fields', { type: 'block' }, false],
  ])('%s → %s', (_label, node, expected) => {
    expect(isPaywallBreak(node)).toBe(expected)
  })
})

describe('stripPaywallBreaks', () => {
  it('removes breaks nested in other elements too', () => {
    const full = stripPaywallBreaks(doc(rich.list('bullet', rich.listItem(1, rich.text('a'), paywallBreak()))))!
    expect(JSON.stringify(full)).not.toContain(PAYWALL_BREAK_BLOCK)
    expect(plain(full)).toBe('a')
  })

  it('removes every break and keeps everything else in order', () => {
    const full = stripPaywallBreaks(doc(p('a'), paywallBreak(), p('b'), videoBlock(), paywallBreak(), p('c')))
    expect(texts(full)).toEqual(['a', 'b', '[videoEmbed]', 'c'])
  })

  it('returns null for what is not a Lexical state', () => {
    expect(stripPaywallBreaks({ nope: true })).toBeNull()
  })
})
