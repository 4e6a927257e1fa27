// @ts-check
/**
 * Browser scenario of the dev app's GraphQL playground (issue #18 item 13), run by test/browser/run.mjs against
 * the built dev app (started with NEWSROOM_GRAPHQL_PLAYGROUND=1, since it is a production build): Payload's
 * playground address leads to the bundled GraphiQL, which runs queries typed into its editor — anonymously and
 * with the editor's admin cookie — while every request to another origin is refused and recorded: none may be
 * attempted, and the page logs no error. Screenshot `playground-graphiql.png`.
 */
import assert from 'node:assert/strict'

import { ADMIN_EDITOR, logInToAdmin } from './admin.scenarios.mjs'

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {{ baseURL: string, context: import('playwright-core').BrowserContext, page: Page, shot: (name: string) => Promise<void> }} PlaygroundScenarioArgs */

const ARTICLES_QUERY = '{ Articles(limit: 1) { docs { title } } }'
const ME_QUERY = '{ meUser { user { email } } }'

/** Monaco draws spaces as no-break spaces and wraps long lines: compared with whitespace collapsed. @param {string} text */
const plain = (text) => text.replace(/\s+/g, ' ').trim()

/** What the anonymous API answers, to compare the page's result with. @param {string} baseURL */
const firstArticleTitle = async (baseURL) => {
  const res = await fetch(`${baseURL}/api/graphql`, {
    body: JSON.stringify({ query: ARTICLES_QUERY }),
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  const { data } = /** @type {{ data: { Articles: { docs: { title: string }[] } } }} */ (await res.json())
  const title = data.Articles.docs[0]?.title
  assert.ok(title, 'the seeded database has no article')
  return title
}

/**
 * Replaces the operation editor's text by typing `query` (as a person would: Monaco closes brackets as they are
 * typed, and types over them), runs it with the toolbar's button and returns the result pane's text.
 * @param {Page} page @param {string} query
 */
const runInGraphiQL = async (page, query) => {
  const editor = page.getByRole('region', { name: 'Operation Editor' })
  await editor.locator('.monaco-editor .view-lines').click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Delete')
  await page.keyboard.type(query)
  // Close the completion list so nothing else is inserted; back to the line's start for the screenshot.
  await page.keyboard.press('Escape')
  await page.keyboard.press('Home')
  assert.equal(plain(await editor.locator('.view-lines').innerText()), query, 'the editor holds the typed query')
  await page.getByRole('button', { name: /^Execute query/ }).click()
  const result = page.getByRole('region', { name: 'Result Window' })
  await result.locator('.view-lines', { hasText: '"data"' }).waitFor()
  return plain(await result.locator('.view-lines').innerText())
}

/** @type {[string, (args: PlaygroundScenarioArgs) => Promise<void>][]} */
const scenarioList = [
  [
    'the GraphQL playground is served by the app itself: a typed query runs, nothing is fetched from elsewhere',
    async ({ baseURL, context, page, shot }) => {
      const origin = new URL(baseURL).origin
      /** @type {string[]} */
      const external = []
      // Added after run.mjs's own route, so it is asked first: refuses and records what leaves the app's origin.
      await context.route('**/*', (route) => {
        const url = route.request().url()
        if (new URL(url).origin === origin) return route.fallback()
        external.push(url)
        return route.abort('blockedbyclient')
      })
      /** @type {string[]} */
      const errors = []
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`)
      })
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
      /** @type {string[]} */
      const workers = []
      page.on('worker', (worker) => workers.push(worker.url()))

      // Payload's playground address sends the browser to the bundled GraphiQL.
      const response = await page.goto('/api/graphql-playground')
      assert.equal(response?.status(), 200)
      assert.equal(new URL(page.url()).pathname, '/graphiql')
      await page.getByRole('button', { name: /^Execute query/ }).waitFor()

      const title = await firstArticleTitle(baseURL)
      const anonymous = await runInGraphiQL(page, ARTICLES_QUERY)
      assert.ok(anonymous.includes(`"title": ${JSON.stringify(title)}`), `the result pane shows:\n${anonymous}`)
      assert.ok(!anonymous.includes('"errors"'), `the result pane shows errors:\n${anonymous}`)
      // Monaco's editor and the GraphQL language service run in workers built into the app.
      assert.ok(workers.length > 0, 'no editor worker started')
      for (const url of workers) assert.equal(new URL(url).origin, origin, `a worker from elsewhere: ${url}`)
      await shot('playground-graphiql')

      // Same-origin credentials: the editor's admin cookie authenticates the playground's requests.
      await logInToAdmin(page, baseURL)
      await page.goto('/graphiql')
      const me = await runInGraphiQL(page, ME_QUERY)
      assert.ok(me.includes(`"email": ${JSON.stringify(ADMIN_EDITOR.email)}`), `the result pane shows:\n${me}`)

      assert.deepEqual(external, [], 'requests to other origins were attempted')
      assert.deepEqual(errors, [], 'the page logged errors')
    },
  ],
]

export const playgroundScenarios = scenarioList.map(([name, run]) => /** @type {const} */ ([name, run]))
