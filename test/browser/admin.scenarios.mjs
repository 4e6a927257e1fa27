// @ts-check
/**
 * Browser scenarios of the editors' admin experience (issue #6), run by test/browser/run.mjs against the
 * built dev app on the seeded embedded database, or on their own through `runAdminScenarios`.
 *
 * Each scenario signs in as the seeded editor, works through the admin panel as an editor would, checks
 * the result in the UI and through the REST API, and writes screenshots (`admin-*.png`).
 * They only rely on the seed having pending and approved comments, and measure counts before and after,
 * so they can run after the reader scenarios (which add and approve a comment) on the same database.
 */
import assert from 'node:assert/strict'
import path from 'node:path'

export const ADMIN_EDITOR = { email: 'editor@newsroom.test', password: 'editor-password-1' }

// YouTube's thumbnail CDN and player are outside the sandbox: stand-ins keep the screens meaningful offline.
const YOUTUBE_ID = 'dQw4w9WgXcQ'
const STAND_IN_THUMBNAIL = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360" viewBox="0 0 480 360"><rect width="480" height="360" fill="#1f2937"/><polygon points="200,130 200,230 290,180" fill="#ef4444"/><text x="240" y="300" fill="#e5e7eb" font-family="sans-serif" font-size="22" text-anchor="middle">thumbnail stand-in (offline)</text></svg>`
const STAND_IN_PLAYER = `<!doctype html><body style="margin:0;display:grid;place-items:center;height:100vh;background:#111;color:#eee;font:16px sans-serif">YouTube player stand-in (offline)</body>`

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {{ baseURL: string, page: Page, shot: (name: string) => Promise<void> }} AdminScenarioArgs */

/**
 * Signs in to the admin panel as the seeded editor.
 * @param {Page} page
 * @param {string} baseURL
 * @param {(name: string) => Promise<void>} [shot]
 */
export const logInToAdmin = async (page, baseURL, shot) => {
  await page.goto(`${baseURL}/admin/login`)
  await page.locator('#field-email').fill(ADMIN_EDITOR.email)
  await page.locator('#field-password').fill(ADMIN_EDITOR.password)
  if (shot) await shot('admin-login')
  await page.locator('form button[type="submit"]').click()
  await page.waitForURL((url) => url.pathname.startsWith('/admin') && !url.pathname.startsWith('/admin/login'))
}

/**
 * The REST API from inside the admin page (its session cookie, same-origin), as the panel's own requests.
 * @param {Page} page
 */
const adminAPI = (page) => ({
  /** @param {string} pathname */
  get: async (pathname) => {
    const { body, status } = await page.evaluate(async (url) => {
      const res = await fetch(url, { credentials: 'include' })
      return { body: await res.text(), status: res.status }
    }, `/api${pathname}`)
    assert.equal(status, 200, `GET ${pathname} answered ${status}: ${body.slice(0, 300)}`)
    return JSON.parse(body)
  },
})

/** Opens the admin nav (closed by default on narrower screens) and returns the moderation queue link. @param {Page} page */
const showNav = async (page) => {
  if ((await page.locator('aside.nav.nav--nav-open').count()) === 0) {
    await page.locator('button.nav-toggler').first().click()
    await page.locator('aside.nav.nav--nav-open').waitFor()
    // Let the slide-in transition finish so screenshots show the open nav (a cancelled one rejects: ignore it).
    await page.evaluate(() =>
      Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
    )
  }
  const link = page.locator('#nav-newsroom-moderation-queue')
  await link.waitFor()
  return link
}

/** The pending count the nav badge shows. @param {Page} page */
const navPendingCount = async (page) =>
  Number(await (await showNav(page)).locator('[data-pending-count]').getAttribute('data-pending-count'))

/** A status tab's count, e.g. "Spam (3)" → 3. @param {Page} page @param {string} tab */
const tabCount = async (page, tab) => {
  const text = (await page.locator(`[data-tab="${tab}"] .newsroom-tabs__count`).textContent()) ?? ''
  return Number(/\((\d+)\)/.exec(text)?.[1])
}

/** The id of the comment in a list row (from its title link). @param {import('playwright-core').Locator} row */
const rowDocId = async (row) => {
  const href = (await row.locator('td a[href*="/collections/"]').first().getAttribute('href')) ?? ''
  const id = href.split('/').pop()
  assert.ok(id, `no document link in the row (${href})`)
  return id
}

