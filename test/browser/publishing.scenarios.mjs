// @ts-check
/**
 * Browser scenarios of the newsroom's publishing work (issue #18, publishing part), run by test/browser/run.mjs
 * against the built dev app: a preview link of a draft on the reader site (subscriber / non-subscriber views,
 * a forged link refused), the admin's live preview of the reader page refreshing on "Save draft", and the
 * Articles list's comment counts. Screenshots `publishing-*.png`.
 */
import assert from 'node:assert/strict'

import { logInToAdmin } from './admin.scenarios.mjs'
import { editorREST } from './restAs.mjs'

const INTRO = 'The council met on Tuesday night to settle the route.'
const BELOW_BREAK = 'The vote was eleven to four, after a long debate about the depot.'

/** @typedef {{ baseURL: string, page: import('playwright-core').Page, shot: (name: string) => Promise<void> }} Args */

/** @param {string} text */
const paragraph = (text) => ({
  type: 'paragraph',
  children: [{ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text, version: 1 }],
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  version: 1,
})
const premiumBody = {
  root: {
    type: 'root',
    children: [
      paragraph(INTRO),
      {
        type: 'block',
        fields: { id: '665f0000000000000000aa01', blockName: '', blockType: 'paywallBreak' },
        format: '',
        version: 2,
      },
      paragraph(BELOW_BREAK),
    ],
    direction: 'ltr',
    format: '',
    indent: 0,
    version: 1,
  },
}

/** A premium draft, never published. @param {Awaited<ReturnType<typeof editorREST>>} api @param {string} title */
const premiumDraft = async (api, title) => {
  const created = await api('POST', '/articles?draft=true', {
    _status: 'draft',
    content: premiumBody,
    premium: true,
    title,
  })
  assert.equal(created.status, 201, JSON.stringify(created.json))
  return /** @type {{ id: string, slug: string }} */ (created.json.doc)
}

