/**
 * Foundation: the plugin appends to the host config, adds its four collections with the contract's
 * fields, and every collection works over the Local API, REST and GraphQL, with 400s (never 500s)
 * for bad input.
 */
import type { CollectionConfig, Config, Endpoint } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { newsroomPlugin } from '../src/index.js'
import { confirmReaderEmail, lexicalParagraphs, startNewsroomApp } from './helpers/newsroomApp.js'

const hostHookCalls: string[] = []
const hostPosts: CollectionConfig = {
  slug: 'posts',
  access: { read: () => true },
  fields: [{ name: 'title', type: 'text', required: true }],
  hooks: { afterChange: [({ doc }) => void hostHookCalls.push(`post:${doc.title}`)] },
}
const hostEndpoint: Endpoint = {
  handler: () => Response.json({ host: true }),
  method: 'get',
  path: '/host-ping',
}

describe('plugin config: appends, never replaces', () => {
  const host: Config = {
    admin: { components: { beforeDashboard: ['host/component#Widget'] } },
    collections: [hostPosts],
    db: {} as Config['db'],
    endpoints: [hostEndpoint],
    globals: [{ slug: 'site', fields: [{ name: 'name', type: 'text' }] }],
    i18n: { translations: { en: { custom: { hello: 'Hello' } } } as never },
    secret: 'x',
  }
  const result = newsroomPlugin()(host)

  it('keeps the host collections, globals and endpoints and adds its own', () => {
    const slugs = result.collections!.map((c) => c.slug)
    expect(slugs).toEqual(expect.arrayContaining(['posts', 'articles', 'comments', 'videos', 'readers', 'media']))
    const posts = result.collections![0]!
    expect(posts.fields).toBe(hostPosts.fields)
    expect(posts.hooks).toBe(hostPosts.hooks)
    // The host's own rule decides, for readers as if anonymous (src/access/lockOutReaders.ts).
    const staff = { req: { user: { collection: 'users' } } } as never
    const reader = { req: { user: { collection: 'readers' } } } as never
    expect(posts.access!.read!(staff)).toBe(true)
    expect(posts.access!.read!(reader)).toBe(true)
    expect(result.globals!.map((g) => g.slug)).toEqual(expect.arrayContaining(['site', 'discussion-settings']))
    expect(result.endpoints).toContain(hostEndpoint)
    expect(result.admin?.components?.beforeDashboard).toContain('host/component#Widget')
    expect((result.i18n?.translations as any)?.en?.custom?.hello).toBe('Hello')
  })

  it('does not mutate the host config object', () => {
    expect(host.collections).toHaveLength(1)
    expect(host.globals).toHaveLength(1)
  })

  it('disabled: true keeps every collection and field but adds no endpoints', () => {
    const enabled = newsroomPlugin()(host)
    const disabled = newsroomPlugin({ disabled: true })(host)
    const fieldNames = (cfg: Config) =>
      cfg.collections!.map((c) => [
        c.slug,
        // UI fields are admin components, not schema.
        JSON.stringify(c.fields.filter((f) => f.type !== 'ui').map((f) => ('name' in f ? f.name : f.type))),
      ])
    expect(fieldNames(disabled)).toEqual(fieldNames(enabled))
    expect(disabled.endpoints).toEqual([hostEndpoint])
    const ours = disabled.collections!.filter((c) => c.slug !== 'posts')
    // Access rules stay when disabled: the readers' refusal of Payload's first-register is one, not a feature.
    const features = (c: (typeof ours)[number]) =>
      (c.endpoints || []).filter((e) => !(c.slug === 'readers' && e.path === '/first-register'))
    for (const c of ours) expect(features(c)).toEqual([])
    expect(disabled.admin?.components?.beforeDashboard).toEqual(['host/component#Widget'])
  })

  it('merges collection overrides: fields function, access and appended hooks', () => {
    const extraHook = () => undefined
    const cfg = newsroomPlugin({
      overrides: {
        articles: {
          access: { delete: () => false },
          fields: ({ defaultFields }) => [...defaultFields, { name: 'kicker', type: 'text' }],
          hooks: { beforeRead: [extraHook] },
        },
      },
    })(host)
    const articles = cfg.collections!.find((c) => c.slug === 'articles')!
    expect(articles.fields.some((f) => 'name' in f && f.name === 'kicker')).toBe(true)
    expect(articles.fields.some((f) => 'name' in f && f.name === 'content')).toBe(true)
    expect(articles.access?.read).toBeDefined()
    expect(articles.hooks?.beforeRead?.at(-1)).toBe(extraHook)
    expect(articles.hooks!.beforeRead!.length).toBeGreaterThan(1)
  })

  it('refuses readers: false without a premium.hasAccess rule', () => {
    expect(() => newsroomPlugin({ slugs: { readers: false } })(host)).toThrow(/hasAccess/)
  })
})

