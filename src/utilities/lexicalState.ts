/** A node of a stored Lexical editor state (the JSON Payload's rich-text field keeps). */
export type LexicalNode = {
  [key: string]: unknown
  children?: LexicalNode[]
  fields?: { blockType?: string }
  text?: unknown
  type?: string
}
export type LexicalState = { [key: string]: unknown; root: LexicalNode & { children: LexicalNode[] } }

const isNode = (value: unknown): value is LexicalNode =>
  Boolean(value && typeof value === 'object' && !Array.isArray(value))

export const isLexicalState = (value: unknown): value is LexicalState =>
  isNode(value) && isNode(value.root) && Array.isArray(value.root.children)

/** The child nodes of an element; anything that is not a node object (stored garbage) is skipped. */
export const childNodes = (node: LexicalNode): LexicalNode[] =>
  Array.isArray(node.children) ? node.children.filter(isNode) : []

/** Whether a node is an element (it has a children array), as opposed to a leaf (text, block, upload…). */
export const isElement = (node: LexicalNode): boolean => Array.isArray(node.children)