/**
 * Fills a field until the page reacts: typing into server-rendered HTML before React hydrates it is lost.
 * @param {import('playwright-core').Locator} field
 * @param {string} value
 * @param {import('playwright-core').Locator} reaction
 */
const fillUntil = async (field, value, reaction) => {
  for (let attempt = 1; ; attempt += 1) {
    await field.fill(value)
    try {
      await reaction.waitFor({ timeout: 5_000 })
      return
    } catch (error) {
      if (attempt === 6) throw error
    }
  }
}

/** @param {Page} page @param {string} text */
const toast = (page, text) => page.locator('.payload-toast-container, [data-sonner-toaster]').getByText(text).first()

/**
 * Each scenario's `shot` waits until the page is idle (hydrated, lists loaded), so screenshots show finished screens.
 * @param {(args: AdminScenarioArgs) => Promise<void>} run
 * @returns {(args: AdminScenarioArgs) => Promise<void>}
 */
const settledShots = (run) => (args) =>
  run({
    ...args,
    shot: async (name) => {
      await args.page.waitForLoadState('networkidle')
      // Relationship cells (a comment's article, a video's poster upload) fill in after the list renders.
      await args.page.waitForFunction(() => !document.querySelector('table')?.textContent?.includes('Loading...'))
      await args.shot(name)
    },
  })

