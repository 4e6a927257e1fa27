/**
 * Unit tests of the teaser rule (src/utilities/extractTeaser.ts): the part of an article anyone may read
 * is what precedes the editor-placed paywall break, or the first `premium.teaser.blocks` top-level blocks.
 */
import { describe, expect, it } from '@jest/globals'

import {
  extractTeaser,
  isPaywallBreak,
  PAYWALL_BREAK_BLOCK,
  stripPaywallBreaks,
} from '../src/utilities/extractTeaser.js'

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
const paywallBreak = (): Node => ({
  type: 'block',
  fields: { id: 'pb1', blockName: '', blockType: PAYWALL_BREAK_BLOCK },
  format: '',
  version: 2,
})
const videoBlock = (): Node => ({
  type: 'block',
  fields: { id: 'v1', blockName: '', blockType: 'videoEmbed', video: 'abc' },
  format: '',
  version: 2,
})
const doc = (...children: Node[]) => ({
  root: { type: 'root', children, direction: 'ltr', format: '', indent: 0, version: 1 },
})

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
    { blocks: 2, content: doc(p('a'), p('b'), paywallBreak(), p('c')), expected: ['a', 'b'], rule: 'cuts at the paywall break' },
    { blocks: 1, content: doc(p('a'), p('b'), paywallBreak(), p('c')), expected: ['a', 'b'], rule: 'the break wins over the block count (more)' },
    { blocks: 5, content: doc(p('a'), paywallBreak(), p('b'), p('c'), p('d')), expected: ['a'], rule: 'the break wins over the block count (fewer)' },
    { blocks: 2, content: doc(paywallBreak(), p('a')), expected: [], rule: 'a break first leaves an empty teaser' },
    { blocks: 2, content: doc(p('a'), paywallBreak(), p('b'), paywallBreak(), p('c')), expected: ['a'], rule: 'the first of several breaks counts' },
    { blocks: 2, content: doc(h('t'), p('a'), p('b'), p('c')), expected: ['t', 'a'], rule: 'no break: the first N top-level blocks' },
    { blocks: 3, content: doc(p('a'), videoBlock(), p('b'), p('c')), expected: ['a', '[videoEmbed]', 'b'], rule: 'other blocks count as blocks' },
    { blocks: 10, content: doc(p('a'), p('b')), expected: ['a', 'b'], rule: 'a short article is its own teaser' },
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

describe('isPaywallBreak', () => {
  it.each([
    ['the paywall break block', paywallBreak(), true],
    ['another block', videoBlock(), false],
    ['a paragraph', p('a'), false],
    ['a non-block node with the break type in fields', { type: 'paragraph', fields: { blockType: PAYWALL_BREAK_BLOCK } }, false],
    ['a block without fields', { type: 'block' }, false],
  ])('%s → %s', (_label, node, expected) => {
    expect(isPaywallBreak(node)).toBe(expected)
  })
})

describe('stripPaywallBreaks', () => {
  it('removes every break and keeps everything else in order', () => {
    const full = stripPaywallBreaks(doc(p('a'), paywallBreak(), p('b'), videoBlock(), paywallBreak(), p('c')))
    expect(texts(full)).toEqual(['a', 'b', '[videoEmbed]', 'c'])
  })

  it('returns null for what is not a Lexical state', () => {
    expect(stripPaywallBreaks({ nope: true })).toBeNull()
  })
})
