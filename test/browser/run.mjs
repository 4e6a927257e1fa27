// @ts-check
/**
 * Browser tests of the reader's article page (`npm run test:browser`), with playwright-core and
 * the system Chromium (Debian: `apt-get install -y chromium`; elsewhere set CHROMIUM_PATH).
 *
 * 1. builds the dev app (`next build dev`, into dev/.next/browser-tests so a running `npm run dev` is untouched),
 * 2. starts it with `next start` on a free port and a fresh database (the embedded server, or a new
 *    database on MONGODB_URI, dropped afterwards), which seeds the demo content,
 * 3. runs the scenarios below, each in a fresh browser context, with screenshots in test-output/screenshots/,
 * 4. always stops the servers; exits 1 when a scenario failed.
 *
 * Env: CHROMIUM_PATH (/usr/bin/chromium), NEWSROOM_BROWSER_SKIP_BUILD=1 (reuse the last build),
 * NEWSROOM_BROWSER_DIST_DIR (build folder inside dev/, default .next/browser-tests),
 * NEWSROOM_BROWSER_ONLY=<part of a scenario name>, NEWSROOM_BROWSER_SHOW_SERVER_LOG=1.
 */
import assert from 'node:assert/strict'
import { mkdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'

import { chromium } from 'playwright-core'

import {
  freePort,
  prepareDatabase,
  repoRoot,
  spawnNext,
  stopProcessGroup,
  waitForHttp,
} from '../../dev/scripts/devServer.mjs'
import { uniqueDatabaseName, withDatabaseName } from '../harness/embeddedMongo.mjs'
import { accessibilityScenarios } from './accessibility.scenarios.mjs'
import { adminScenarios } from './admin.scenarios.mjs'
import { publishingScenarios } from './publishing.scenarios.mjs'
import { deskScenarios } from './desk.scenarios.mjs'
import { giftScenarios } from './gifts.scenarios.mjs'
import { playgroundScenarios } from './playground.scenarios.mjs'
import { editorREST } from './restAs.mjs'
import { captionsScenarios } from './captions.scenarios.mjs'

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
// Override to run two suites side by side (each needs its own build folder).
const DIST_DIR = process.env.NEWSROOM_BROWSER_DIST_DIR || '.next/browser-tests'
const SCREENSHOTS = path.join(repoRoot, 'test-output/screenshots')
const SKIP_BUILD = process.env.NEWSROOM_BROWSER_SKIP_BUILD === '1'
const ONLY = process.env.NEWSROOM_BROWSER_ONLY
const SHOW_SERVER_LOG = process.env.NEWSROOM_BROWSER_SHOW_SERVER_LOG === '1'

const ARTICLE_PATH = '/news/russian-president-vladimir-putins-rare-visit-to-north-korea'
const ARTICLE_TITLE = 'Russian President Vladimir Putin’s Rare Visit to North Korea'
// First paragraph (the teaser, before the paywall break) and a sentence of each later one.
const TEASER_TEXT = 'The Kremlin announced that Russian President Vladimir Putin will embark'
const BODY_TEXTS = [
  'At the invitation of the Chairman of State Affairs of the DPRK',
  'This landmark visit underscores Russia’s concerted efforts',
  'The United States and its allies have alleged that North Korea supplied weapons',
]
const READER_PASSWORD = 'reader-password-1'

const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`
const log = (/** @type {string} */ message) => console.log(`[browser-tests ${elapsed()}] ${message}`)

/**
 * Runs a process to completion, keeping its output for the failure message.
 * @param {import('node:child_process').ChildProcess} child
 * @param {string} label
 */
const completion = (child, label) =>
  new Promise((resolve, reject) => {
    let output = ''
    const keep = (/** @type {Buffer} */ chunk) => {
      output = (output + chunk.toString()).slice(-20_000)
      if (SHOW_SERVER_LOG) process.stdout.write(chunk)
    }
    child.stdout?.on('data', keep)
    child.stderr?.on('data', keep)
    child.once('exit', (code, signal) =>
      code === 0 ? resolve(undefined) : reject(new Error(`${label} failed (${signal ?? code}):\n${output}`)),
    )
  })

// ---------------------------------------------------------------------------------------------
// The API as an editor would use it (REST), for the steps the scenarios need from the newsroom side.

/** @param {string} baseURL */
const editorAPI = async (baseURL) => {
  const api = await editorREST(baseURL)
  /** @param {string} method @param {string} pathname @param {unknown} [body] */
  return async (method, pathname, body) => {
    const { json, status } = await api(method, pathname, body)
    assert.ok(status >= 200 && status < 300, `${method} ${pathname} answered ${status}: ${JSON.stringify(json)}`)
    return json
  }
}

// ---------------------------------------------------------------------------------------------
// Scenarios. Each receives a fresh browser context (no cookies) and the server's base URL.

/** @typedef {{ baseURL: string, context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, shot: (name: string) => Promise<void> }} ScenarioArgs */

/** @param {import('playwright-core').Page} page @param {string} email */
const logInAs = async (page, email) => {
  await page.goto(ARTICLE_PATH)
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Log in' }).click()
  await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor()
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(READER_PASSWORD)
  await page.getByRole('button', { name: 'Log in' }).click()
  // Back on the article it came from, now logged in.
  await page.waitForURL((url) => url.pathname === ARTICLE_PATH)
  await page.getByRole('button', { name: 'Log out' }).waitFor()
}

/** The "Leave a Comment" section. @param {import('playwright-core').Page} page */
const commentForm = (page) => page.getByRole('region', { name: 'Leave a Comment' })

/** @param {import('playwright-core').Page} page */
const assertLocked = async (page) => {
  await page.getByText(TEASER_TEXT).waitFor()
  await page.getByRole('heading', { name: 'Subscribe to keep reading' }).waitFor()
  // Not hidden but absent: neither in the markup nor in the data shipped with the page.
  const html = await page.content()
  for (const text of BODY_TEXTS) assert.ok(!html.includes(text), `the locked page contains body text "${text}"`)
}

/** @type {(readonly [string, (args: ScenarioArgs) => Promise<void>])[]} */
const scenarios = [
  [
    'anonymous reader sees the teaser and the subscribe box, never the body',
    async ({ page, shot }) => {
      const response = await page.goto(ARTICLE_PATH)
      assert.equal(response?.status(), 200)
      await page.getByText('Premium Content', { exact: true }).first().waitFor()
      await page.getByRole('heading', { level: 1, name: ARTICLE_TITLE }).waitFor()
      await page.getByText('By Newsroom Staff').waitFor()
      assert.equal(await page.locator('.byline time').getAttribute('datetime'), '2024-06-17T09:00:00.000Z')
      await assertLocked(page)
      const paywall = page.getByRole('region', { name: 'Subscribe to keep reading' })
      await paywall.getByRole('link', { name: 'Subscribe' }).waitFor()
      await paywall.getByRole('link', { name: 'Log in' }).waitFor()
      // The rest of the page: share buttons, approved comments as threads, the comment form.
      for (const name of ['Print', 'PDF']) await page.getByRole('link', { name, exact: true }).waitFor()
      await page.getByText('Email', { exact: true }).waitFor()
      const reply = page.locator('.comment-replies .comment', { hasText: 'Agreed. The Vietnam stop right after' })
      await reply.waitFor()
      assert.equal(
        await page.getByText('A reply still waiting for a moderator.').count(),
        0,
        'a pending reply is shown',
      )
      assert.equal(await page.getByText('Buy cheap watches').count(), 0, 'a spam comment is shown')
      await page.getByRole('heading', { name: 'Leave a Comment' }).waitFor()
      await page.getByText('Your email address will not be published. Required fields are marked *').waitFor()
      await shot('anonymous-teaser')
    },
  ],
  [
    'an active subscriber logs in and sees the full body; logging out locks it again',
    async ({ page, shot }) => {
      await logInAs(page, 'premium@newsroom.test')
      await page.getByText(TEASER_TEXT).waitFor()
      for (const text of BODY_TEXTS) await page.getByText(text).waitFor()
      assert.equal(await page.getByRole('heading', { name: 'Subscribe to keep reading' }).count(), 0)
      await shot('subscriber-full-body')
      await page.getByRole('button', { name: 'Log out' }).click()
      await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Log in' }).waitFor()
      await assertLocked(page)
    },
  ],
  [
    'an expired subscriber (and a free reader) sees the teaser',
    async ({ page, shot }) => {
      await logInAs(page, 'expired@newsroom.test')
      await assertLocked(page)
      await page.getByText(/Your premium subscription ended on/).waitFor()
      await page.getByRole('link', { name: 'Renew subscription' }).waitFor()
      await shot('expired-teaser')
      await page.getByRole('button', { name: 'Log out' }).click()
      await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Log in' }).waitFor()
      await logInAs(page, 'free@newsroom.test')
      await assertLocked(page)
      await page.getByText(/Your current plan does not include it/).waitFor()
    },
  ],
  [
    'an invalid email shows a field error next to the field (keyboard only)',
    async ({ page, shot }) => {
      await page.goto(ARTICLE_PATH)
      const form = commentForm(page)
      await form.getByRole('button', { name: 'Post Comment' }).waitFor()
      await form.getByLabel('Name').focus()
      await page.keyboard.type('Keyboard Kim')
      await page.keyboard.press('Tab')
      await page.keyboard.type('not-an-email')
      await page.keyboard.press('Tab')
      await page.keyboard.press('Tab')
      await page.keyboard.type('Typed without a mouse.')
      await page.keyboard.press('Tab')
      // Submit from the keyboard once the form is interactive.
      await page.waitForFunction(
        () => !document.querySelector('#respond button[type=submit]')?.hasAttribute('disabled'),
      )
      await page.keyboard.press('Enter')
      const email = form.getByLabel('Email')
      const error = page.locator('#comment-email-error')
      await error.waitFor()
      assert.match((await error.textContent()) ?? '', /valid email/i)
      assert.equal(await email.getAttribute('aria-invalid'), 'true')
      assert.equal(await email.getAttribute('aria-describedby'), 'comment-email-error')
      assert.equal(
        await page.evaluate(() => document.activeElement?.id),
        'comment-email',
        'focus moves to the invalid field',
      )
      assert.equal(await page.getByText(/awaiting moderation/).count(), 0)
      await shot('invalid-email')
    },
  ],
  [
    'a comment from the form is held, approved by an editor through the API, then shown',
    async ({ baseURL, page, shot }) => {
      const body = `Browser test comment ${Date.now()}: the Vietnam leg deserves its own story.`
      await page.goto(ARTICLE_PATH)
      const form = commentForm(page)
      await form.getByLabel('Name').fill('Browser Tester')
      await form.getByLabel('Email').fill(`browser-${Date.now()}@example.com`)
      await form.getByLabel('Website').fill('https://example.com/tester')
      await form.getByLabel('Comment').fill(body)
      await form.getByRole('button', { name: 'Post Comment' }).click()
      await form.getByRole('status').getByText('Your comment is awaiting moderation.').waitFor()
      await shot('comment-held')
      await page.reload()
      await page.getByRole('heading', { name: 'Leave a Comment' }).waitFor()
      assert.equal(await page.getByText(body).count(), 0, 'a held comment is shown before approval')

      const api = await editorAPI(baseURL)
      const found = await api('GET', `/comments?where[body][equals]=${encodeURIComponent(body)}&depth=0`)
      assert.equal(found.docs.length, 1)
      assert.equal(found.docs[0].status, 'pending')
      await api('PATCH', `/comments/${found.docs[0].id}`, { status: 'approved' })

      await page.reload()
      const comment = page.locator('.comment', { hasText: body })
      await comment.waitFor()
      await comment.getByRole('link', { exact: true, name: 'Browser Tester' }).waitFor()
      await shot('comment-approved')
    },
  ],
  [
    'the Print and PDF buttons return documents; Email sends the article',
    async ({ page, shot }) => {
      await page.goto(ARTICLE_PATH)
      const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Print' }).click()])
      await popup.waitForLoadState()
      await popup.getByText(TEASER_TEXT).waitFor()
      await popup.getByText('Rare Visit to North Korea').first().waitFor()
      const printed = await popup.content()
      for (const text of BODY_TEXTS)
        assert.ok(!printed.includes(text), 'the print view of a locked article has its body')
      await popup.screenshot({ fullPage: true, path: path.join(SCREENSHOTS, 'print-view.png') })
      await popup.close()

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'PDF' }).click(),
      ])
      const file = await download.path()
      const pdf = await readFile(file)
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'the PDF button downloads a PDF')

      await page.getByText('Email', { exact: true }).click()
      const form = page.getByRole('form', { name: /^Email/ })
      await form.getByLabel(/Recipient email/).fill('not-an-address')
      await form.getByLabel('Your name *').fill('Browser Tester')
      await form.getByRole('button', { name: 'Send' }).click()
      await form.locator('.field-error').first().waitFor()
      await form.getByLabel(/Recipient email/).fill('friend@example.com')
      await form.getByRole('button', { name: 'Send' }).click()
      await form.getByRole('status').getByText('The article is on its way.').waitFor()
      await shot('share-tools')
    },
  ],
  [
    'Latest Videos shows the newest published videos',
    async ({ baseURL, page, shot }) => {
      const titles = async () => page.locator('.video-strip .video-title').allTextContents()
      await page.goto(ARTICLE_PATH)
      await page.getByRole('heading', { name: 'Latest Videos' }).waitFor()
      assert.deepEqual(await titles(), ['Tears of Steel', 'Big Buck Bunny (MP4 file)', 'Sintel', 'Big Buck Bunny'])
      assert.equal(await page.getByText('Draft: Elephants Dream').count(), 0, 'a draft video is listed')
      // The premium video is listed, but not playable for an anonymous reader.
      const premium = page.locator('.video-card', { hasText: 'Tears of Steel' })
      assert.equal(await premium.getByRole('link').count(), 0)
      await premium.getByText('For subscribers').waitFor()

      const api = await editorAPI(baseURL)
      await api('POST', '/videos', {
        _status: 'published',
        publishedAt: new Date().toISOString(),
        title: 'Published Just Now',
        url: 'https://vimeo.com/76979871',
      })
      await page.reload()
      await page.getByRole('heading', { name: 'Latest Videos' }).waitFor()
      assert.deepEqual(await titles(), ['Published Just Now', 'Tears of Steel', 'Big Buck Bunny (MP4 file)', 'Sintel'])
      await shot('latest-videos')
    },
  ],
  // axe-core on the reader page, the login page and the print view (issue #17).
  ...accessibilityScenarios,
  // Gift links on the reader page (issue #16).
  ...giftScenarios,
  // The editors' admin panel (issue #6), after the reader's scenarios: they approve, spam and publish.
  ...adminScenarios,
  // Publishing (issue #18): preview links, live preview, the list's comment counts.
  ...publishingScenarios,
  // The moderation desk (issue #18): row context, shortcuts, staff replies.
  ...deskScenarios,
  // The GraphQL playground (issue #18): GraphiQL bundled into the dev app, nothing from a CDN.
  ...playgroundScenarios,
  // Captions and transcripts on the reader page (issue #18 item 11).
  ...captionsScenarios,
]

// ---------------------------------------------------------------------------------------------

/** @type {import('node:child_process').ChildProcess | undefined} */
let server
/** @type {import('../harness/embeddedMongo.mjs').EmbeddedMongo | undefined} */
let mongo
/** @type {import('playwright-core').Browser | undefined} */
let browser
/** @type {string | undefined} */
let droppableDatabaseURI

const cleanUp = async () => {
  await browser?.close().catch(() => undefined)
  await stopProcessGroup(server)
  await mongo?.stop()
  if (droppableDatabaseURI) {
    const { MongoClient } = await import('mongodb')
    const client = new MongoClient(droppableDatabaseURI)
    await client
      .db()
      .dropDatabase()
      .catch(() => undefined)
    await client.close()
  }
}
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)))
}

let failures = 0
try {
  await rm(SCREENSHOTS, { force: true, recursive: true })
  await mkdir(SCREENSHOTS, { recursive: true })
  const port = await freePort()
  const baseURL = `http://localhost:${port}`
  /** @type {NodeJS.ProcessEnv} */
  const baseEnv = {
    ...process.env,
    // A production build hides the GraphQL playground unless asked (dev/config.ts); its scenario needs it.
    NEWSROOM_GRAPHQL_PLAYGROUND: '1',
    NEWSROOM_NEXT_DIST_DIR: DIST_DIR,
    NODE_ENV: 'production',
    PORT: String(port),
  }

  if (!SKIP_BUILD) {
    log('next build dev …')
    await completion(spawnNext('build', { env: baseEnv, stdio: ['ignore', 'pipe', 'pipe'] }), 'next build')
    log('built')
  }

  if (baseEnv.MONGODB_URI) {
    droppableDatabaseURI = withDatabaseName(baseEnv.MONGODB_URI, uniqueDatabaseName('newsroom_browser'))
    baseEnv.MONGODB_URI = droppableDatabaseURI
  }
  const prepared = await prepareDatabase(baseEnv, { dbName: 'newsroom_browser' })
  mongo = prepared.mongo
  server = spawnNext('start', { env: prepared.env, port, stdio: ['ignore', 'pipe', 'pipe'] })
  let serverLog = ''
  const keepLog = (/** @type {Buffer} */ chunk) => {
    serverLog = (serverLog + chunk.toString()).slice(-50_000)
    if (SHOW_SERVER_LOG) process.stdout.write(chunk)
  }
  server.stdout?.on('data', keepLog)
  server.stderr?.on('data', keepLog)
  await waitForHttp(`${baseURL}/admin`, { child: server, timeoutMs: 3 * 60_000 }).catch((error) => {
    throw new Error(`${error.message}\n${serverLog}`)
  })
  log(`serving on ${baseURL}`)

  browser = await chromium.launch({ args: CHROMIUM_ARGS, executablePath: CHROMIUM })
  for (const [name, run] of scenarios) {
    if (ONLY && !name.includes(ONLY)) continue
    const context = await browser.newContext({ acceptDownloads: true, baseURL, viewport: { height: 900, width: 1100 } })
    context.setDefaultTimeout(20_000)
    // The page must work on its own: nothing outside the dev app is loaded (thumbnails, players).
    await context.route('**/*', (route) =>
      new URL(route.request().url()).host === `localhost:${port}` ? route.continue() : route.abort(),
    )
    const page = await context.newPage()
    const slug = name
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 60)
    const shot = async (/** @type {string} */ file) => {
      await page.screenshot({ fullPage: true, path: path.join(SCREENSHOTS, `${file}.png`) })
    }
    const t0 = Date.now()
    try {
      await run({ baseURL, context, page, shot })
      console.log(`  ✓ ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`)
    } catch (error) {
      failures += 1
      console.log(
        `  ✗ ${name}\n    ${String(error instanceof Error ? (error.stack ?? error.message) : error).replace(/\n/g, '\n    ')}`,
      )
      await page
        .screenshot({ fullPage: true, path: path.join(SCREENSHOTS, `FAILED-${slug}.png`) })
        .catch(() => undefined)
    } finally {
      await context.close()
    }
  }
  if (failures && !SHOW_SERVER_LOG) console.log(`\nLast server output:\n${serverLog.slice(-8_000)}`)
} catch (error) {
  failures += 1
  console.error(error instanceof Error ? error.message : error)
} finally {
  await cleanUp()
}
log(failures ? `${failures} failed` : 'all passed')
process.exit(failures ? 1 : 0)
