/**
 * The editors' admin UI as the plugin registers it (src/components/registerAdminComponents.ts):
 * - Payload's own import-map generator finds every component, and each path resolves to an export of
 *   `./client` (a 'use client' module) or `./rsc` (a server module);
 * - `disabled: true` registers none and leaves the data schema unchanged;
 * - the host's components, cells, dashboard layout and translations are kept;
 * - the server components' data (status tabs, pending count, premium tabs) comes from the database as the
 *   signed-in editor, and the bulk/row actions' REST call moves comments between statuses.
 */
import type { Config, Field, Payload, SanitizedConfig, TypedUser } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { initI18n } from '@payloadcms/translations'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig, generateImportMap } from 'payload'
import ts from 'typescript'

import type { NewsroomPluginOptions } from '../src/types.js'
import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { premiumTabs } from '../src/components/articles/premiumTabs.js'
import { countComments, moderationTabs, pendingSummary } from '../src/components/comments/moderationQueue.js'
import { setCommentStatus } from '../src/components/comments/setCommentStatus.js'
import { MODERATION_WIDGET_SLUG } from '../src/components/registerAdminComponents.js'
import { newsroomT } from '../src/components/serverTranslation.js'
import { newsroomPlugin } from '../src/index.js'
import { editorsCollection, lexicalParagraphs, startNewsroomApp } from './helpers/newsroomApp.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const PLUGIN_PATH = /^payload-plugin-newsroom\/(client|rsc)#(\w+)$/

/** Builds (sanitizes) a config with the plugin, without a database connection. */
const buildHostConfig = async (pluginOptions: NewsroomPluginOptions = {}, host: Partial<Config> = {}) =>
  buildConfig({
    ...host,
    admin: { user: 'users', ...host.admin },
    collections: [editorsCollection, ...(host.collections ?? [])],
    db: mongooseAdapter({ url: false }),
    plugins: [newsroomPlugin(pluginOptions)],
    secret: 'admin-spec-secret',
    telemetry: false,
  })

/** Runs Payload's import-map generator (what `payload generate:importmap` does) and returns its keys. */
const importMapKeys = async (config: SanitizedConfig): Promise<string[]> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'newsroom-importmap-'))
  try {
    const importMapFile = path.join(dir, 'importMap.js')
    config.admin.importMap = { ...config.admin.importMap, baseDir: root, importMapFile }
    await generateImportMap(config, { force: true, log: false })
    const source = await readFile(importMapFile, 'utf8')
    return [...source.matchAll(/^\s+"([^"]+)": /gm)].map((m) => m[1])
  } finally {
    await rm(dir, { force: true, recursive: true })
  }
}

/** The value exports of an entry point and whether each one's module starts with 'use client' (read by TypeScript). */
const entryPointExports = (() => {
  let cache: Record<'client' | 'rsc', Map<string, { useClient: boolean }>> | undefined
  return () => {
    if (cache) return cache
    const files = { client: path.join(root, 'src/exports/client.ts'), rsc: path.join(root, 'src/exports/rsc.ts') }
    const program = ts.createProgram(Object.values(files), {
      jsx: ts.JsxEmit.ReactJSX,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    })
    const checker = program.getTypeChecker()
    const startsWithUseClient = (file: ts.SourceFile) => {
      const first = file.statements[0]
      return Boolean(
        first &&
        ts.isExpressionStatement(first) &&
        ts.isStringLiteral(first.expression) &&
        first.expression.text === 'use client',
      )
    }
    const read = (file: string) => {
      const source = program.getSourceFile(file)!
      const result = new Map<string, { useClient: boolean }>()
      for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(source)!)) {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
        if (!(target.flags & ts.SymbolFlags.Value)) continue
        result.set(symbol.name, { useClient: startsWithUseClient(target.declarations![0].getSourceFile()) })
      }
      expect(startsWithUseClient(source)).toBe(file === files.client)
      return result
    }
    cache = { client: read(files.client), rsc: read(files.rsc) }
    return cache
  }
})()

