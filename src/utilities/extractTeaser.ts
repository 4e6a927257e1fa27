import { childNodes, isLexicalState, type LexicalNode, type LexicalState } from './lexicalState.js'
import {
  hasEmbed,
  hasVisibleText,
  isEmbed,
  isVisibleText,
  keepWords,
  prefixBefore,
  someLeaf,
  wordsOf,
} from './lexicalText.js'
import { isPaywallBreak } from './paywallBreak.js'

export type { LexicalNode, LexicalState } from './lexicalState.js'
export { isPaywallBreak, PAYWALL_BREAK_BLOCK, stripPaywallBreaks } from './paywallBreak.js'

/**
 * Which rule made the teaser: the editor's paywall break, the first `premium.teaser.blocks` blocks, or
 * `shortened` when either would have shown the whole text and the teaser was cut shorter.
 */
export type TeaserRule = 'blocks' | 'break' | 'shortened'

/** A first sentence shorter than this is not taken as one ("Mr. Putin…", "U.S. troops…"). */
const MIN_SENTENCE_WORDS = 3

/**
 * The first sentence of a block (of at least MIN_SENTENCE_WORDS words), but never more than half of its
 * words; null when that leaves nothing (a one-word block).
 */
const leadOf = (node: LexicalNode): LexicalNode | null => {
  const words = wordsOf(node)
  const half = Math.floor(words.length / 2)
  if (half === 0) return null
  const sentenceEnd = words.findIndex((word, index) => word.endsSentence && index + 1 >= MIN_SENTENCE_WORDS)
  return keepWords(node, sentenceEnd >= 0 ? Math.min(sentenceEnd + 1, half) : half)
}

/**
 * Whether `prefix` shows the whole body, given the nodes beyond it (`rest`, read from the first paywall
 * break on when `fromBreak`): all of its text, or — for a body without text — all of its embeds.
 * An empty body is "all shown" by anything: its teaser is empty.
 */
const showsAll = (prefix: LexicalNode, rest: LexicalNode[], fromBreak: boolean): boolean => {
  let passedBreak = !fromBreak
  let restHasEmbed = false
  const restHasText = someLeaf(rest, (leaf) => {
    if (!passedBreak) {
      passedBreak = isPaywallBreak(leaf)
      return false
    }
    if (isEmbed(leaf)) restHasEmbed = true
    return isVisibleText(leaf)
  })
  return !restHasText && (hasVisibleText(prefix) || !restHasEmbed)
}

/**
 * Cuts a prefix that shows everything down to one that does not: drop the last top-level block that
 * carries text (so at most blocks − 1 remain); when it is the only one, keep only its lead.
 */
const shorten = (prefix: LexicalNode): LexicalNode => {
  // The prefix holds all the body's text, so it has text exactly when the body has.
  const bodyHasText = hasVisibleText(prefix)
  const carries = bodyHasText ? hasVisibleText : hasEmbed
  const children = childNodes(prefix)
  let last = children.length - 1
  while (last >= 0 && !carries(children[last]!)) last--
  if (last < 0) return { ...prefix, children: [] }
  const before = children.slice(0, last)
  if (before.some(carries) || !bodyHasText) return { ...prefix, children: before }
  const lead = leadOf(children[last]!)
  return { ...prefix, children: lead ? [...before, lead] : before }
}

/**
 * The part of an article anyone may read, and the rule that made it. Everything before the first paywall
 * break (at any depth), or the first `blocks` top-level blocks when there is none — but never the whole
 * text: a teaser that would show all of it is shortened (see `shorten`).
 */
export const cutTeaser = (
  content: unknown,
  { blocks }: { blocks: number },
): { rule: TeaserRule; teaser: LexicalState } | null => {
  if (!isLexicalState(content)) return null
  const body = content.root
  const count = Number.isFinite(blocks) ? Math.max(0, Math.floor(blocks)) : 0
  const atBreak = someLeaf([body], isPaywallBreak)
  const prefix = atBreak
    ? prefixBefore(body, isPaywallBreak).node
    : { ...body, children: childNodes(body).slice(0, count) }
  const whole = showsAll(prefix, atBreak ? [body] : childNodes(body).slice(count), atBreak)
  const root = (whole ? shorten(prefix) : prefix) as LexicalState['root']
  return { rule: whole ? 'shortened' : atBreak ? 'break' : 'blocks', teaser: { ...content, root } }
}

/** The teaser alone (see `cutTeaser`): what every read of an article carries as `teaser`. */
export const extractTeaser = (content: unknown, options: { blocks: number }): LexicalState | null =>
  cutTeaser(content, options)?.teaser ?? null