describe('collections over Local API, REST and GraphQL', () => {
  let app: NewsroomTestApp
  let articleId: string
  beforeAll(async () => {
    app = await startNewsroomApp({}, { collections: [hostPosts], endpoints: [hostEndpoint] })
    const article = await app.payload.create({
      collection: 'articles',
      data: {
        _status: 'published',
        content: lexicalParagraphs('Hello world.') as never,
        publishedAt: new Date().toISOString(),
        title: 'Foundation article',
      },
    })
    articleId = String(article.id)
  })
  afterAll(() => app?.shutdown())

  it('the host collection, its hook and its endpoint still work', async () => {
    await app.payload.create({ collection: 'posts' as never, data: { title: 'Host post' } as never })
    expect(hostHookCalls).toContain('post:Host post')
    const res = await app.rest.get('/host-ping')
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ host: true })
  })

  it('articles: slug generated from the title, unique', async () => {
    const doc = await app.payload.findByID({ collection: 'articles', id: articleId })
    expect(doc.slug).toBe('foundation-article')
    const normalized = await app.rest.post('/articles', {
      body: { slug: 'Not A Slug!', title: 'T2' },
      token: app.editorToken,
    })
    expect(normalized.json.doc.slug).toBe('not-a-slug')
    const dup = await app.rest.post('/articles', {
      body: { _status: 'published', slug: 'foundation-article', title: 'Other' },
      token: app.editorToken,
    })
    expect(dup.status).toBe(400)
    expect(JSON.stringify(dup.json)).toMatch(/slug/)
  })

  it('articles: a slug made from a taken title gets the next free suffix; a typed duplicate is refused', async () => {
    const make = (body: Record<string, unknown>) => app.rest.post('/articles', { body, token: app.editorToken })
    const first = await make({ title: 'Same headline' })
    const second = await make({ title: 'Same headline' })
    const third = await make({ _status: 'published', title: 'Same headline' })
    expect([first.json.doc.slug, second.json.doc.slug, third.json.doc.slug]).toEqual([
      'same-headline',
      'same-headline-2',
      'same-headline-3',
    ])
    const retitled = await app.rest.patch(`/articles/${first.json.doc.id}`, {
      body: { title: 'New headline' },
      token: app.editorToken,
    })
    expect(retitled.json.doc.slug).toBe('same-headline')
    const typed = await make({ slug: 'same-headline-2', title: 'Another' })
    expect(typed.status).toBe(400)
    expect(JSON.stringify(typed.json)).toMatch(/slug/)
  })

  it('articles: CRUD over REST', async () => {
    const created = await app.rest.post('/articles', {
      body: { _status: 'published', content: lexicalParagraphs('Body'), title: 'REST article' },
      token: app.editorToken,
    })
    expect(created.status).toBe(201)
    const id = created.json.doc.id
    expect(created.json.doc.slug).toBe('rest-article')
    const read = await app.rest.get(`/articles/${id}`)
    expect(read.status).toBe(200)
    expect(read.json.title).toBe('REST article')
    const updated = await app.rest.patch(`/articles/${id}`, {
      body: { title: 'REST article 2' },
      token: app.editorToken,
    })
    expect(updated.status).toBe(200)
    expect(updated.json.doc.title).toBe('REST article 2')
    const deleted = await app.rest.delete(`/articles/${id}`, { token: app.editorToken })
    expect(deleted.status).toBe(200)
    expect((await app.rest.get(`/articles/${id}`)).status).toBe(404)
  })

  it('articles: CRUD over GraphQL', async () => {
    const created = await app.graphql(
      `mutation($data: mutationArticleInput!) { createArticle(data: $data) { id title slug premium allowComments commentCount } }`,
      { data: { _status: 'published', title: 'GraphQL article' } },
      { token: app.editorToken },
    )
    expect(created.errors).toBeUndefined()
    const id = created.data.createArticle.id
    expect(created.data.createArticle).toMatchObject({
      allowComments: true,
      commentCount: 0,
      premium: false,
      slug: 'graphql-article',
    })
    const list = await app.graphql(`{ Articles(where: { slug: { equals: "graphql-article" } }) { docs { id title } } }`)
    expect(list.data.Articles.docs).toEqual([{ id, title: 'GraphQL article' }])
    const updated = await app.graphql(
      `mutation { updateArticle(id: "${id}", data: { title: "GraphQL article 2" }) { title } }`,
      {},
      { token: app.editorToken },
    )
    expect(updated.data.updateArticle.title).toBe('GraphQL article 2')
    const deleted = await app.graphql(`mutation { deleteArticle(id: "${id}") { id } }`, {}, { token: app.editorToken })
    expect(deleted.data.deleteArticle.id).toBe(id)
  })

  it('the public cannot create, update or delete articles', async () => {
    expect((await app.rest.post('/articles', { body: { title: 'x' } })).status).toBe(403)
    expect((await app.rest.patch(`/articles/${articleId}`, { body: { title: 'x' } })).status).toBe(403)
    expect((await app.rest.delete(`/articles/${articleId}`)).status).toBe(403)
  })

  it('comments: CRUD as an editor over Local API, REST and GraphQL', async () => {
    const local = await app.payload.create({
      collection: 'comments',
      data: { article: articleId, authorEmail: 'a@example.com', authorName: 'Ann', body: 'Local', status: 'approved' },
    })
    expect(local.status).toBe('approved')
    const rest = await app.rest.post('/comments', {
      body: { article: articleId, authorEmail: 'b@example.com', authorName: 'Bob', body: 'REST', status: 'approved' },
      token: app.editorToken,
    })
    expect(rest.status).toBe(201)
    const gql = await app.graphql(
      `mutation { createComment(data: { article: "${articleId}", authorName: "Cy", authorEmail: "c@example.com", body: "GraphQL" }) { id body status } }`,
      {},
      { token: app.editorToken },
    )
    expect(gql.errors).toBeUndefined()
    const id = gql.data.createComment.id
    const patched = await app.rest.patch(`/comments/${id}`, { body: { status: 'trash' }, token: app.editorToken })
    expect(patched.json.doc.status).toBe('trash')
    expect((await app.rest.delete(`/comments/${id}`, { token: app.editorToken })).status).toBe(200)
  })

  it('videos and readers: CRUD over REST and GraphQL', async () => {
    const video = await app.rest.post('/videos', {
      body: { _status: 'published', title: 'A video', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' },
      token: app.editorToken,
    })
    expect(video.status).toBe(201)
    const vid = video.json.doc.id
    const gql = await app.graphql(`{ Video(id: "${vid}") { title slug url } }`)
    expect(gql.data.Video).toMatchObject({ slug: 'a-video', title: 'A video' })
    expect((await app.rest.delete(`/videos/${vid}`, { token: app.editorToken })).status).toBe(200)

    const signup = await app.rest.post('/readers', {
      body: { email: 'r@example.com', name: 'R', password: 'reader-password-1' },
    })
    expect(signup.status).toBe(201)
    await confirmReaderEmail(app, 'r@example.com')
    const token = await app.rest.login('readers', 'r@example.com', 'reader-password-1')
    const me = await app.graphql(`{ meReader { user { email name subscription { plan status } } } }`, {}, { token })
    expect(me.data.meReader.user).toMatchObject({
      email: 'r@example.com',
      subscription: { plan: 'free', status: 'active' },
    })
    const rename = await app.rest.patch(`/readers/${signup.json.doc.id}`, { body: { name: 'Renamed' }, token })
    expect(rename.json.doc.name).toBe('Renamed')
    expect((await app.rest.delete(`/readers/${signup.json.doc.id}`, { token: app.editorToken })).status).toBe(200)
  })

  describe('bad input: 400 with field messages, never 500, nothing stored', () => {
    const fieldPaths = (json: any): string[] =>
      (json?.errors ?? []).flatMap((e: any) => (e.data?.errors ?? []).map((fe: any) => fe.path))

    it.each([
      ['missing required title', '/articles', { content: null }, 'title'],
      ['wrong type for premium', '/articles', { premium: 'sometimes', title: 'T1' }, 'premium'],
      ['overlong title', '/articles', { title: 'x'.repeat(301) }, 'title'],
      ['bad comment email', '/comments', { authorEmail: 'not-an-email', authorName: 'X', body: 'b' }, 'authorEmail'],
      [
        'javascript: website',
        '/comments',
        { authorEmail: 'x@example.com', authorName: 'X', authorUrl: 'javascript:alert(1)', body: 'b' },
        'authorUrl',
      ],
      [
        'overlong comment body',
        '/comments',
        { authorEmail: 'x@example.com', authorName: 'X', body: 'x'.repeat(5001) },
        'body',
      ],
      ['missing comment name', '/comments', { authorEmail: 'x@example.com', body: 'b' }, 'authorName'],
      [
        'comment on a missing article',
        '/comments',
        { article: '0123456789abcdef01234567', authorEmail: 'x@example.com', authorName: 'X', body: 'b' },
        'article',
      ],
      ['bad reader email', '/readers', { email: 'nope', password: 'reader-password-1' }, 'email'],
    ])('%s', async (_name, path, body, field) => {
      const data = path === '/comments' && !('article' in body) ? { article: articleId, ...body } : body
      const before = await app.payload.count({ collection: path.slice(1) as never })
      const res = await app.rest.post(path as `/${string}`, { body: data, token: app.editorToken })
      expect(res.status).toBe(400)
      expect(fieldPaths(res.json)).toContain(field)
      expect(res.json.errors[0].data.errors.find((e: any) => e.path === field).message).toEqual(expect.any(String))
      expect((await app.payload.count({ collection: path.slice(1) as never })).totalDocs).toBe(before.totalDocs)
    })

    it('a failed update changes nothing stored', async () => {
      const res = await app.rest.patch(`/articles/${articleId}`, {
        body: { excerpt: 'Changed', title: 'x'.repeat(301) },
        token: app.editorToken,
      })
      expect(res.status).toBe(400)
      const doc = await app.payload.findByID({ collection: 'articles', id: articleId })
      expect(doc.title).toBe('Foundation article')
      expect(doc.excerpt ?? null).toBeNull()
    })

    it('GraphQL reports field errors instead of a server error', async () => {
      const res = await app.graphql(
        `mutation { createComment(data: { article: "${articleId}", authorName: "X", authorEmail: "bad", body: "b" }) { id } }`,
        {},
        { token: app.editorToken },
      )
      expect(res.errors?.[0].extensions?.statusCode).toBe(400)
      expect(JSON.stringify(res.errors)).toMatch(/authorEmail/)
    })

    it('a malformed id is a 4xx, not a 500', async () => {
      const res = await app.rest.get('/articles/not-an-id')
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
    })
  })
})