/** Data field names, recursively (rows, collapsibles and tabs flattened; UI fields left out). */
const dataFieldNames = (fields: Field[], prefix = ''): string[] =>
  fields.flatMap((field) => {
    if (field.type === 'ui') return []
    if (field.type === 'row' || field.type === 'collapsible') return dataFieldNames(field.fields, prefix)
    if (field.type === 'tabs') {
      return field.tabs.flatMap((tab) =>
        'name' in tab && tab.name
          ? dataFieldNames(tab.fields, `${prefix}${tab.name}.`)
          : dataFieldNames(tab.fields, prefix),
      )
    }
    if (!('name' in field)) return dataFieldNames((field as { fields: Field[] }).fields, prefix)
    const name = `${prefix}${field.name}`
    return field.type === 'group' ? [name, ...dataFieldNames(field.fields, `${name}.`)] : [name]
  })

const findField = (fields: Field[], name: string): Field | undefined => {
  for (const field of fields) {
    if ('name' in field && field.name === name) return field
    if (field.type === 'row' || field.type === 'collapsible') {
      const found = findField(field.fields, name)
      if (found) return found
    }
  }
  return undefined
}
// Payload's widget types are deep generics; the tests only read slugs, components and layout.
const dashboardOf = (config: SanitizedConfig) =>
  config.admin.dashboard as unknown as { defaultLayout?: unknown; widgets: { Component?: unknown; slug: string }[] }
const componentsOf = (field: Field | undefined) =>
  (field?.admin as { components?: Record<string, unknown> } | undefined)?.components

