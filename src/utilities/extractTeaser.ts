import { childNodes, isLexicalState, type LexicalNode, type LexicalState } from './lexicalState.js'
import { countEmbeds, hasVisibleText, keepWords, prefixBefore, visibleText, wordsOf } from './lexicalText.js'
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
 * Whether `part` (a prefix of `body`) shows all of it: all of its text, or — for a body without text —
 * all of its embeds. An empty body is "all shown" by anything, so its teaser is empty.
 */
const showsAll = (part: LexicalNode, body: LexicalNode): boolean => {
  const bodyText = visibleText(body).length
  return bodyText > 0 ? visibleText(part).length >= bodyText : countEmbeds(part) >= countEmbeds(body)
}

/**
 * Cuts a prefix that shows everything down to one that does not: drop the last top-level block that
 * carries text (so at most blocks − 1 remain); when it is the only one, keep only its lead.
 */
const shorten = (prefix: LexicalNode, body: LexicalNode): LexicalNode => {
  const bodyHasText = hasVisibleText(body)
  const carries = bodyHasText ? hasVisibleText : (node: LexicalNode) => countEmbeds(node) > 0
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
export const cutTeaser = (content: unknown, { blocks }: { blocks: number }): { rule: TeaserRule; teaser: LexicalState } | null => {
  if (!isLexicalState(content)) return null
  const body = content.root
  const atBreak = prefixBefore(body, isPaywallBreak)
  const count = Number.isFinite(blocks) ? Math.max(0, Math.floor(blocks)) : 0
  const prefix = atBreak.found ? atBreak.node : { ...body, children: childNodes(body).slice(0, count) }
  const whole = showsAll(prefix, body)
  const root = (whole ? shorten(prefix, body) : prefix) as LexicalState['root']
  return { rule: whole ? 'shortened' : atBreak.found ? 'break' : 'blocks', teaser: { ...content, root } }
}

/** The teaser alone (see `cutTeaser`): what every read of an article carries as `teaser`. */
export const extractTeaser = (content: unknown, options: { blocks: number }): LexicalState | null =>
  cutTeaser(content, options)?.teaser ?? null