describe('renamed slugs work end to end', () => {
  let app: NewsroomTestApp
  beforeAll(async () => {
    app = await startNewsroomApp({
      slugs: { articles: 'stories', comments: 'responses', media: 'assets', readers: 'members', videos: 'clips' },
    })
  })
  afterAll(() => app?.shutdown())

  it('creates a story, a response to it and a clip, and reads them over REST and GraphQL', async () => {
    const story = await app.rest.post('/stories', {
      body: { _status: 'published', content: lexicalParagraphs('Renamed body'), title: 'Renamed story' },
      token: app.editorToken,
    })
    expect(story.status).toBe(201)
    const response = await app.rest.post('/responses', {
      body: {
        article: story.json.doc.id,
        authorEmail: 'z@example.com',
        authorName: 'Zed',
        body: 'Hi',
        status: 'approved',
      },
      token: app.editorToken,
    })
    expect(response.status).toBe(201)
    const clip = await app.rest.post('/clips', {
      body: { _status: 'published', title: 'Clip', url: 'https://vimeo.com/76979871' },
      token: app.editorToken,
    })
    expect(clip.status).toBe(201)
    const gql = await app.graphql(
      `{ Stories { docs { title slug comments { docs { ... on Response { authorName } } } } } Responses { docs { body article { title } } } Clips { docs { title } } }`,
      {},
      { token: app.editorToken },
    )
    expect(gql.errors).toBeUndefined()
    expect(gql.data.Stories.docs[0]).toMatchObject({ slug: 'renamed-story', title: 'Renamed story' })
    expect(gql.data.Responses.docs[0]).toMatchObject({ article: { title: 'Renamed story' }, body: 'Hi' })
    expect(gql.data.Clips.docs[0].title).toBe('Clip')
    const signup = await app.rest.post('/members', { body: { email: 'm@example.com', password: 'reader-password-1' } })
    expect(signup.status).toBe(201)
  })
})
