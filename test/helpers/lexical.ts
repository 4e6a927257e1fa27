/** Lexical state builders for test fixtures (the JSON shape Payload's editor stores): the one fixture module. */
export type Node = Record<string, unknown>

export const text = (value: string, format = 0): Node => ({
  type: 'text',
  detail: 0,
  format,
  mode: 'normal',
  style: '',
  text: value,
  version: 1,
})
/** A paragraph of nodes; a string child is a plain text node. */
export const paragraph = (...children: (Node | string)[]): Node => ({
  type: 'paragraph',
  children: children.map((child) => (typeof child === 'string' ? text(child) : child)),
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  version: 1,
})
export const heading = (tag: string, ...children: Node[]): Node => ({
  type: 'heading',
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  tag,
  version: 1,
})
export const quote = (...children: Node[]): Node => ({
  type: 'quote',
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
})
export const link = (url: string, ...children: Node[]): Node => ({
  type: 'link',
  children,
  direction: 'ltr',
  fields: { linkType: 'custom', newTab: false, url },
  format: '',
  indent: 0,
  version: 3,
})
export const listItem = (value: number, ...children: Node[]): Node => ({
  type: 'listitem',
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  value,
  version: 1,
})
export const list = (listType: 'bullet' | 'check' | 'number', ...items: Node[]): Node => ({
  type: 'list',
  children: items,
  direction: 'ltr',
  format: '',
  indent: 0,
  listType,
  start: 1,
  tag: listType === 'number' ? 'ol' : 'ul',
  version: 1,
})
export const rule = (): Node => ({ type: 'horizontalrule', version: 1 })
export const upload = (relationTo: string, value: unknown): Node => ({
  type: 'upload',
  fields: null,
  format: '',
  relationTo,
  value,
  version: 3,
})
export const videoBlock = (video: unknown, caption?: string): Node => ({
  type: 'block',
  fields: { blockName: '', blockType: 'videoEmbed', caption, id: `v${Math.random().toString(16).slice(2, 10)}`, video },
  format: '',
  version: 2,
})
export const block = (fields: Record<string, unknown>): Node => ({ type: 'block', fields, format: '', version: 2 })
/** The paywall break block (src/lexical/paywallBreakBlock.ts); `id` as the editor would give it. */
export const paywallBreak = (id = 'pw1'): Node => ({
  type: 'block',
  fields: { blockName: '', blockType: 'paywallBreak', id },
  format: '',
  version: 2,
})
export const lexical = (...children: Node[]) => ({
  root: { type: 'root', children, direction: 'ltr', format: '', indent: 0, version: 1 },
})

// Lexical text format bits.
export const BOLD = 1
export const ITALIC = 2
export const STRIKE = 4
export const UNDERLINE = 8
export const CODE = 16