describe('registration', () => {
  let enabled: SanitizedConfig
  let disabled: SanitizedConfig
  let enabledKeys: string[]
  // Billing's components (Stripe ids) are registered only with `billing`.
  let billingKeys: string[]

  beforeAll(async () => {
    enabled = await buildHostConfig()
    disabled = await buildHostConfig({ disabled: true })
    enabledKeys = await importMapKeys(enabled)
    billingKeys = await importMapKeys(
      await buildHostConfig({ billing: { stripe: { secretKey: 'sk_test_admin', webhookSecret: 'whsec_admin' } } }),
    )
  })

  it('puts every component in the import map, each resolving to an export of ./client or ./rsc', () => {
    const ours = enabledKeys.filter((key) => key.startsWith('payload-plugin-newsroom'))
    const exports = entryPointExports()
    expect(ours.map((key) => key.replace(/^.*#/, '')).sort()).toEqual(
      [
        'BulkModerationBar',
        'CommentContextCell',
        'CommentExcerptCell',
        'CommentStatusCell',
        'DeskKeyboard',
        'ModerationReasonCell',
        'ModerationReasonField',
        'ModerationStatusTabs',
        'NewsroomInsertMenuFeatureClient',
        'PaywallBreakDivider',
        'PendingCommentsNavLink',
        'PendingCommentsWidget',
        'PremiumBadgeCell',
        'PremiumFilterTabs',
        'ShownInVideoPreview',
        'SubscriberPreviewField',
        'SubscriptionStatusCell',
        'VideoPosterCell',
        'VideoSourcePreviewField',
        'VisibilityBadgeCell',
        'VttFileInput',
      ].sort(),
    )
    for (const key of ours) {
      const [, entry, name] = PLUGIN_PATH.exec(key) ?? []
      expect([key, exports[entry as 'client' | 'rsc']?.has(name)]).toEqual([key, true])
      // Client components come from 'use client' modules; server components must not.
      expect([key, exports[entry as 'client' | 'rsc'].get(name)!.useClient]).toEqual([key, entry === 'client'])
    }
  })

  it('exports nothing from ./client or ./rsc that the plugin does not register', () => {
    const registered = new Set(
      [...enabledKeys, ...billingKeys].map((key) => key.replace(/^payload-plugin-newsroom\/(client|rsc)#/, '$1:')),
    )
    const { client, rsc } = entryPointExports()
    for (const name of client.keys()) expect([name, registered.has(`client:${name}`)]).toEqual([name, true])
    for (const name of rsc.keys()) expect([name, registered.has(`rsc:${name}`)]).toEqual([name, true])
  })

  it('wires the moderation queue, badges, previews, nav link and dashboard widget', () => {
    const comments = enabled.collections.find((c) => c.slug === 'comments')!
    expect(componentsOf(findField(comments.fields, 'status'))?.Cell).toBe(
      'payload-plugin-newsroom/client#CommentStatusCell',
    )
    expect(componentsOf(findField(comments.fields, 'body'))?.Cell).toBe(
      'payload-plugin-newsroom/client#CommentExcerptCell',
    )
    expect(comments.admin.components?.beforeListTable).toEqual([
      'payload-plugin-newsroom/rsc#ModerationStatusTabs',
      'payload-plugin-newsroom/client#BulkModerationBar',
      'payload-plugin-newsroom/client#DeskKeyboard',
    ])
    expect(comments.defaultSort).toBe('-createdAt')

    const articles = enabled.collections.find((c) => c.slug === 'articles')!
    const names = articles.fields.map((f) => ('name' in f ? f.name : f.type))
    // The preview sits right under the body it previews, with the configured teaser length.
    expect(names.indexOf('subscriberPreview')).toBe(names.indexOf('content') + 1)
    expect(componentsOf(findField(articles.fields, 'subscriberPreview'))?.Field).toEqual({
      clientProps: { subscribeUrl: '/subscribe', teaserBlocks: 2 },
      path: 'payload-plugin-newsroom/client#SubscriberPreviewField',
    })
    expect(componentsOf(findField(articles.fields, 'premium'))?.Cell).toBe(
      'payload-plugin-newsroom/client#PremiumBadgeCell',
    )

    const videos = enabled.collections.find((c) => c.slug === 'videos')!
    const videoNames = videos.fields.map((f) => ('name' in f ? f.name : f.type))
    expect(videoNames.indexOf('sourcePreview')).toBe(videoNames.indexOf('url') + 1)
    expect(componentsOf(findField(videos.fields, 'thumbnailUrl'))?.Cell).toBe(
      'payload-plugin-newsroom/client#VideoPosterCell',
    )
    // The list column header reads "Thumbnail", not the generated "Thumbnail Url".
    expect((findField(videos.fields, 'thumbnailUrl') as { label?: unknown } | undefined)?.label).toBe('Thumbnail')
    expect(videos.admin.defaultColumns).toContain('thumbnailUrl')

    expect(enabled.admin.components.afterNavLinks).toEqual([
      { path: 'payload-plugin-newsroom/rsc#PendingCommentsNavLink', serverProps: { commentsSlug: 'comments' } },
    ])
    const dashboard = dashboardOf(enabled)
    expect(dashboard.widgets.map((w) => w.slug)).toEqual([MODERATION_WIDGET_SLUG, 'collections'])
    const layout = dashboard.defaultLayout as { widgetSlug: string }[]
    expect(layout.map((w) => w.widgetSlug)).toEqual([MODERATION_WIDGET_SLUG, 'collections'])
  })

  it('merges its English strings into the config', () => {
    const en = enabled.i18n.translations.en as Record<string, Record<string, string>>
    expect(en['plugin-newsroom'].actionApprove).toBe('Approve')
  })

  it('registers nothing when disabled, and the data schema stays the same', async () => {
    expect((await importMapKeys(disabled)).filter((key) => key.startsWith('payload-plugin-newsroom'))).toEqual([])
    expect(disabled.admin.components.afterNavLinks ?? []).toEqual([])
    expect(dashboardOf(disabled).widgets.map((w) => w.slug)).toEqual(['collections'])
    expect(disabled.i18n.translations).not.toHaveProperty('en.plugin-newsroom')
    for (const slug of ['articles', 'comments', 'videos']) {
      const off = disabled.collections.find((c) => c.slug === slug)!
      const on = enabled.collections.find((c) => c.slug === slug)!
      expect(off.admin.components?.beforeListTable ?? []).toEqual([])
      expect(off.fields.some((f) => f.type === 'ui')).toBe(false)
      expect(dataFieldNames(off.fields)).toEqual(dataFieldNames(on.fields))
    }
  })

  it('keeps what the host configured: its nav links, list components, cells and dashboard layout', async () => {
    const hostLayout = [{ widgetSlug: 'collections', width: 'full' as const }]
    const config = await buildHostConfig(
      {
        overrides: {
          comments: {
            admin: { components: { beforeListTable: ['/host/Banner#Banner'] } },
            fields: ({ defaultFields }) =>
              defaultFields.map((field) =>
                'name' in field && field.name === 'status'
                  ? ({
                      ...field,
                      admin: { ...field.admin, components: { Cell: '/host/StatusCell#StatusCell' } },
                    } as Field)
                  : field,
              ),
          },
        },
      },
      {
        admin: {
          components: { afterNavLinks: ['/host/NavExtra#NavExtra'] },
          dashboard: { defaultLayout: hostLayout, widgets: [] },
          user: 'users',
        },
      },
    )
    expect(config.admin.components.afterNavLinks).toEqual([
      '/host/NavExtra#NavExtra',
      { path: 'payload-plugin-newsroom/rsc#PendingCommentsNavLink', serverProps: { commentsSlug: 'comments' } },
    ])
    // Our widget is offered, the host's chosen layout is not changed.
    expect(dashboardOf(config).widgets.map((w) => w.slug)).toContain(MODERATION_WIDGET_SLUG)
    expect(dashboardOf(config).defaultLayout).toEqual(hostLayout)
    const comments = config.collections.find((c) => c.slug === 'comments')!
    expect(comments.admin.components?.beforeListTable).toEqual([
      '/host/Banner#Banner',
      'payload-plugin-newsroom/rsc#ModerationStatusTabs',
      'payload-plugin-newsroom/client#BulkModerationBar',
      'payload-plugin-newsroom/client#DeskKeyboard',
    ])
    expect(componentsOf(findField(comments.fields, 'status'))?.Cell).toBe('/host/StatusCell#StatusCell')
  })

  it('follows renamed slugs and the configured teaser length', async () => {
    const config = await buildHostConfig({
      premium: { subscribeUrl: 'https://news.example/join', teaser: { blocks: 3 } },
      slugs: { articles: 'stories', comments: 'reader-comments' },
    })
    const stories = config.collections.find((c) => c.slug === 'stories')!
    expect(componentsOf(findField(stories.fields, 'subscriberPreview'))?.Field).toMatchObject({
      clientProps: { subscribeUrl: 'https://news.example/join', teaserBlocks: 3 },
    })
    expect(config.admin.components.afterNavLinks).toEqual([
      { path: 'payload-plugin-newsroom/rsc#PendingCommentsNavLink', serverProps: { commentsSlug: 'reader-comments' } },
    ])
    const widget = dashboardOf(config).widgets.find((w) => w.slug === MODERATION_WIDGET_SLUG)
    expect(widget?.Component).toEqual({
      path: 'payload-plugin-newsroom/rsc#PendingCommentsWidget',
      serverProps: { articlesSlug: 'stories', commentsSlug: 'reader-comments' },
    })
  })
})

describe('server components’ data and the moderation actions, against the database', () => {
  let app: NewsroomTestApp
  let payload: Payload
  let editor: TypedUser
  let t: ReturnType<typeof newsroomT>
  let premiumArticle: { id: number | string }
  const ids: Record<string, (number | string)[]> = { approved: [], pending: [], spam: [], trash: [] }

  const addComment = async (status: string, body: string, article = premiumArticle.id) => {
    const doc = await payload.create({
      collection: 'comments',
      data: {
        article,
        authorEmail: `${status}-${ids[status].length}@example.com`,
        authorName: `${status} author`,
        body,
        status,
      } as never,
      overrideAccess: true,
      user: editor,
    })
    ids[status].push(doc.id)
    return doc
  }

  /** `fetch` for code that runs in the admin panel, answered by the real REST handlers as the editor (or no one). */
  const panelFetch =
    (token: string | undefined): typeof fetch =>
    async (input, init) => {
      const url = new URL(String(input))
      expect(url.pathname.startsWith('/api/')).toBe(true)
      expect(init?.credentials).toBe('include')
      const res = await app.rest.request(
        init?.method as 'PATCH',
        `${url.pathname.slice(4)}${url.search}` as `/${string}`,
        {
          body: typeof init?.body === 'string' ? init.body : undefined,
          headers: init?.headers,
          token,
        },
      )
      return new Response(res.text, { headers: res.headers, status: res.status })
    }

  beforeAll(async () => {
    app = await startNewsroomApp()
    payload = app.payload
    editor = (await payload.find({ collection: 'users', limit: 1 })).docs[0] as TypedUser
    const i18n = await initI18n({ config: payload.config.i18n, context: 'client', language: 'en' })
    t = newsroomT(i18n)
    const article = (title: string, premium: boolean) =>
      payload.create({
        collection: 'articles',
        data: { _status: 'published', content: lexicalParagraphs('One', 'Two'), premium, title } as never,
        user: editor,
      })
    premiumArticle = await article('A premium story', true)
    await article('A free story', false)
    await article('Another free story', false)
    await addComment('approved', 'Approved first')
    await addComment('pending', 'Pending, older')
    await addComment('spam', 'Buy now')
    await addComment('pending', 'Pending, newer')
    await addComment('trash', 'Off topic')
    await addComment('approved', 'Approved second')
  })
  afterAll(() => app?.shutdown())

  const queue = { commentsSlug: 'comments' }

  it('a plain visit to the comments list is sent to the pending queue; a drawer or filtered list is not', async () => {
    expect(await moderationTabs({ ...queue, payload, searchParams: {}, t, user: editor })).toEqual({
      redirectTo: '/admin/collections/comments?where%5Bstatus%5D%5Bequals%5D=pending',
    })
    const filtered = await moderationTabs({
      ...queue,
      payload,
      searchParams: { 'where[status][equals]': 'spam' },
      t,
      user: editor,
    })
    expect('tabs' in filtered).toBe(true)
  })

  it('status tabs count every status in the database and mark the current one', async () => {
    const result = await moderationTabs({
      ...queue,
      payload,
      searchParams: { limit: '10', 'where[status][equals]': 'pending' },
      t,
      user: editor,
    })
    if (!('tabs' in result)) throw new Error('expected tabs')
    expect(result.tabs.map(({ active, count, id, label }) => [id, label, count, active])).toEqual([
      ['all', 'All', 6, false],
      ['pending', 'Pending', 2, true],
      ['approved', 'Approved', 2, false],
      ['spam', 'Spam', 1, false],
      ['trash', 'Trash', 1, false],
    ])
  })

  it('the pending summary counts pending comments and lists the newest first, with their article', async () => {
    const summary = await pendingSummary({ ...queue, articlesSlug: 'articles', limit: 5, payload, user: editor })
    expect(summary.pending).toBe(2)
    expect(summary.newest.map((c) => [c.body, c.articleTitle])).toEqual([
      ['Pending, newer', 'A premium story'],
      ['Pending, older', 'A premium story'],
    ])
    expect(
      (await pendingSummary({ ...queue, articlesSlug: 'articles', limit: 1, payload, user: editor })).newest,
    ).toHaveLength(1)
  })

  it('counts are read with access control: without a user the public rules apply', async () => {
    // The public reads approved comments only, so the "queue" is empty for them.
    expect(await countComments({ ...queue, payload, user: null }, 'pending')).toBe(0)
    expect(await countComments({ ...queue, payload, user: null })).toBe(
      await countComments({ ...queue, payload, user: editor }, 'approved'),
    )
  })

  it('premium tabs count premium and free articles', async () => {
    const tabs = await premiumTabs({
      collectionSlug: 'articles',
      payload,
      searchParams: { 'where[premium][equals]': 'true' },
      t,
      user: editor,
    })
    expect(tabs.map(({ active, count, id }) => [id, count, active])).toEqual([
      ['all', 3, false],
      ['premium', 1, true],
      ['free', 2, false],
    ])
  })

  it('one click moves one comment; the bulk action moves a selection in one request', async () => {
    const common = { apiRoute: '/api', collectionSlug: 'comments', serverURL: 'http://localhost:3000' }
    const originalFetch = globalThis.fetch
    try {
      globalThis.fetch = panelFetch(app.editorToken)
      const [older] = ids.pending
      expect(await setCommentStatus({ ...common, status: 'approved', where: { id: { equals: older } } })).toEqual({
        errors: [],
        updated: 1,
      })
      expect((await payload.findByID({ collection: 'comments', id: older })).status).toBe('approved')

      const selection = [ids.approved[0], ids.pending[1]]
      expect(await setCommentStatus({ ...common, status: 'spam', where: { id: { in: selection } } })).toEqual({
        errors: [],
        updated: 2,
      })
      for (const id of selection) expect((await payload.findByID({ collection: 'comments', id })).status).toBe('spam')

      // Someone who is not signed in as an editor changes nothing.
      globalThis.fetch = panelFetch(undefined)
      const denied = await setCommentStatus({ ...common, status: 'approved', where: { id: { in: selection } } })
      expect(denied.updated).toBe(0)
      expect(denied.errors.length).toBeGreaterThan(0)
      for (const id of selection) expect((await payload.findByID({ collection: 'comments', id })).status).toBe('spam')
    } finally {
      globalThis.fetch = originalFetch
    }
  })
})
