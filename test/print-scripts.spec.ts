/**
 * The PDF prints every script as written: each sentence of the corpus is drawn with embedded, subset fonts and
 * read back (pdfjs) as the same text after Unicode normalization. Also: tagged structure, language, title,
 * bookmarks, validity (poppler's pdfinfo/pdffonts and qpdf, installed by .ci/run), the placeholder for characters
 * no font has, and hyphenation.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

import { printFontFaceCSS } from '../src/print/fonts/printFontFaces.js'
import { resolvePrintFonts } from '../src/print/fonts/printFontStack.js'
import { lexicalToPdfBlocks } from '../src/print/pdf/lexicalToPdfBlocks.js'
import { PLACEHOLDER } from '../src/print/pdf/textLayout.js'
import { renderArticlePdfWithReport } from '../src/print/pdf/renderArticlePdf.js'
import { renderPrintDocument } from '../src/print/renderPrintDocument.js'
import { parseHTML } from './helpers/documents.js'
import { heading, lexical, link, list, listItem, paragraph, text } from './helpers/lexical.js'

const links = {
  articleHref: (slug: string) => `https://news.test/news/${slug}`,
  articlesSlug: 'articles',
  fallbackHref: 'https://news.test',
}
// CJK packages are opt-in for hosts (README: Print fonts); this repository has them as devDependencies.
const fonts = resolvePrintFonts({
  extraFallback: ['@fontsource/noto-sans-sc', '@fontsource/noto-sans-jp', '@fontsource/noto-sans-kr'],
})

const CORPUS: Record<string, string> = {
  arabic: 'مرحبا بالعالم، هذا نص عربي للاختبار في الصحيفة.',
  chinese: '北京欢迎你，这是一个中文测试句子。',
  cyrillic: 'Съешь же ещё этих мягких французских булок, да выпей чаю.',
  devanagari: 'नमस्ते दुनिया, यह हिंदी में एक परीक्षण वाक्य है।',
  emoji: 'Emoji 😀 🎉 👍 ❤ 🌍',
  greek: 'Ξεσκεπάζω την ψυχοφθόρα βδελυγμία στην Ελλάδα.',
  hebrew: 'שלום עולם, זהו טקסט בעברית לבדיקה.',
  japanese: '日本語のテキストです。ひらがなとカタカナ。',
  korean: '한국어 문장입니다. 서울에서 읽는 독자.',
  latin: 'Zażółć gęślą jaźń — Łódź, Erdős Pál, Ærøskøbing, Ångström, İstanbul, Ðakovo, žluťoučký kůň, Œuvre, Straße.',
  mixed: 'The word שלום means peace and مرحبا means hello, both in one line.',
}

const article = (body: ReturnType<typeof lexical>, title = 'Scripts') => ({
  author: 'Ann Writer',
  body,
  canonicalUrl: 'https://news.test/news/scripts',
  excerpt: null,
  heroImage: null,
  id: '1',
  locked: false,
  publishedAt: '2024-06-18T10:00:00.000Z',
  slug: 'scripts',
  teaser: null,
  title,
})

const render = async (
  body: ReturnType<typeof lexical>,
  options: { hyphenate?: boolean; locale?: string; standard?: boolean; title?: string } = {},
) =>
  renderArticlePdfWithReport(
    article(body, options.title) as never,
    {
      fonts: options.standard ? resolvePrintFonts('standard') : fonts,
      hyphenate: options.hyphenate ?? false,
      locale: options.locale ?? 'en',
      publisherName: 'The Daily Test',
      subscribeUrl: 'https://news.test/subscribe',
    },
    new Map(),
    lexicalToPdfBlocks(body as never, links),
  )

/** All text pdfjs extracts, with the zero-width marks of shaped words removed. */
const extract = async (pdf: Buffer): Promise<string> => {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise
  let out = ''
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent()
    for (const item of content.items) if ('str' in item) out += item.str + (item.hasEOL ? '\n' : '')
    out += '\n'
  }
  await doc.destroy()
  return out.replace(/\u200b/g, '')
}

const normal = (value: string) => value.normalize('NFC').replace(/\s+/g, ' ').trim()
const letters = (value: string) => value.normalize('NFC').replace(/\s+/g, '')

