// @ts-check
/**
 * Accessibility scenarios (issue #17): axe-core, from npm, run inside Chromium on the reader page (locked and
 * unlocked), the print view and the login page. Every rule axe ships enabled by default (WCAG 2.x A and AA and
 * its best practices, e.g. `landmark-one-main`, `region`) must pass: a violation fails the scenario with the
 * rule, its help text and the offending elements.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFile(require.resolve('axe-core/axe.min.js'), 'utf8')

const ARTICLE_PATH = '/news/russian-president-vladimir-putins-rare-visit-to-north-korea'
const READER_PASSWORD = 'reader-password-1'

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {{ help: string, id: string, impact?: string | null, nodes: { html: string, target: unknown[] }[] }} AxeViolation */

/**
 * Runs axe-core on the page as it is now and returns its violations.
 * @param {Page} page
 * @returns {Promise<AxeViolation[]>}
 */
export const axeViolations = async (page) => {
  // Evaluated through the DevTools protocol, not as a <script>: the print view's CSP (default-src 'none') rightly
  // refuses inline scripts, and the check must not weaken what it checks.
  await page.evaluate(await AXE_SOURCE)
  return page.evaluate(async () => {
    // @ts-expect-error axe is the global the script above defines
    const results = await window.axe.run(document, { resultTypes: ['violations'] })
    return results.violations.map((/** @type {AxeViolation} */ v) => ({
      help: v.help,
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 5).map((n) => ({ html: n.html.slice(0, 200), target: n.target })),
    }))
  })
}

/** @param {Page} page @param {string} what */
const assertAccessible = async (page, what) => {
  const violations = await axeViolations(page)
  const report = violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `      ${n.target.join(' ')}  ${n.html}`).join('\n')}`,
    )
    .join('\n    ')
  assert.equal(violations.length, 0, `axe-core on ${what}: ${violations.length} violations\n    ${report}`)
}

/** @type {(readonly [string, (args: { page: Page, shot: (name: string) => Promise<void> }) => Promise<void>])[]} */
export const accessibilityScenarios = [
  [
    'axe-core: the check itself finds violations (a page without lang, main or image alt)',
    async ({ page }) => {
      await page.goto('/login')
      await page.setContent('<html><head><title>x</title></head><body><img src="data:,"></body></html>')
      const found = new Set((await axeViolations(page)).map((v) => v.id))
      for (const id of ['html-has-lang', 'image-alt', 'landmark-one-main'])
        assert.ok(found.has(id), `axe-core reports ${id} (found: ${[...found].join(', ')})`)
    },
  ],
  [
    'axe-core: the reader page (locked, anonymous) has no violations',
    async ({ page }) => {
      await page.goto(ARTICLE_PATH)
      await page.getByRole('heading', { name: 'Subscribe to keep reading' }).waitFor()
      await page.getByRole('heading', { name: 'Leave a Comment' }).waitFor()
      await page.waitForLoadState('networkidle')
      await assertAccessible(page, 'the locked reader page')
    },
  ],
  [
    'axe-core: the login page and the reader page of a subscriber have no violations',
    async ({ page }) => {
      await page.goto(`/login?next=${encodeURIComponent(ARTICLE_PATH)}`)
      await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor()
      await page.waitForLoadState('networkidle')
      await assertAccessible(page, 'the login page')
      await page.getByLabel('Email').fill('premium@newsroom.test')
      await page.getByLabel('Password').fill(READER_PASSWORD)
      await page.getByRole('button', { name: 'Log in' }).click()
      await page.waitForURL((url) => url.pathname === ARTICLE_PATH)
      await page.getByRole('button', { name: 'Log out' }).waitFor()
      await page.waitForLoadState('networkidle')
      await assertAccessible(page, 'the reader page of a subscriber')
    },
  ],
  [
    'axe-core: the print view has a main landmark, its language, and no violations',
    async ({ page }) => {
      await page.goto(ARTICLE_PATH)
      const href = await page.getByRole('link', { name: 'Print', exact: true }).getAttribute('href')
      assert.ok(href, 'the Print link has an address')
      const response = await page.goto(href)
      assert.equal(response?.status(), 200)
      assert.equal(await page.locator('main').count(), 1, 'the print view has one <main>')
      assert.ok(await page.locator('html').getAttribute('lang'), 'the print view names its language')
      await assertAccessible(page, 'the print view')
    },
  ],
]
