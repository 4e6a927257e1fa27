import type { PrintableArticle } from './printableArticle.js'

import { escapeHTML, escapeStyleText } from '../utilities/escapeHTML.js'
import { formatDate } from '../utilities/formatDate.js'
import { safeHref } from '../utilities/safeUrl.js'
import { type PrintLinkContext, renderBodyHTML } from './printHTMLConverters.js'

export type PrintSettings = {
  /** Extra CSS from the host, appended after ours. */
  css: string
  /** BCP 47 language of dates and the document. */
  locale: string
  publisherName: string
  subscribeUrl: string
}

/** Clean paper layout: serif body, no chrome; link targets spelled out on paper. */
export const PRINT_CSS = `
@page { margin: 18mm 16mm 20mm; }
*, *::before, *::after { box-sizing: border-box; }
html { background: #fff; color: #111; font: 12pt/1.55 Georgia, "Times New Roman", Times, serif; }
body { margin: 0 auto; max-width: 44rem; padding: 1.5rem 1rem; }
.publisher { border-bottom: 2px solid #111; font: 700 11pt/1.2 "Helvetica Neue", Arial, sans-serif; letter-spacing: .08em; margin-bottom: 1.5rem; padding-bottom: .5rem; text-transform: uppercase; }
h1 { font-size: 24pt; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 17pt; } h3 { font-size: 14pt; } h4, h5, h6 { font-size: 12pt; }
h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
p, li, blockquote { orphans: 3; widows: 3; }
.excerpt { font-size: 13pt; font-style: italic; margin: .5rem 0; }
.byline { color: #444; font-size: 10pt; margin: 0 0 .25rem; }
.canonical { color: #444; font-size: 9pt; margin: 0 0 1rem; word-break: break-all; }
figure { break-inside: avoid; margin: 1rem 0; page-break-inside: avoid; }
.newsroom-video a { display: block; text-decoration: none; }
.newsroom-video__title { display: block; font-weight: 700; margin-top: .25rem; }
.newsroom-video__title::before { content: "Video: "; }
.newsroom-video__locked { display: block; font-size: 9.5pt; font-style: italic; }
figcaption { color: #444; font-size: 9.5pt; margin-top: .25rem; }
img, picture { display: block; height: auto; max-width: 100%; }
blockquote { border-left: 3px solid #999; font-style: italic; margin: 1rem 0; padding-left: 1rem; }
code { font-family: "Courier New", Courier, monospace; font-size: .92em; }
a { color: inherit; }
table { border-collapse: collapse; }
hr { border: 0; border-top: 1px solid #999; margin: 1.5rem 0; }
.subscribe-notice { border: 1px solid #111; margin: 1.5rem 0; padding: .75rem 1rem; }
.source { border-top: 1px solid #999; color: #444; font-size: 9pt; margin-top: 2rem; padding-top: .5rem; }
@media print {
  body { max-width: none; padding: 0; }
  .article-body a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 9pt; word-break: break-all; }
}
`.trim()

/** The whole print document: one self-contained HTML page, no scripts, every text escaped. */
export const renderPrintDocument = (
  article: PrintableArticle,
  settings: PrintSettings,
  links: PrintLinkContext,
): string => {
  const title = escapeHTML(article.title)
  const publisher = escapeHTML(settings.publisherName)
  const canonical = escapeHTML(article.canonicalUrl)
  const date = formatDate(article.publishedAt, settings.locale)
  const byline = [
    article.author ? `By ${escapeHTML(article.author)}` : '',
    date ? `<time datetime="${escapeHTML(article.publishedAt)}">${escapeHTML(date)}</time>` : '',
  ]
    .filter(Boolean)
    .join(' · ')
  const hero = article.heroImage
    ? `<figure class="hero"><img alt="${escapeHTML(article.heroImage.alt)}" src="${escapeHTML(safeHref(article.heroImage.url) ?? '')}"${
        article.heroImage.width ? ` width="${article.heroImage.width}"` : ''
      }${article.heroImage.height ? ` height="${article.heroImage.height}"` : ''} /></figure>`
    : ''
  const subscribeHref = safeHref(settings.subscribeUrl)
  const notice = article.locked
    ? `<aside class="subscribe-notice"><strong>The rest of this article is for subscribers.</strong> ${
        subscribeHref
          ? `Subscribe at <a href="${escapeHTML(subscribeHref)}">${escapeHTML(subscribeHref)}</a> to read it in full.`
          : 'Subscribe to read it in full.'
      }</aside>`
    : ''
  const customCSS = settings.css.trim() ? `\n<style>${escapeStyleText(settings.css)}</style>` : ''

  return `<!doctype html>
<html lang="${escapeHTML(settings.locale)}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="robots" content="noindex" />
<title>${title} — ${publisher}</title>
<link rel="canonical" href="${canonical}" />
<style>${PRINT_CSS}</style>${customCSS}
</head>
<body>
<header class="publisher">${publisher}</header>
<article>
<h1>${title}</h1>
${byline ? `<p class="byline">${byline}</p>\n` : ''}${article.excerpt ? `<p class="excerpt">${escapeHTML(article.excerpt)}</p>\n` : ''}<p class="canonical"><a href="${canonical}">${canonical}</a></p>
${hero}
${renderBodyHTML(article.body, links, { lockedVideoHref: article.canonicalUrl })}
${notice}
</article>
<footer class="source">Source: ${publisher} — <a href="${canonical}">${canonical}</a></footer>
</body>
</html>
`
}
