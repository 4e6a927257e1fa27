// @ts-check
/**
 * Browser scenarios of the moderation desk (issue #18.4–6), run by test/browser/run.mjs after the admin
 * scenarios on the same seeded database: the row context, the reasons in words, the keyboard shortcuts with
 * their help popover, and a staff reply that the reader page then shows as Staff.
 * Screenshots: `desk-*.png`.
 */
import assert from 'node:assert/strict'

import { logInToAdmin } from './admin.scenarios.mjs'

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {{ baseURL: string, page: Page, shot: (name: string) => Promise<void> }} DeskScenarioArgs */

/** The REST API from inside the admin page (its session cookie). @param {Page} page @param {string} pathname */
const apiGet = async (page, pathname) => {
  const { body, status } = await page.evaluate(async (url) => {
    const res = await fetch(url, { credentials: 'include' })
    return { body: await res.text(), status: res.status }
  }, `/api${pathname}`)
  assert.equal(status, 200, `GET ${pathname} answered ${status}: ${body.slice(0, 300)}`)
  return JSON.parse(body)
}

/** @param {Page} page @param {string} text */
const toast = (page, text) => page.locator('.payload-toast-container, [data-sonner-toaster]').getByText(text).first()

/** The comment id of a row (its context cell). @param {import('playwright-core').Locator} row */
const rowId = async (row) => {
  const id = await row.locator('[data-newsroom-comment]').getAttribute('data-newsroom-comment')
  assert.ok(id, 'the row has the desk context cell')
  return id
}

/** Waits until the list is hydrated and idle, so key presses reach React. @param {Page} page */
const settled = async (page) => {
  await page.waitForLoadState('networkidle')
  await page.waitForFunction(() => !document.querySelector('table')?.textContent?.includes('Loading...'))
  await page.locator('[data-desk-action="reply"]:not([disabled])').first().waitFor()
}