/** @type {[string, (args: Args) => Promise<void>][]} */
export const publishingScenarios = [
  [
    'publishing: a preview link of a draft shows the subscriber and the non-subscriber view, only to its holder',
    async ({ baseURL, page, shot }) => {
      const api = await editorREST(baseURL)
      const title = `Tram line draft ${Date.now()}`
      const draft = await premiumDraft(api, title)
      // A visitor cannot make one.
      await page.goto('/')
      const visitor = await page.evaluate(
        async (id) => (await fetch(`/api/articles/${id}/preview-link`, { method: 'POST' })).status,
        draft.id,
      )
      assert.equal(visitor, 403)
      // The draft is not on the site.
      assert.equal((await page.goto(`/news/${draft.slug}`))?.status(), 404)

      const link = await api('POST', `/articles/${draft.id}/preview-link`)
      assert.equal(link.status, 201)
      const url = new URL(link.json.url)
      await page.goto(`${url.pathname}${url.search}`)
      await page.getByRole('heading', { level: 1, name: title }).waitFor()
      await page.getByText('Preview of a draft').waitFor()
      await page.getByText(BELOW_BREAK).waitFor()
      assert.equal(
        await page.getByRole('link', { exact: true, name: 'Subscriber' }).getAttribute('aria-current'),
        'page',
      )
      await shot('publishing-preview-subscriber')

      await page.getByRole('link', { name: 'Non-subscriber' }).click()
      await page.getByRole('heading', { name: 'Subscribe to keep reading' }).waitFor()
      await page.getByText(INTRO).waitFor()
      assert.equal(await page.getByText(BELOW_BREAK).count(), 0)
      assert.ok(!(await page.content()).includes(BELOW_BREAK), 'the body below the break is in the page')
      await shot('publishing-preview-non-subscriber')

      // A link changed by hand (another expiry) is refused.
      const [id, expires, signature] = decodeURIComponent(url.searchParams.get('token') ?? '').split('.')
      await page.goto(`/preview?token=${encodeURIComponent(`${id}.${Number(expires) + 3600}.${signature}`)}`)
      await page.getByRole('heading', { name: 'Preview unavailable' }).waitFor()
      await page.getByText('This preview link is not valid.').waitFor()
      assert.equal(await page.getByText(title).count(), 0)
    },
  ],
  [
    'publishing: the admin live preview shows the reader page of the draft and follows "Save draft"',
    async ({ baseURL, page, shot }) => {
      const api = await editorREST(baseURL)
      const title = `Live preview draft ${Date.now()}`
      const draft = await premiumDraft(api, title)
      await logInToAdmin(page, baseURL)
      await page.goto(`/admin/collections/articles/${draft.id}`)
      await page.locator('#field-title').waitFor()
      await page.locator('#live-preview-toggler').click()
      const frame = page.frameLocator('iframe[src*="/preview?token="]')
      await frame.getByRole('heading', { level: 1, name: title }).waitFor()
      await frame.getByText(BELOW_BREAK).waitFor()
      await frame.getByRole('link', { name: 'Non-subscriber' }).click()
      await frame.getByRole('heading', { name: 'Subscribe to keep reading' }).waitFor()
      await shot('publishing-live-preview')

      const edited = `${title} (edited)`
      await page.locator('#field-title').fill(edited)
      await page.locator('#action-save-draft').click()
      await frame.getByRole('heading', { level: 1, name: edited }).waitFor()
      // Still the non-subscriber view, now of the saved draft.
      await frame.getByRole('heading', { name: 'Subscribe to keep reading' }).waitFor()
    },
  ],
  [
    'publishing: scheduling a draft from the admin: the schedule is listed, the story stays off the site',
    async ({ baseURL, page, shot }) => {
      const api = await editorREST(baseURL)
      const title = `Embargoed draft ${Date.now()}`
      const draft = await premiumDraft(api, title)
      await logInToAdmin(page, baseURL)
      await page.goto(`/admin/collections/articles/${draft.id}`)
      await page.locator('#field-title').waitFor()
      // Publish ▾ → Schedule Publish.
      await page.locator('#action-save').locator('xpath=..').locator('.popup-button').click()
      await page.locator('#schedule-publish').click()
      const drawer = page.locator('.schedule-publish')
      await drawer.getByText('No upcoming events scheduled.').waitFor()
      // Payload's drawer may start on "Unpublish": choose "Publish".
      await drawer.locator('.schedule-publish__type').getByText('Publish', { exact: true }).click()
      assert.ok(await drawer.locator('input[id$="-type-publish"]').isChecked(), '"Publish" is not chosen')
      const when = new Date(Date.now() + 2 * 24 * 3600 * 1000)
      const month = when.toLocaleString('en-US', { month: 'short' })
      const typed = `${month} ${when.getDate()}, ${when.getFullYear()} 10:00 AM`
      const input = drawer.locator('.date-time-picker input').first()
      await input.click()
      await input.fill(typed)
      await input.press('Enter')
      await drawer.locator('#scheduled-publish-save').click()
      const event = drawer.locator('table tbody tr').first()
      await event.waitFor()
      assert.equal((await event.locator('td').first().innerText()).trim(), 'Publish')
      assert.match(await event.innerText(), new RegExp(`${when.getFullYear()}, 10:00 AM`))
      await shot('publishing-schedule-drawer')
      // Before its time: not on the site, not in the public API, only editors read it.
      const anonymous = await fetch(`${baseURL}/api/articles?where[id][equals]=${draft.id}`).then((res) => res.json())
      assert.equal(anonymous.totalDocs, 0)
      assert.equal((await fetch(`${baseURL}/news/${draft.slug}`)).status, 404)
      assert.equal((await api('GET', `/articles/${draft.id}`)).status, 200)
    },
  ],
  [
    'publishing: the Articles list shows each article’s approved comment count',
    async ({ baseURL, page, shot }) => {
      const api = await editorREST(baseURL)
      const { json } = await api('GET', '/articles?depth=0&limit=100&select[commentCount]=true&select[title]=true')
      const counted = json.docs.find((/** @type {{ commentCount?: number }} */ doc) => (doc.commentCount ?? 0) > 0)
      assert.ok(counted, 'the seed has an article with approved comments')
      // A draft saved after the comments: its version carries a copy of the count, the list must not show it.
      const saved = await api('PATCH', `/articles/${counted.id}?draft=true`, { excerpt: 'Draft excerpt.' })
      assert.equal(saved.status, 200)
      const approved = await api('POST', '/comments', {
        article: counted.id,
        authorEmail: `list-${Date.now()}@example.org`,
        authorName: 'Counted Reader',
        body: `Counted in the list ${Date.now()}`,
        status: 'approved',
      })
      assert.equal(approved.status, 201, JSON.stringify(approved.json))
      if (approved.json.doc.status !== 'approved') {
        assert.equal((await api('PATCH', `/comments/${approved.json.doc.id}`, { status: 'approved' })).status, 200)
      }
      const live = (await api('GET', `/articles/${counted.id}?depth=0`)).json.commentCount
      assert.equal(live, counted.commentCount + 1)

      await logInToAdmin(page, baseURL)
      await page.goto('/admin/collections/articles?limit=100')
      const row = page.locator('tbody tr', { has: page.getByText(counted.title, { exact: true }) })
      await row.first().waitFor()
      await row
        .first()
        .locator('.cell-commentCount', { hasText: String(live) })
        .waitFor()
      await shot('publishing-articles-list-comment-count')
    },
  ],
]
