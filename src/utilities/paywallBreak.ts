import { childNodes, isElement, isLexicalState, type LexicalNode, type LexicalState } from './lexicalState.js'

/** Block type of the editor-placed paywall break inside an article body. */
export const PAYWALL_BREAK_BLOCK = 'paywallBreak'

export const isPaywallBreak = (node: LexicalNode): boolean =>
  node.type === 'block' && node.fields?.blockType === PAYWALL_BREAK_BLOCK

const withoutBreaks = (node: LexicalNode): LexicalNode =>
  isElement(node)
    ? {
        ...node,
        children: childNodes(node)
          .filter((n) => !isPaywallBreak(n))
          .map(withoutBreaks),
      }
    : node

/** The full body without paywall-break markers, at any depth (what entitled readers see rendered). */
export const stripPaywallBreaks = (content: unknown): LexicalState | null => {
  if (!isLexicalState(content)) return null
  return { ...content, root: withoutBreaks(content.root) as LexicalState['root'] }
}
