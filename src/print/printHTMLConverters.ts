import type { HTMLConverter, HTMLConverters, HTMLConvertersFunction } from '@payloadcms/richtext-lexical/html'

import { convertLexicalToHTML, LinkHTMLConverter } from '@payloadcms/richtext-lexical/html'

import type { LexicalState } from '../utilities/extractTeaser.js'

import { createNewsroomHTMLConverters } from '../lexical/htmlConverters.js'

export type PrintLinkContext = {
  /** Public URL of another article, for internal links. */
  articleHref: (slug: string) => string
  articlesSlug: string
  /** Where internal links to anything else point (the site's home). */
  fallbackHref: string
}

type AnyNode = { [key: string]: unknown; children?: AnyNode[]; fields?: Record<string, unknown> }

/** Resolves an internal link node to a public URL: articles by slug, anything else to the site. */
export const internalLinkHref = (linkFields: unknown, ctx: PrintLinkContext): string => {
  const doc = (linkFields as { doc?: { relationTo?: string; value?: unknown } } | undefined)?.doc
  const slug = (doc?.value as { slug?: unknown } | undefined)?.slug
  if (doc?.relationTo === ctx.articlesSlug && typeof slug === 'string' && slug) return ctx.articleHref(slug)
  return ctx.fallbackHref
}

/** Nodes without a converter keep their text (children), unknown blocks disappear; nothing prints "unknown node". */
const unknownHTML: HTMLConverter<AnyNode> = ({ node, nodesToHTML }) =>
  Array.isArray(node.children) ? nodesToHTML({ nodes: node.children as never }).join('') : ''

const toInt = (value: unknown, fallback: number): number => {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 && n < 1000 ? n : fallback
}

/**
 * Payload's converters with the plugin's blocks (videos as poster + link, paywall breaks dropped:
 * src/lexical/htmlConverters.ts) and print-specific choices: internal links resolved to public URLs,
 * table cells' numeric attributes coerced (Payload's converter puts them in markup unescaped),
 * uploads only when populated and readable, unknown nodes reduced to their text.
 */
export const printHTMLConverters =
  (ctx: PrintLinkContext, { lockedVideoHref }: { lockedVideoHref: null | string }): HTMLConvertersFunction =>
  ({ defaultConverters }) => {
    const tablecell = defaultConverters.tablecell as HTMLConverter<AnyNode> | undefined
    const upload = defaultConverters.upload as HTMLConverter<AnyNode> | undefined
    // Only the blocks: the rest of that set is Payload's defaults again (without our link resolution).
    const { blocks } = createNewsroomHTMLConverters({ lockedHref: lockedVideoHref })
    return {
      ...defaultConverters,
      ...LinkHTMLConverter({ internalDocToHref: ({ linkNode }) => internalLinkHref(linkNode.fields, ctx) }),
      blocks,
      tablecell: (args) =>
        typeof tablecell === 'function'
          ? tablecell({
              ...args,
              node: {
                ...args.node,
                colSpan: toInt(args.node.colSpan, 1),
                headerState: toInt(args.node.headerState, 0),
                rowSpan: toInt(args.node.rowSpan, 1),
              },
            })
          : '',
      unknown: unknownHTML,
      upload: (args) => {
        const value = args.node.value as { mimeType?: unknown } | undefined
        // Payload's converter needs a populated document with a MIME type; anything else prints nothing.
        if (!value || typeof value !== 'object' || typeof value.mimeType !== 'string') return ''
        const html = typeof upload === 'function' ? upload(args) : ''
        return html ? `<figure class="upload">${html}</figure>` : ''
      },
    } as HTMLConverters
  }

/** The article body (Lexical state) as HTML for the print view. A locked video links to `lockedVideoHref`. */
export const renderBodyHTML = (
  state: LexicalState | null,
  ctx: PrintLinkContext,
  { lockedVideoHref = null }: { lockedVideoHref?: null | string } = {},
): string =>
  state
    ? convertLexicalToHTML({
        className: 'article-body',
        converters: printHTMLConverters(ctx, { lockedVideoHref }),
        data: state as never,
      })
    : ''