const tool = (name: string, pdf: Buffer, ...args: string[]): string => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'newsroom-pdf-')), 'a.pdf')
  writeFileSync(file, pdf)
  try {
    return execFileSync(name, [...args, file], { encoding: 'utf8' })
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '') + String((error as { stderr?: string }).stderr ?? '')
  }
}

describe('PDF in every script', () => {
  let all: { missing: number[]; pdf: Buffer; text: string }
  beforeAll(async () => {
    const rendered = await render(
      lexical(heading('h2', text('Corpus')), ...Object.values(CORPUS).map((s) => paragraph(text(s)))),
    )
    all = { ...rendered, text: await extract(rendered.pdf) }
  }, 120_000)

  for (const [script, sentence] of Object.entries(CORPUS)) {
    it(`${script}: extracted text equals the sentence`, () => {
      // Left-to-right scripts keep every space; in right-to-left and shaped lines extractors place spaces from
      // the text itself, so there the letters and their order are compared.
      if (['arabic', 'devanagari', 'hebrew', 'mixed'].includes(script))
        expect(letters(all.text)).toContain(letters(sentence))
      else expect(normal(all.text)).toContain(normal(sentence))
    })
  }

  it('reports nothing missing when the stack covers the text', () => {
    expect(all.missing).toEqual([])
  })

  it('is tagged, titled, in the document language, with embedded subset fonts, and valid', () => {
    const info = tool('pdfinfo', all.pdf)
    expect(info).toMatch(/Tagged:\s+yes/)
    expect(info).toMatch(/Title:\s+Scripts/)
    const fontsOut = tool('pdffonts', all.pdf)
    const rows = fontsOut.split('\n').slice(2).filter(Boolean)
    expect(rows.length).toBeGreaterThan(5)
    for (const row of rows) expect(row).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/)
    expect(fontsOut).toMatch(/NotoSansArabic/)
    expect(fontsOut).toMatch(/NotoSansKR/)
    expect(tool('qpdf', all.pdf, '--check')).toMatch(/No syntax or stream encoding errors/)
    const catalog = tool('qpdf', all.pdf, '--show-object=trailer', '--filtered-stream-data')
    expect(catalog).toBeDefined()
    expect(all.pdf.toString('latin1')).toMatch(/\/Lang \(en\)/)
    expect(all.pdf.toString('latin1')).toMatch(/\/DisplayDocTitle true/)
  })

  it('has a structure tree in document order: H1, H2, paragraphs', async () => {
    const doc = await getDocument({ data: new Uint8Array(all.pdf), isEvalSupported: false, verbosity: 0 }).promise
    const tree = (await (await doc.getPage(1)).getStructTree()) as unknown as { children: unknown[] }
    const roles: string[] = []
    const walk = (node: { children?: unknown[]; role?: string }) => {
      if (node.role) roles.push(node.role)
      for (const child of node.children ?? []) walk(child as never)
    }
    walk(tree)
    await doc.destroy()
    const h1 = roles.indexOf('H1')
    const h2 = roles.indexOf('H2')
    expect(h1).toBeGreaterThanOrEqual(0)
    expect(h2).toBeGreaterThan(h1)
    expect(roles.filter((role) => role === 'P').length).toBeGreaterThanOrEqual(Object.keys(CORPUS).length)
  })
})

