/** Shared by the print/PDF/email specs: Lexical builders and PDF reading (pdfjs-dist). */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs'

type Node = Record<string, unknown>

export const text = (value: string, format = 0): Node => ({
  type: 'text',
  detail: 0,
  format,
  mode: 'normal',
  style: '',
  text: value,
  version: 1,
})
export const paragraph = (...children: Node[]): Node => ({
  type: 'paragraph',
  children,
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
export const paywallBreak = (): Node => ({
  type: 'block',
  fields: { blockName: '', blockType: 'paywallBreak', id: 'pw1' },
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

export type ParsedPdf = {
  fontsByText: Map<string, string>
  images: number
  links: string[]
  pages: number
  text: string
}

/** Text (one string, lines joined by `\n`), link targets, image count and page count of a PDF. */
export async function parsePdf(bytes: Uint8Array): Promise<ParsedPdf> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise
  let out = ''
  const links: string[] = []
  const fontsByText = new Map<string, string>()
  let images = 0
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i)
    // The operator list loads the page's fonts, so their real names (Times-Bold…) can be looked up.
    const ops = await page.getOperatorList()
    images += ops.fnArray.filter((fn) => fn === OPS.paintImageXObject).length
    const content = await page.getTextContent()
    for (const item of content.items) {
      if (!('str' in item)) continue
      out += item.str + (item.hasEOL ? '\n' : '')
      if (item.str.trim()) {
        const font = page.commonObjs.has(item.fontName)
          ? (page.commonObjs.get(item.fontName) as { name?: string })
          : null
        fontsByText.set(item.str.trim(), font?.name ?? item.fontName)
      }
    }
    out += '\n'
    for (const annotation of await page.getAnnotations()) if (annotation.url) links.push(annotation.url as string)
  }
  const pages = pdf.numPages
  await pdf.destroy()
  return { fontsByText, images, links, pages, text: out }
}

/** PDF text with whitespace collapsed (line wrapping does not matter to the assertions). */
export const flat = (value: string) => value.replace(/\s+/g, ' ').trim()

/** A parsed HTML document (happy-dom's DOMParser: no scripts run, nothing is fetched). */
export async function parseHTML(html: string): Promise<Document> {
  const { Window } = await import('happy-dom')
  const window = new Window({
    settings: {
      disableCSSFileLoading: true,
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      navigation: { disableMainFrameNavigation: true },
    },
  })
  const document = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document
  await window.happyDOM.close()
  return document
}
