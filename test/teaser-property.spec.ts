/**
 * Property-based tests of the teaser rule (issue 11, finding 2): over generated Lexical documents
 * (paragraphs, headings, quotes, lists nested in lists, links, formatted and empty text, unicode,
 * video/upload blocks, rules, paywall breaks anywhere and repeatedly), the teaser
 *  - shows strictly less text than the body, and only a prefix of it (nothing when the body has no text);
 *  - is a prefix of the body's tree: its text nodes are the body's first text nodes, formats intact;
 *  - is valid Lexical (a root with children, every element with children, no paywall break);
 *  - is deterministic and leaves its input untouched;
 *  - follows the editor's break (or the block count) whenever that already hides some text.
 * Text is measured here independently of the implementation: every `text` string in document order.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

import { cutTeaser, extractTeaser, PAYWALL_BREAK_BLOCK } from '../src/utilities/extractTeaser.js'
import { keepWords, wordsOf } from '../src/utilities/lexicalText.js'
import {
  heading,
  lexical,
  link,
  list,
  listItem,
  paragraph,
  paywallBreak,
  quote,
  rule,
  text,
  upload,
  videoBlock,
} from './helpers/lexical.js'

type Node = Record<string, unknown> & { children?: Node[]; text?: string }

const RUNS = { numRuns: 1500 }

/* ---------- generators ---------- */

const WORDS = [
  'The',
  'premium',
  'story',
  'ends',
  'here.',
  'Mr.',
  'U.S.',
  'Köln',
  'naïve',
  '東京は日本',
  '🙂',
  '👩‍👩‍👧',
  'مرحبا',
  'שלום',
  '“quoted.”',
  '(aside)',
  'well?',
  'yes!',
  '—',
  '…',
]
const word = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6, minLength: 1, unit: 'grapheme' }) },
)
const space = fc.constantFrom(' ', '  ', '\n', '\t', '\u00a0', '\u2003')
const textValue = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.option(space, { nil: '' }),
        fc.array(word, { maxLength: 6, minLength: 1 }),
        space,
        fc.option(space, { nil: '' }),
      )
      .map(([lead, words, gap, tail]) => lead + words.join(gap) + tail),
  },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', '   ') },
)
const textNode = fc.tuple(textValue, fc.integer({ max: 31, min: 0 })).map(([value, format]) => text(value, format))
const linkNode = fc
  .array(textNode, { maxLength: 3, minLength: 0 })
  .map((children) => link('https://example.com/x', ...children))
const lineBreak = fc.constant({ type: 'linebreak', version: 1 })
const breakNode = fc.constant(null).map(() => paywallBreak())
const videoNode = fc
  .option(fc.constantFrom('Caption', ''), { nil: undefined })
  .map((caption) => videoBlock('65f000000000000000000001', caption))
const uploadNode = fc.constant(null).map(() => upload('media', '65f000000000000000000002'))

/** Inline content of a paragraph, heading or quote; a break may (wrongly, but storable) sit inside. */
const inline = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: textNode },
    { weight: 2, arbitrary: linkNode },
    { weight: 1, arbitrary: lineBreak },
    { weight: 1, arbitrary: breakNode },
    { weight: 1, arbitrary: uploadNode },
  ),
  { maxLength: 5 },
)

const { block: topBlock } = fc.letrec<{ block: Node; item: Node; list: Node }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: inline.map((children) => paragraph(...children)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('h1', 'h2', 'h3'), inline)
        .map(([tag, children]) => heading(tag, ...children)),
    },
    { weight: 1, arbitrary: inline.map((children) => quote(...children)) },
    { weight: 2, arbitrary: tie('list') },
    { weight: 1, arbitrary: videoNode },
    { weight: 1, arbitrary: fc.constant(null).map(() => rule()) },
    { weight: 2, arbitrary: breakNode },
  ) as fc.Arbitrary<Node>,
  item: fc
    .tuple(
      inline,
      fc.option(tie('list'), { freq: 3, nil: undefined }),
      fc.option(breakNode, { freq: 6, nil: undefined }),
    )
    .map(([children, nested, brk]) =>
      listItem(1, ...children, ...(brk ? [brk] : []), ...(nested ? [nested as Node] : [])),
    ) as fc.Arbitrary<Node>,
  list: fc
    .tuple(
      fc.constantFrom('bullet', 'number', 'check') as fc.Arbitrary<'bullet' | 'check' | 'number'>,
      fc.array(tie('item'), { maxLength: 4, minLength: 1 }),
    )
    .map(([kind, items]) => list(kind, ...(items as Node[]))) as fc.Arbitrary<Node>,
}))

const documentArb = fc.array(topBlock, { maxLength: 7 }).map((children) => lexical(...children))
const blocksArb = fc.integer({ max: 6, min: 0 })

/* ---------- independent measures ---------- */

const isBreak = (node: Node) =>
  node.type === 'block' && (node.fields as { blockType?: string } | undefined)?.blockType === PAYWALL_BREAK_BLOCK

/** Every text node in document order. */
const textNodes = (node: Node): Node[] =>
  typeof node.text === 'string' ? [node] : (node.children ?? []).flatMap(textNodes)
const visible = (node: Node) =>
  textNodes(node)
    .map((t) => t.text!.replace(/\s/gu, ''))
    .join('')

