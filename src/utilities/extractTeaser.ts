/** Block type of the editor-placed paywall break inside an article body. */
export const PAYWALL_BREAK_BLOCK = 'paywallBreak'

type LexicalNode = { [key: string]: unknown; children?: LexicalNode[]; fields?: { blockType?: string }; type?: string }
export type LexicalState = { [key: string]: unknown; root: LexicalNode & { children: LexicalNode[] } }

export const isPaywallBreak = (node: LexicalNode): boolean =>
  node.type === 'block' && node.fields?.blockType === PAYWALL_BREAK_BLOCK

const isLexicalState = (value: unknown): value is LexicalState =>
  Boolean(
    value &&
      typeof value === 'object' &&
      (value as LexicalState).root &&
      Array.isArray((value as LexicalState).root.children),
  )

/**
 * The part of an article anyone may read: the top-level blocks before the first paywall break,
 * or the first `blocks` top-level blocks when the editor placed none.
 */
export const extractTeaser = (content: unknown, { blocks }: { blocks: number }): LexicalState | null => {
  if (!isLexicalState(content)) return null
  const children = content.root.children
  const breakAt = children.findIndex(isPaywallBreak)
  const kept = breakAt >= 0 ? children.slice(0, breakAt) : children.slice(0, Math.max(0, blocks))
  return { ...content, root: { ...content.root, children: kept } }
}

/** The full body without paywall-break markers (what entitled readers see rendered). */
export const stripPaywallBreaks = (content: unknown): LexicalState | null => {
  if (!isLexicalState(content)) return null
  return {
    ...content,
    root: { ...content.root, children: content.root.children.filter((n) => !isPaywallBreak(n)) },
  }
}