describe('PDF structure, placeholder, language, hyphenation', () => {
  it('a character no font has prints as the placeholder and is reported', async () => {
    const { missing, pdf } = await render(lexical(paragraph(text('Music \u{1D11E} and Gothic \u{10348} here.'))))
    expect(missing).toEqual([0x10348, 0x1d11e])
    expect(normal(await extract(pdf))).toContain(`Music ${PLACEHOLDER} and Gothic ${PLACEHOLDER} here.`)
  })

  it('the standard fonts (opt-out of embedding) keep Latin-1 and report the rest', async () => {
    const { missing, pdf } = await render(lexical(paragraph(text('Café Москва'))), { standard: true })
    expect(missing).toEqual([...new Set([...'Москва'].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b))
    expect(tool('pdffonts', pdf)).toMatch(/Times-Roman/)
    expect(normal(await extract(pdf))).toContain('Café ??????')
  })

  it('lists, links and bookmarks are tagged; the document language is the setting', async () => {
    const { pdf } = await render(
      lexical(
        heading('h2', text('Первый раздел')),
        paragraph(text('См. '), link('https://example.com/ref', text('ссылку'))),
        list('bullet', listItem(1, text('один')), listItem(2, text('два'))),
        heading('h3', text('Подраздел')),
      ),
      { locale: 'ru' },
    )
    const raw = pdf.toString('latin1')
    expect(raw).toMatch(/\/Lang \(ru\)/)
    for (const role of ['/Link', '/L', '/LI', '/Lbl', '/LBody', '/H2', '/H3', '/OBJR']) expect(raw).toContain(role)
    const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise
    const outline = await doc.getOutline()
    await doc.destroy()
    expect(outline.map((item) => item.title)).toEqual(['Scripts'])
    expect(outline[0]!.items.map((item: { title: string }) => item.title)).toEqual(['Первый раздел'])
    expect(outline[0]!.items[0]!.items.map((item: { title: string }) => item.title)).toEqual(['Подраздел'])
  })

  it('hyphenates in the document language; the words come back whole when the line-end hyphens are joined', async () => {
    const words =
      'Internationalization responsibilities notwithstanding, extraordinarily comprehensive documentation accompanies telecommunications infrastructure modernization.'
    const body = lexical(paragraph(text(`${words} ${words} ${words}`)))
    const { pdf } = await render(body, { hyphenate: true })
    const extracted = await extract(pdf)
    expect(extracted).toMatch(/\p{L}-\n/u) // at least one line ends in a hyphen the layout inserted
    expect(normal(extracted.replace(/(\p{L})-\n/gu, '$1'))).toContain(normal(`${words} ${words} ${words}`))
  })

  it('keeps 60–75 characters per line of body text', async () => {
    const sentence =
      'The council met on Tuesday to discuss the budget for the coming year, and the mayor said that the city would invest in schools, roads and parks. '
    const { pdf } = await render(lexical(paragraph(text(sentence.repeat(12)))))
    const lines = (await extract(pdf))
      .split('\n')
      .filter((line) => line.length > 40 && line.startsWith('The') === false)
    const lengths = lines.map((line) => line.trim().length).sort((a, b) => a - b)
    const median = lengths[Math.floor(lengths.length / 2)]!
    expect(median).toBeGreaterThanOrEqual(60)
    expect(median).toBeLessThanOrEqual(75)
  })
})

describe('print view: landmarks, language, direction, fonts on request', () => {
  const settings = {
    css: '',
    locale: 'en',
    publisherName: 'The Daily Test',
    subscribeUrl: 'https://news.test/subscribe',
  }
  const view = (title: string, extra: Partial<Parameters<typeof renderPrintDocument>[1]> = {}, locale = 'en') =>
    renderPrintDocument(
      article(lexical(paragraph(text(title))), title) as never,
      { ...settings, locale, ...extra },
      links,
    )

  it('wraps the article in <main>, with lang and dir from the article', async () => {
    const doc = await parseHTML(view('Moscow and Pyongyang'))
    expect(doc.querySelectorAll('main').length).toBe(1)
    expect(doc.querySelector('main article')).not.toBeNull()
    expect(doc.documentElement.getAttribute('dir')).toBe('ltr')
    const arabic = await parseHTML(view('مرحبا بالعالم', {}, 'ar'))
    expect(arabic.documentElement.getAttribute('lang')).toBe('ar')
    expect(arabic.querySelector('article')!.getAttribute('dir')).toBe('rtl')
    const hebrewInEnglish = await parseHTML(view('שלום עולם'))
    expect(hebrewInEnglish.querySelector('article')!.getAttribute('dir')).toBe('rtl')
  })

  it('system fonts by default; the PDF stack as inlined @font-face only when asked, only the files needed', () => {
    expect(view('Plain')).not.toContain('@font-face')
    const css = printFontFaceCSS(fonts, 'Hello مرحبا')
    expect(css).toContain('font-family: "newsroom-serif"')
    expect(css).toMatch(/data:font\/woff;base64,/)
    expect(css).toContain('unicode-range')
    expect(css).not.toMatch(/noto-sans-kr|NotoSansKR/)
    const rules = css.split('\n').length
    expect(rules).toBeLessThan(40) // latin + arabic subsets, not every subset of every package
    const page = view('Plain', { fontFaceCSS: css })
    expect(page).toContain('@font-face')
    expect(page).toContain('"newsroom-serif"')
    expect(printFontFaceCSS(resolvePrintFonts('standard'), 'x')).toBe('')
  })
})