/** @type {[string, (args: DeskScenarioArgs) => Promise<void>][]} */
const scenarioList = [
  [
    'desk: each row shows the author context and the reason in words; the shortcuts help lists every key',
    async ({ baseURL, page, shot }) => {
      // A reader's comment with three links: held by the link rule, which the desk must name.
      const { docs: articles } = await (await fetch(`${baseURL}/api/articles?limit=1&depth=0`)).json()
      const body = `Desk test ${Date.now()}: see https://a.example, https://b.example and https://c.example`
      const posted = await fetch(`${baseURL}/api/comments`, {
        body: JSON.stringify({
          article: articles[0].id,
          authorEmail: 'links@example.org',
          authorName: 'Link Lover',
          body,
        }),
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
      assert.equal(posted.status, 201, 'the reader comment is accepted (held)')
      await logInToAdmin(page, baseURL)
      await page.goto(`${baseURL}/admin/collections/comments?where[status][equals]=pending`)
      await settled(page)
      const rows = page.locator('table tbody tr')
      const held = rows.filter({ hasText: 'Link Lover' })
      const reason = held.locator('[data-newsroom-reason="given"]').first()
      await reason.waitFor()
      const said = (await reason.textContent()) ?? ''
      // The first rule that holds it, in words: the links rule, or (the dev settings hold first comments) that one.
      assert.ok(
        said.includes('3 links, more than 2') || said.includes('First comment by this author (none approved yet)'),
        `the held comment's reason in words, got: ${said}`,
      )
      const first = held
      const id = await rowId(first)
      const stored = await apiGet(page, `/comments/${id}?depth=0`)
      await first.locator(`a[href="mailto:${stored.authorEmail}"]`).waitFor()
      const history = (await first.locator('[data-newsroom-history="email"]').textContent()) ?? ''
      assert.match(history, /By email: \d+ approved · \d+ pending · \d+ spam/)
      // Reasons in words, and no "<No Moderation Reason>" placeholder anywhere in the list.
      assert.equal(await page.locator('table tbody').getByText('<No ').count(), 0, 'a placeholder is shown')
      const reasons = await page.locator('table tbody [data-newsroom-reason="given"]').allTextContents()
      for (const reason of reasons) assert.doesNotMatch(reason, /[{}]/, `a reason with a raw placeholder: ${reason}`)
      await page.keyboard.press('?')
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
      await help.waitFor()
      for (const key of ['j', 'k', 'a', 'u', 's', 't', 'r', '?'])
        await help.locator('kbd', { hasText: key }).first().waitFor()
      await help.getByText('Reply as staff').waitFor()
      await shot('desk-context-and-shortcuts')
      await page.keyboard.press('?')
      await help.waitFor({ state: 'detached' })

      // Block this author, then undo from the toast.
      await first.locator('[data-desk-action="block"]').click()
      await toast(page, 'links@example.org added to the disallowed keys.').waitFor()
      const blocked = await apiGet(page, '/globals/discussion-settings?depth=0')
      assert.ok(String(blocked.disallowedKeys).split('\n').includes('links@example.org'), 'the email is disallowed')
      await shot('desk-blocked-with-undo')
      await page.locator('[data-sonner-toaster] button', { hasText: 'Undo' }).first().click()
      await toast(page, 'links@example.org removed from the disallowed keys.').waitFor()
      const unblocked = await apiGet(page, '/globals/discussion-settings?depth=0')
      assert.ok(!String(unblocked.disallowedKeys).split('\n').includes('links@example.org'), 'undo took it out')
    },
  ],
  [
    'desk: j/k move the current row, a approves it, r opens a staff reply that the reader page shows as Staff',
    async ({ baseURL, page, shot }) => {
      await logInToAdmin(page, baseURL)
      await page.goto(`${baseURL}/admin/collections/comments?where[status][equals]=pending`)
      await settled(page)
      const rows = page.locator('table tbody tr')
      assert.ok((await rows.count()) >= 2, 'two pending comments to move between')
      await page.keyboard.press('j')
      await rows.nth(0).and(page.locator('tr[aria-current="true"]')).waitFor()
      await page.keyboard.press('j')
      await rows.nth(1).and(page.locator('tr[aria-current="true"]')).waitFor()
      await page.keyboard.press('k')
      await rows.nth(0).and(page.locator('tr[aria-current="true"]')).waitFor()
      assert.equal(await page.locator('tr[aria-current="true"]').count(), 1, 'one current row')
      await shot('desk-current-row')
      const id = await rowId(rows.nth(0))
      await page.keyboard.press('a')
      await toast(page, 'Comment marked approved.').waitFor()
      assert.equal((await apiGet(page, `/comments/${id}?depth=0`)).status, 'approved', 'a approved the current row')

      // Reply as staff to the comment just approved, from its row in the approved list.
      await page.goto(`${baseURL}/admin/collections/comments?where[status][equals]=approved&where[id][equals]=${id}`)
      await settled(page)
      await page.keyboard.press('j')
      await page.keyboard.press('r')
      const form = page.locator(`[data-desk-reply-form="${id}"]`)
      await form.waitFor()
      const text = `Staff answer ${Date.now()}: thanks, we have corrected the date.`
      // Typing goes into the reply, not into the shortcuts.
      await form.getByLabel('Your reply, published as staff').pressSequentially(text)
      await shot('desk-staff-reply')
      await form.getByRole('button', { name: 'Publish reply' }).click()
      await toast(page, 'Reply published as staff.').waitFor()
      assert.equal((await apiGet(page, `/comments/${id}?depth=0`)).status, 'approved', 'typing a/s/t did not act')
      const { docs } = await apiGet(page, `/comments?depth=1&where[parent][equals]=${id}&where[staff][equals]=true`)
      assert.equal(docs.length, 1, 'the staff reply is stored')
      assert.equal(docs[0].status, 'approved')
      assert.equal(docs[0].body, text)
      const slug = docs[0].article?.slug
      assert.ok(slug, 'the reply belongs to the article')
      await page.goto(`${baseURL}/news/${slug}`)
      const reply = page.locator(`#comment-${docs[0].id}`)
      await reply.getByText(text).waitFor()
      await reply.locator('.comment-staff', { hasText: 'Staff' }).waitFor()
      await reply.scrollIntoViewIfNeeded()
      await shot('desk-staff-reply-on-reader-page')
    },
  ],
  [
    'desk/editor: the toolbar "+" menu offers Paywall break and Video, labelled, and inserts the paywall break',
    async ({ baseURL, page, shot }) => {
      await logInToAdmin(page, baseURL)
      await page.goto(`${baseURL}/admin/collections/articles/create`)
      const editor = page.locator('.rich-text-lexical [contenteditable="true"]').first()
      await editor.waitFor()
      await editor.click()
      await page.keyboard.type('A first paragraph before the break.')
      await page.keyboard.press('Enter')
      await page.locator('button[data-dropdown-key="add"]').click()
      const items = page.locator('.toolbar-popup__dropdown-items')
      await items.locator('.text').getByText('Paywall break', { exact: true }).waitFor()
      await items.locator('.text').getByText('Video', { exact: true }).waitFor()
      await shot('desk-editor-insert-menu')
      await items.locator('.text').getByText('Paywall break', { exact: true }).click()
      await page.locator('[data-newsroom-paywall-break]').waitFor()
    },
  ],
]

export const deskScenarios = scenarioList.map(([name, run]) => /** @type {const} */ ([name, run]))