/** @type {[string, (args: AdminScenarioArgs) => Promise<void>][]} */
const scenarioList = [
  [
    'admin: the editor logs in; the dashboard widget and the nav badge show the pending count',
    async ({ baseURL, page, shot }) => {
      await logInToAdmin(page, baseURL, shot)
      const widget = page.locator('[data-newsroom-widget="moderation"]')
      await widget.getByRole('heading', { name: 'Comments awaiting moderation' }).waitFor()
      const widgetCount = Number(await widget.locator('[data-pending-count]').getAttribute('data-pending-count'))
      const { totalDocs } = await adminAPI(page).get('/comments?where[status][equals]=pending&limit=0')
      assert.equal(widgetCount, totalDocs, 'the widget counts the pending comments in the database')
      assert.ok(widgetCount > 0, 'the seed has pending comments')
      assert.equal(await navPendingCount(page), widgetCount, 'the nav badge agrees with the widget')
      assert.ok((await widget.locator('li').count()) > 0, 'the widget lists the newest pending comments')
      await shot('admin-dashboard')
    },
  ],
  [
    'admin: the comments list opens on the pending queue; one click approves a comment and the count drops',
    async ({ baseURL, page, shot }) => {
      await logInToAdmin(page, baseURL)
      const before = await navPendingCount(page)
      // A plain visit (the nav's Comments link) lands on the pending queue, newest first.
      await page.goto(`${baseURL}/admin/collections/comments`)
      await page.waitForURL((url) => url.searchParams.get('where[status][equals]') === 'pending')
      await page.locator('[data-tab="pending"] a[aria-current="page"]').waitFor()
      for (const column of ['Name', 'Comment', 'Article', 'Status', 'Moderation Reason', 'Created At']) {
        await page.locator('table thead').getByText(column, { exact: true }).waitFor()
      }
      const rows = page.locator('table tbody tr')
      assert.equal(await rows.count(), before, 'the queue lists every pending comment')
      assert.equal(await rows.locator('[data-status="pending"]').count(), before, 'only pending comments are listed')
      await shot('admin-moderation-queue')

      const row = rows.first()
      const id = await rowDocId(row)
      await row.locator('button[data-action="approved"]').click()
      await toast(page, 'Comment marked approved.').waitFor()
      await page.locator(`#nav-newsroom-moderation-queue [data-pending-count="${before - 1}"]`).waitFor()
      await page.locator(`table tbody a[href$="/${id}"]`).waitFor({ state: 'detached' })
      assert.equal(await tabCount(page, 'pending'), before - 1)
      const comment = await adminAPI(page).get(`/comments/${id}?depth=0`)
      assert.equal(comment.status, 'approved', 'the comment is stored as approved')
      await shot('admin-comment-approved')
    },
  ],
  [
    'admin: two comments selected in the list are marked as spam in one action',
    async ({ baseURL, page, shot }) => {
      await logInToAdmin(page, baseURL)
      await page.goto(`${baseURL}/admin/collections/comments?where[status][equals]=approved`)
      await page.locator('[data-tab="approved"] a[aria-current="page"]').waitFor()
      const spamBefore = await tabCount(page, 'spam')
      const rows = page.locator('table tbody tr')
      // The row actions turn on once the list is hydrated: from then on, selections reach React.
      await rows.first().locator('button[data-action]:not([disabled])').first().waitFor()
      assert.ok((await rows.count()) >= 2, 'the seed has at least two approved comments')
      const ids = [await rowDocId(rows.nth(0)), await rowDocId(rows.nth(1))]
      for (const index of [0, 1]) await rows.nth(index).locator('td.cell-_select input[type="checkbox"]').check()
      const bar = page.getByRole('toolbar', { name: 'Selected comments:' })
      await bar.getByText('2', { exact: true }).waitFor()
      await shot('admin-bulk-selection')

      await bar.locator('button[data-bulk-action="spam"]').click()
      await toast(page, '2 comments marked spam.').waitFor()
      await page
        .locator('[data-tab="spam"] .newsroom-tabs__count')
        .getByText(`(${spamBefore + 2})`)
        .waitFor()
      const api = adminAPI(page)
      for (const id of ids) assert.equal((await api.get(`/comments/${id}?depth=0`)).status, 'spam')
      await page.locator('[data-tab="spam"] a').click()
      await page.locator('[data-tab="spam"] a[aria-current="page"]').waitFor()
      for (const id of ids) await page.locator(`table tbody a[href$="/${id}"]`).first().waitFor()
      await shot('admin-bulk-spam')
    },
  ],
  [
    'admin: a premium article with a paywall break is written, previewed as a non-subscriber and published',
    async ({ baseURL, page, shot }) => {
      const title = `Budget talks: what the deal means (${Date.now()})`
      const teaser = 'Negotiators agreed on the outline of the budget late on Thursday.'
      const hidden = 'The full breakdown, line by line, is for subscribers.'
      await logInToAdmin(page, baseURL)
      await page.goto(`${baseURL}/admin/collections/articles/create`)
      // The rich-text editor only mounts in the browser: once it is there, the form is live.
      const editor = page.locator('.rich-text-lexical [contenteditable="true"]').first()
      await editor.waitFor()
      await page.locator('#field-title').fill(title)
      await editor.click()
      await page.keyboard.type(teaser)
      await page.keyboard.press('Enter')

      // The toolbar's block menu offers the paywall break …
      await page.locator('button[data-dropdown-key="blocks"]').click()
      await page.locator('.toolbar-popup__dropdown-items .text').getByText('Paywall break', { exact: true }).waitFor()
      await shot('admin-article-toolbar-blocks')
      await page.keyboard.press('Escape')
      // … and so does the slash menu, which inserts it here.
      await editor.click()
      await page.keyboard.press('Control+End')
      await page.keyboard.type('/paywall')
      await page.locator('#slash-menu, .slash-menu-popup').getByText('Paywall break', { exact: true }).first().click()
      await page.locator('[data-newsroom-paywall-break]').waitFor()
      await page.keyboard.press('Control+End')
      await page.keyboard.type(hidden)

      await page.locator('#field-premium').check()
      const preview = page.locator('[data-newsroom-preview="premium"]')
      await preview.locator('[data-newsroom-teaser]').getByText(teaser).waitFor()
      assert.equal(await preview.getByText(hidden).count(), 0, 'the preview shows text after the paywall break')
      await preview.getByText('The teaser ends at the paywall break.').waitFor()
      await preview
        .locator('[data-newsroom-notice]')
        .getByText('The rest of this article is for subscribers.')
        .waitFor()
      await shot('admin-article-editor')

      await page.locator('#action-save').click()
      await toast(page, 'Article successfully created.').waitFor()
      await page.waitForURL(
        (url) => /\/admin\/collections\/articles\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/create'),
      )
      const { docs } = await adminAPI(page).get(`/articles?where[title][equals]=${encodeURIComponent(title)}&depth=0`)
      assert.equal(docs.length, 1)
      assert.equal(docs[0]._status, 'published')
      assert.equal(docs[0].premium, true)
      const blockTypes = docs[0].content.root.children.map(
        (/** @type {any} */ node) => node.fields?.blockType ?? node.type,
      )
      assert.deepEqual(blockTypes, ['paragraph', 'paywallBreak', 'paragraph'])

      await page.goto(`${baseURL}/admin/collections/articles?where[premium][equals]=true`)
      await page.locator('[data-tab="premium"] a[aria-current="page"]').waitFor()
      const row = page.locator('table tbody tr', { hasText: title })
      await row.locator('[data-premium="true"]').getByText('Premium').waitFor()
      await shot('admin-articles-premium')
    },
  ],
  [
    'admin: a YouTube video is created from its link; the live preview and the poster column show it',
    async ({ baseURL, page, shot }) => {
      await page.route('https://i.ytimg.com/**', (route) =>
        route.fulfill({ body: STAND_IN_THUMBNAIL, contentType: 'image/svg+xml' }),
      )
      await page.route('https://www.youtube-nocookie.com/**', (route) =>
        route.fulfill({ body: STAND_IN_PLAYER, contentType: 'text/html' }),
      )
      const title = `Council meeting highlights (${Date.now()})`
      await logInToAdmin(page, baseURL)
      await page.goto(`${baseURL}/admin/collections/videos/create`)
      // The preview reacting to the URL field proves the form is live (hydrated) before anything else is typed.
      await fillUntil(
        page.locator('#field-url'),
        'https://www.youtube.com/watch',
        page.locator('[data-newsroom-video-preview="error"]').getByText(/does not point to a single video/),
      )
      await page.locator('#field-title').fill(title)
      await page.locator('#field-url').fill(`https://youtu.be/${YOUTUBE_ID}?t=42`)
      const preview = page.locator('[data-newsroom-video-preview="youtube"]')
      await preview.locator('[data-newsroom-provider="youtube"]').getByText(`YouTube · ${YOUTUBE_ID}`).waitFor()
      const embed = await preview.locator('iframe').getAttribute('src')
      assert.equal(embed, `https://www.youtube-nocookie.com/embed/${YOUTUBE_ID}?start=42`)
      await shot('admin-video-editor')

      await page.locator('#action-save').click()
      await toast(page, 'Video successfully created.').waitFor()
      const { docs } = await adminAPI(page).get(`/videos?where[title][equals]=${encodeURIComponent(title)}&depth=0`)
      assert.equal(docs.length, 1)
      assert.equal(docs[0].provider, 'youtube')
      assert.equal(docs[0].thumbnailUrl, `https://i.ytimg.com/vi/${YOUTUBE_ID}/hqdefault.jpg`)

      await page.goto(`${baseURL}/admin/collections/videos`)
      const poster = page.locator('table tbody tr', { hasText: title }).locator('img.newsroom-poster')
      await poster.waitFor()
      assert.equal(await poster.getAttribute('src'), `https://i.ytimg.com/vi/${YOUTUBE_ID}/hqdefault.jpg`)
      // Loaded and decoded, not a broken image.
      await poster.evaluate((img) => /** @type {HTMLImageElement} */ (img).decode())
      assert.ok(
        await poster.evaluate((img) => /** @type {HTMLImageElement} */ (img).naturalWidth > 0),
        'the poster loads',
      )
      await shot('admin-videos-posters')
    },
  ],
  [
    'admin: a discussion setting is changed and saved',
    async ({ baseURL, page, shot }) => {
      await logInToAdmin(page, baseURL)
      await page.goto(`${baseURL}/admin/globals/discussion-settings`)
      await page.waitForLoadState('networkidle')
      for (const group of ['Who can comment', 'Moderation', 'Notifications']) {
        await page
          .locator('.collapsible__toggle-wrap, .collapsible__header')
          .getByText(group, { exact: true })
          .first()
          .waitFor()
      }
      const field = page.locator('#field-maxLinks')
      const before = Number(await field.inputValue())
      await field.fill(String(before + 1))
      await shot('admin-discussion-settings')
      await page.locator('#action-save').click()
      await toast(page, 'Updated successfully.').waitFor()
      await page.reload()
      assert.equal(await page.locator('#field-maxLinks').inputValue(), String(before + 1))
      const settings = await adminAPI(page).get('/globals/discussion-settings?depth=0')
      assert.equal(settings.maxLinks, before + 1, 'the new value is stored')
    },
  ],
]

/** The scenarios, as `[name, run({ baseURL, page, shot })]` pairs (the form test/browser/run.mjs uses). */
export const adminScenarios = scenarioList.map(([name, run]) => /** @type {const} */ ([name, settledShots(run)]))

/**
 * Runs every admin scenario on one page, each after a fresh sign-in; screenshots go to `screenshotDir`.
 * Throws on the first failure.
 * @param {{ page: Page, baseURL: string, screenshotDir: string }} args
 */
export async function runAdminScenarios({ page, baseURL, screenshotDir }) {
  const shot = async (/** @type {string} */ name) => {
    await page.screenshot({ fullPage: true, path: path.join(screenshotDir, `${name}.png`) })
  }
  for (const [, run] of adminScenarios) {
    await page.context().clearCookies()
    await run({ baseURL, page, shot })
  }
}
