import { childNodes, isElement, type LexicalNode } from './lexicalState.js'
import { isPaywallBreak } from './paywallBreak.js'

/**
 * Reading a Lexical tree as text, in document order: how much visible text it holds, its words, and
 * prefixes of it that keep the tree's shape (ancestors, formats, links) but end early.
 */

/** Elements that flow inside a line: a word may continue across their edges. Every other element ends a word. */
const INLINE_ELEMENTS = new Set(['autolink', 'link'])

/** A word ending with one of these (then optional closing quotes or brackets) ends a sentence. */
const SENTENCE_END = /[.!?…。！？][\p{Pf}\p{Pe}"']*$/u

const WHITESPACE = /\s/u
/** Same as WHITESPACE, without a regular expression for ASCII (the walk tests every character). */
const isWhitespace = (char: string): boolean => {
  const code = char.charCodeAt(0)
  return code < 128 ? code === 32 || (code >= 9 && code <= 13) : WHITESPACE.test(char)
}

const isText = (node: LexicalNode): node is LexicalNode & { text: string } => typeof node.text === 'string'
const isInline = (node: LexicalNode): boolean => INLINE_ELEMENTS.has(String(node.type))
/** A leaf that is neither text nor a line break nor the paywall marker: a block, an upload, a rule… */
export const isEmbed = (node: LexicalNode): boolean =>
  !isElement(node) && !isText(node) && node.type !== 'linebreak' && !isPaywallBreak(node)

/**
 * Visits the leaves (text, block, upload, line break, paywall break…) of the trees in document order
 * until `visit` returns true; returns whether it did.
 */
export const someLeaf = (nodes: readonly unknown[], visit: (leaf: LexicalNode) => boolean): boolean => {
  // Raw children, not childNodes(): this runs on every read, so it allocates nothing.
  for (const node of nodes) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) continue
    const n = node as LexicalNode
    if (isElement(n) && !isPaywallBreak(n) ? someLeaf(n.children!, visit) : visit(n)) return true
  }
  return false
}

/** Text with at least one non-whitespace character: "text" here always means the visible characters. */
export const isVisibleText = (leaf: LexicalNode): boolean => isText(leaf) && /\S/u.test(leaf.text)

/** Whether the tree holds any visible text (stops at the first). */
export const hasVisibleText = (node: LexicalNode): boolean => someLeaf([node], isVisibleText)

/** Whether the tree holds a block, an upload or another non-text leaf (paywall breaks are markers, not content). */
export const hasEmbed = (node: LexicalNode): boolean => someLeaf([node], isEmbed)

/**
 * Walks the tree in document order and reports each word boundary the same way to every caller:
 * whitespace, the edge of a block-level element, a line break or an embed ends the current word.
 */
type WordWalker = {
  /** Called with each character that belongs to a word; returns false to stop the walk before it. */
  onWordChar: (char: string, startsWord: boolean) => boolean
  /** Called when the current word (if any) ends; `endsLine` at element edges, line breaks and embeds. */
  onWordEnd: (endsLine: boolean) => void
}

type WalkResult = { node: LexicalNode | null; stopped: boolean }

/** The walk also copies the tree up to where it stopped: the prefix before the rejected character. */
const walk = (node: LexicalNode, walker: WordWalker, state: { inWord: boolean }): WalkResult => {
  const endWord = (endsLine: boolean) => {
    walker.onWordEnd(endsLine)
    state.inWord = false
  }
  if (isText(node)) {
    let index = 0
    for (const char of node.text) {
      if (isWhitespace(char)) {
        if (state.inWord) endWord(false)
      } else {
        if (!walker.onWordChar(char, !state.inWord)) {
          const kept = node.text.slice(0, index).trimEnd()
          return { node: kept ? { ...node, text: kept } : null, stopped: true }
        }
        state.inWord = true
      }
      index += char.length
    }
    return { node, stopped: false }
  }
  if (!isElement(node)) {
    if (!isPaywallBreak(node)) endWord(true)
    return { node, stopped: false }
  }
  const blockLevel = !isInline(node)
  if (blockLevel) endWord(true)
  const kept: LexicalNode[] = []
  for (const child of childNodes(node)) {
    const result = walk(child, walker, state)
    if (result.node) kept.push(result.node)
    if (result.stopped) {
      // An element emptied by the cut is dropped, so the prefix ends with the last kept text.
      return { node: kept.length > 0 ? { ...node, children: kept } : null, stopped: true }
    }
  }
  if (blockLevel) endWord(true)
  return { node: { ...node, children: kept }, stopped: false }
}

export type Word = { endsSentence: boolean; text: string }

/** The words of a tree in document order; a word at the end of a block or line ends a sentence too. */
export const wordsOf = (node: LexicalNode): Word[] => {
  const words: Word[] = []
  let current = ''
  const walker: WordWalker = {
    onWordChar: (char) => {
      current += char
      return true
    },
    onWordEnd: (endsLine) => {
      if (current) words.push({ endsSentence: SENTENCE_END.test(current), text: current })
      current = ''
      const last = words.at(-1)
      if (endsLine && last) last.endsSentence = true
    },
  }
  walk(node, walker, { inWord: false })
  walker.onWordEnd(true)
  return words
}

/**
 * The tree cut after its first `count` words (same boundaries as `wordsOf`), keeping ancestors, formats
 * and links; null when nothing is left. Whitespace after the last kept word is dropped.
 */
export const keepWords = (node: LexicalNode, count: number): LexicalNode | null => {
  let seen = 0
  const walker: WordWalker = {
    onWordChar: (_char, startsWord) => {
      if (!startsWord) return true
      if (seen >= count) return false
      seen++
      return true
    },
    onWordEnd: () => {},
  }
  return walk(node, walker, { inWord: false }).node
}

/**
 * The tree up to (not including) the first node, in document order, for which `stop` holds; `found` tells
 * whether there was one. Elements emptied by the cut are dropped.
 */
export const prefixBefore = (
  node: LexicalNode,
  stop: (node: LexicalNode) => boolean,
): { found: boolean; node: LexicalNode } => {
  const kept: LexicalNode[] = []
  for (const child of childNodes(node)) {
    if (stop(child)) return { found: true, node: { ...node, children: kept } }
    if (isElement(child)) {
      const inner = prefixBefore(child, stop)
      if (inner.found) {
        if (childNodes(inner.node).length > 0) kept.push(inner.node)
        return { found: true, node: { ...node, children: kept } }
      }
    }
    kept.push(child)
  }
  return { found: false, node }
}
