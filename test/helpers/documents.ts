/** Reading what the print/PDF/email endpoints answer: PDF text and links (pdfjs-dist), HTML (happy-dom). */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs'

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
