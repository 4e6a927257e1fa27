// @ts-check
/**
 * Gift links on the reader page (issue #16): a subscriber's link opens the premium article for an anonymous
 * visitor with "Gifted by …", and takes one of the gift's `maxOpens` places per visitor however often the page
 * is viewed (dev/proxy.ts hands the visitor the API's cookie before the server render).
 */
import assert from 'node:assert/strict'

import { editorREST, restAs } from './restAs.mjs'

const ARTICLE_SLUG = 'russian-president-vladimir-putins-rare-visit-to-north-korea'
const BODY_TEXT = 'This landmark visit underscores Russia’s concerted efforts'
const SUBSCRIBER = { email: 'premium@newsroom.test', password: 'reader-password-1' }

/** @typedef {import('playwright-core').Page} Page */

/** @type {(readonly [string, (args: { baseURL: string, context: import('playwright-core').BrowserContext, page: Page, shot: (name: string) => Promise<void> }) => Promise<void>])[]} */
export const giftScenarios = [
  [
    'a gift link opens the premium article with "Gifted by", one place per visitor however often it is viewed',
    async ({ baseURL, context, page, shot }) => {
      const subscriber = await restAs(baseURL, 'readers', SUBSCRIBER)
      const made = await subscriber('POST', `/articles/${ARTICLE_SLUG}/gift`)
      assert.equal(made.status, 201, JSON.stringify(made.json))
      const link = new URL(made.json.url)
      const editor = await editorREST(baseURL)
      const { json: gifts } = await editor('GET', '/newsroom-gifts?sort=-createdAt&limit=1&depth=0')
      const giftId = gifts.docs[0]?.id
      assert.ok(giftId, 'the editor sees the new gift')
      const opens = async () =>
        (await editor('GET', `/newsroom-gifts-opens?where[gift][equals]=${giftId}&limit=0`)).json.totalDocs

      await page.goto(`${link.pathname}${link.search}`)
      await page.getByText(BODY_TEXT).waitFor()
      await page
        .getByRole('note')
        .getByText(/^Gifted by /)
        .waitFor()
      assert.equal(await page.getByRole('heading', { name: 'Subscribe to keep reading' }).count(), 0)
      await shot('gift-link-opened')
      await page.reload()
      await page.getByText(BODY_TEXT).waitFor()
      await page.goto(`${link.pathname}${link.search}`)
      await page.getByText(BODY_TEXT).waitFor()
      assert.equal(await opens(), 1, 'three views by one visitor take one place')

      // Another visitor is another place; the same visitor without the token reads the teaser again.
      const browser = context.browser()
      assert.ok(browser)
      const other = await browser.newContext({ baseURL })
      const origin = new URL(baseURL).host
      await other.route('**/*', (route) =>
        new URL(route.request().url()).host === origin ? route.continue() : route.abort(),
      )
      try {
        const otherPage = await other.newPage()
        await otherPage.goto(`${link.pathname}${link.search}`)
        await otherPage.getByText(BODY_TEXT).waitFor()
      } finally {
        await other.close()
      }
      assert.equal(await opens(), 2, 'a second visitor takes a second place')
      await page.goto(link.pathname)
      await page.getByRole('heading', { name: 'Subscribe to keep reading' }).waitFor()
      assert.equal(await page.getByText(BODY_TEXT).count(), 0, 'without the token the body is gone again')
    },
  ],
]