/** The document cut before its first paywall break, in document order (the editor's intent). */
const beforeFirstBreak = (node: Node): { found: boolean; node: Node } => {
  const kept: Node[] = []
  for (const child of node.children ?? []) {
    if (isBreak(child)) return { found: true, node: { ...node, children: kept } }
    if (child.children) {
      const inner = beforeFirstBreak(child)
      if (inner.found) return { found: true, node: { ...node, children: [...kept, inner.node] } }
    }
    kept.push(child)
  }
  return { found: false, node }
}

const rootOf = (state: unknown) => (state as { root: Node }).root

const everyNode = (node: Node): Node[] => [node, ...(node.children ?? []).flatMap(everyNode)]

/* ---------- properties ---------- */

describe('teaser invariants over generated Lexical documents', () => {
  it('shows a strict prefix of the body text (none when the body has none)', () => {
    fc.assert(
      fc.property(documentArb, blocksArb, (content, blocks) => {
        const body = visible(rootOf(content))
        const teaser = visible(rootOf(extractTeaser(content, { blocks })))
        expect(body.startsWith(teaser)).toBe(true)
        if (body.length > 0) expect(teaser.length).toBeLessThan(body.length)
        else expect(teaser).toBe('')
      }),
      RUNS,
    )
  })

  it("is a prefix of the body's tree: the body's first text nodes, formats kept, the last one maybe shortened", () => {
    fc.assert(
      fc.property(documentArb, blocksArb, (content, blocks) => {
        const bodyTexts = textNodes(rootOf(content))
        const teaserTexts = textNodes(rootOf(extractTeaser(content, { blocks })))
        teaserTexts.forEach((node, index) => {
          const original = bodyTexts[index]!
          if (index < teaserTexts.length - 1) expect(node).toEqual(original)
          else {
            expect({ ...node, text: '' }).toEqual({ ...original, text: '' })
            expect(original.text!.startsWith(node.text!)).toBe(true)
          }
        })
      }),
      RUNS,
    )
  })

  it('is valid Lexical: a root with children, elements with children arrays, no paywall break', () => {
    fc.assert(
      fc.property(documentArb, blocksArb, (content, blocks) => {
        const teaser = extractTeaser(content, { blocks })!
        expect(teaser.root).toMatchObject({ direction: 'ltr', type: 'root', version: 1 })
        expect(Array.isArray(teaser.root.children)).toBe(true)
        for (const node of everyNode(teaser.root as Node)) {
          expect(typeof node.type).toBe('string')
          if ('children' in node) expect(Array.isArray(node.children)).toBe(true)
          expect(isBreak(node)).toBe(false)
        }
        // Round-trips through JSON (what the API sends).
        expect(JSON.parse(JSON.stringify(teaser))).toEqual(teaser)
      }),
      RUNS,
    )
  })

  it('is deterministic and does not mutate its input', () => {
    fc.assert(
      fc.property(documentArb, blocksArb, (content, blocks) => {
        const before = JSON.stringify(content)
        const first = extractTeaser(content, { blocks })
        expect(JSON.stringify(content)).toBe(before)
        expect(extractTeaser(JSON.parse(before), { blocks })).toEqual(first)
      }),
      RUNS,
    )
  })

  it('follows the first paywall break whenever the text before it is already a strict prefix', () => {
    fc.assert(
      fc.property(documentArb, blocksArb, (content, blocks) => {
        const root = rootOf(content)
        const cut = beforeFirstBreak(root)
        fc.pre(cut.found && visible(cut.node).length < visible(root).length)
        const result = cutTeaser(content, { blocks })!
        expect(result.rule).toBe('break')
        expect(visible(rootOf(result.teaser))).toBe(visible(cut.node))
      }),
      RUNS,
    )
  })

  it('without a break, keeps the first N top-level blocks whenever they hide some text', () => {
    fc.assert(
      fc.property(documentArb, blocksArb, (content, blocks) => {
        const root = rootOf(content)
        const firstN: Node = { ...root, children: root.children!.slice(0, blocks) }
        fc.pre(!beforeFirstBreak(root).found && visible(firstN).length < visible(root).length)
        const result = cutTeaser(content, { blocks })!
        expect(result.rule).toBe('blocks')
        expect(result.teaser.root.children).toEqual(firstN.children)
      }),
      RUNS,
    )
  })

  it('a shortened teaser of a body with several text blocks still shows all of them but the last', () => {
    fc.assert(
      fc.property(
        fc.array(
          textValue.filter((v) => v.trim().length > 0),
          { maxLength: 6, minLength: 2 },
        ),
        (values) => {
          const content = lexical(...values.map((v) => paragraph(text(v))))
          const teaser = extractTeaser(content, { blocks: values.length })!
          expect(teaser.root.children).toEqual(content.root.children.slice(0, -1))
        },
      ),
      RUNS,
    )
  })
})

describe('keepWords cuts at word boundaries', () => {
  it('keeps exactly the first k words (as wordsOf counts them) for every k below the total', () => {
    fc.assert(
      fc.property(topBlock, fc.nat(), (node, seed) => {
        const words = wordsOf(node).map((w) => w.text)
        fc.pre(words.length > 0)
        const k = seed % words.length
        const kept = keepWords(node, k)
        expect(kept ? wordsOf(kept).map((w) => w.text) : []).toEqual(words.slice(0, k))
      }),
      RUNS,
    )
  })
})
