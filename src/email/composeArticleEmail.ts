import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'

import type { PrintableArticle } from '../print/printableArticle.js'
import type { EmailForm } from './validateEmailRequest.js'

import { escapeHTML } from '../utilities/escapeHTML.js'
import { safeHref } from '../utilities/safeUrl.js'

export const TEASER_EMAIL_LENGTH = 600

export type ArticleEmail = { html: string; subject: string; text: string }

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

/** Cuts at a word boundary and marks the cut. */
export const shorten = (text: string, max: number): string => {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`
}

/**
 * The free text an email may carry: the editor's excerpt, else the teaser (the part before the
 * paywall) as plain text. Never the article body: the teaser is never all of its text (extractTeaser).
 */
export const emailTeaserText = (article: Pick<PrintableArticle, 'excerpt' | 'teaser'>): string => {
  const source = article.excerpt ?? (article.teaser ? convertLexicalToPlaintext({ data: article.teaser as never }) : '')
  return shorten(
    source
      .replace(/[ \t]+/g, ' ')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
    TEASER_EMAIL_LENGTH,
  )
}

/**
 * The "shared with you" email: who sent it, the title, the teaser, the link and the sender's note.
 * Plain text and HTML say the same; every value from the article or the form is escaped in the HTML.
 */
export const composeArticleEmail = ({
  article,
  form,
  publisherName,
}: {
  article: Pick<PrintableArticle, 'canonicalUrl' | 'excerpt' | 'teaser' | 'title'>
  form: Pick<EmailForm, 'message' | 'senderName'>
  publisherName: string
}): ArticleEmail => {
  const title = oneLine(article.title)
  const teaser = emailTeaserText(article)
  const link = safeHref(article.canonicalUrl) ?? article.canonicalUrl
  const intro = `${form.senderName} thought you would like this article from ${publisherName}:`
  const text = [
    intro,
    '',
    title,
    ...(teaser ? ['', teaser] : []),
    '',
    `Read it here: ${link}`,
    ...(form.message ? ['', `Message from ${form.senderName}:`, form.message] : []),
    '',
    '—',
    `You received this email because someone entered your address on ${publisherName}'s website. Your address is used only to deliver this message.`,
  ].join('\n')

  const paragraphs = (value: string) =>
    value
      .split(/\n{2,}/)
      .map((part) => `<p style="margin:0 0 12px">${escapeHTML(part).replace(/\n/g, '<br />')}</p>`)
      .join('')
  const html = `<!doctype html><html><body style="font-family:Georgia,serif;color:#111;line-height:1.5;max-width:600px">
<p style="margin:0 0 16px">${escapeHTML(intro)}</p>
<h1 style="font-size:22px;line-height:1.25;margin:0 0 12px"><a href="${escapeHTML(link)}" style="color:#111">${escapeHTML(title)}</a></h1>
${teaser ? paragraphs(teaser) : ''}
<p style="margin:16px 0"><a href="${escapeHTML(link)}">Read the full article</a></p>
${
  form.message
    ? `<div style="border-left:3px solid #999;margin:16px 0;padding-left:12px"><p style="margin:0 0 8px;font-style:italic">Message from ${escapeHTML(form.senderName)}:</p>${paragraphs(form.message)}</div>`
    : ''
}<p style="color:#666;font-size:12px;margin-top:24px">You received this email because someone entered your address on ${escapeHTML(publisherName)}'s website. Your address is used only to deliver this message.</p>
</body></html>`

  return { html, subject: shorten(oneLine(`${form.senderName} shared “${title}” with you`), 200), text }
}
