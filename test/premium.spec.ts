/**
 * The premium gate through Payload (REST, GraphQL, Local API): the shape every requester gets
 * (`locked`, `teaser`, `content: null`), refused probing (4xx, never 500), drafts and versions,
 * read-only computed fields, readers who cannot raise their own plan, and no per-document lookups.
 * Whether a secret word can reach a role on any surface is the leak matrix's job (leak-matrix.spec.ts).
 */
import type { Payload, TypedUser } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { keepGateFieldsSelected } from '../src/access/premiumGate.js'
import { confirmReaderEmail, READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import { lexical, paragraph, paywallBreak } from './helpers/lexical.js'

const SECRET = 'pangolin-paidpart-6613'

const PAYWALL_BREAK = paywallBreak('665f0000000000000000000a')

/** The texts of a Lexical state's top-level paragraphs (blocks shown by type). */
const texts = (state: unknown): string[] =>
  (
    state as { root: { children: { children?: { text: string }[]; fields?: { blockType: string } }[] } }
  ).root.children.map((node) => node.children?.[0]?.text ?? `[${node.fields?.blockType}]`)

const DAY = 24 * 60 * 60 * 1000
const future = () => new Date(Date.now() + 30 * DAY).toISOString()

let app: NewsroomTestApp
let payload: Payload
const tokens = {} as { active: string; free: string }
const users = {} as { active: TypedUser; free: TypedUser }
const ids = {} as { free: string; noBreak: string; premium: string; video: string }

beforeAll(async () => {
  app = await startNewsroomApp()
  payload = app.payload
  for (const [name, subscription] of [
    ['free', { plan: 'free', status: 'active' }],
    ['active', { currentPeriodEnd: future(), plan: 'premium', status: 'active' }],
  ] as const) {
    const email = `${name}@premium.test`
    const reader = await payload.create({
      collection: 'readers',
      data: { _verified: true, email, password: READER_PASSWORD, subscription },
    })
    tokens[name] = await app.rest.login('readers', email, READER_PASSWORD)
    users[name] = { ...reader, collection: 'readers' } as unknown as TypedUser
  }
  const premium = await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(paragraph('Intro one.'), paragraph('Intro two.'), PAYWALL_BREAK, paragraph(`Paid: ${SECRET}`)),
      premium: true,
      title: 'Premium with a break',
    },
  })
  ids.premium = String(premium.id)
  const noBreak = await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(paragraph('First.'), paragraph('Second.'), paragraph(`Third ${SECRET}`), paragraph('Fourth.')),
      premium: true,
      title: 'Premium without a break',
    },
  })
  ids.noBreak = String(noBreak.id)
  const free = await payload.create({
    collection: 'articles',
    data: { _status: 'published', content: lexical(paragraph('Free for all.')), premium: false, title: 'Free story' },
  })
  ids.free = String(free.id)
  const video = await payload.create({
    collection: 'videos',
    data: { _status: 'published', premium: true, title: 'Paid clip', url: 'https://vimeo.com/76979871' },
  })
  ids.video = String(video.id)
})

afterAll(async () => {
  await app?.shutdown()
})

describe('keepGateFieldsSelected (select cannot drop what the gate needs)', () => {
  const needed = ['premium', 'locked', 'content']
  it.each([
    { expected: undefined, select: undefined, rule: 'no select stays no select' },
    { expected: { title: true }, select: { title: true }, rule: 'an inclusion select is left to forceSelect' },
    { expected: { title: false }, select: { title: false }, rule: 'excluding other fields is kept' },
    { expected: { title: false }, select: { premium: false, title: false }, rule: 'excluding premium is dropped' },
    {
      expected: { excerpt: false },
      select: { content: false, excerpt: false, locked: false },
      rule: 'every needed exclusion is dropped',
    },
    {
      expected: undefined,
      select: { premium: false },
      rule: 'nothing left to exclude means everything, not an empty inclusion',
    },
  ])('$rule', ({ expected, select }) => {
    expect(keepGateFieldsSelected(select as never, needed)).toEqual(expected)
  })
})

describe('locked and teaser on every read', () => {
  it('the public gets locked: true, content: null and the teaser before the paywall break', async () => {
    const res = await app.rest.get(`/articles/${ids.premium}`)
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ content: null, locked: true, premium: true })
    expect(texts(res.json.teaser)).toEqual(['Intro one.', 'Intro two.'])
  })

  it('without a break the teaser is the first premium.teaser.blocks (2) top-level blocks', async () => {
    const res = await app.rest.get(`/articles/${ids.noBreak}`)
    expect(res.json).toMatchObject({ content: null, locked: true })
    expect(texts(res.json.teaser)).toEqual(['First.', 'Second.'])
  })

  it('an active subscriber gets locked: false, the full body and the same teaser', async () => {
    const res = await app.rest.get(`/articles/${ids.premium}`, { token: tokens.active })
    expect(res.json.locked).toBe(false)
    expect(texts(res.json.content)).toEqual(['Intro one.', 'Intro two.', '[paywallBreak]', `Paid: ${SECRET}`])
    expect(texts(res.json.teaser)).toEqual(['Intro one.', 'Intro two.'])
  })

  it('a free article is unlocked for everyone', async () => {
    const res = await app.rest.get(`/articles/${ids.free}`)
    expect(res.json).toMatchObject({ locked: false })
    expect(texts(res.json.content)).toEqual(['Free for all.'])
  })

  it('select { title } still carries locked, teaser and content: null', async () => {
    const anonymous = await app.rest.get(`/articles/${ids.premium}`, { query: { select: { title: true } } })
    expect(anonymous.json).toMatchObject({ content: null, locked: true, title: 'Premium with a break' })
    expect(texts(anonymous.json.teaser)).toEqual(['Intro one.', 'Intro two.'])
    const subscriber = await app.rest.get(`/articles/${ids.premium}`, {
      query: { select: { title: true } },
      token: tokens.active,
    })
    expect(subscriber.json.locked).toBe(false)
    expect(JSON.stringify(subscriber.json.content)).toContain(SECRET)
  })

  it('excluding premium cannot lock a free article nor unlock a premium one', async () => {
    const res = await app.rest.get('/articles', { query: { select: { premium: false }, sort: 'title' } })
    const byTitle = Object.fromEntries(res.json.docs.map((d: { title: string }) => [d.title, d]))
    expect(byTitle['Free story']).toMatchObject({ locked: false, premium: false })
    expect(texts(byTitle['Free story'].content)).toEqual(['Free for all.'])
    expect(byTitle['Premium with a break']).toMatchObject({ content: null, locked: true, premium: true })
  })

  it('GraphQL exposes locked and teaser', async () => {
    const res = await app.graphql<{ Article: { content: unknown; locked: boolean; teaser: unknown } }>(
      'query ($id: String!) { Article(id: $id) { locked teaser content } }',
      { id: ids.premium },
    )
    expect(res.errors).toBeUndefined()
    expect(res.data!.Article).toMatchObject({ content: null, locked: true })
    expect(texts(res.data!.Article.teaser)).toEqual(['Intro one.', 'Intro two.'])
  })

  it('Local API with overrideAccess: false applies the gate; trusted calls (overrideAccess: true) read everything', async () => {
    const asFree = await payload.findByID({
      collection: 'articles',
      id: ids.premium,
      overrideAccess: false,
      user: users.free,
    })
    expect(asFree).toMatchObject({ content: null, locked: true })
    const asActive = await payload.findByID({
      collection: 'articles',
      id: ids.premium,
      overrideAccess: false,
      user: users.active,
    })
    expect(asActive.locked).toBe(false)
    const trusted = await payload.findByID({ collection: 'articles', id: ids.premium })
    expect(trusted.locked).toBe(false)
    expect(JSON.stringify(trusted.content)).toContain(SECRET)
  })

  it('a populated article is gated the same way (a comment of a premium article is public)', async () => {
    const comment = await payload.create({
      collection: 'comments',
      data: { article: ids.premium, authorEmail: 'c@premium.test', authorName: 'C', body: 'Hello', status: 'approved' },
    })
    if (comment.status !== 'approved')
      await payload.update({ collection: 'comments', data: { status: 'approved' }, id: comment.id })
    const res = await app.rest.get(`/comments/${comment.id}`, { query: { depth: 1 } })
    expect(res.status).toBe(200)
    expect(res.json.article).toMatchObject({ content: null, id: ids.premium, locked: true })
    expect(texts(res.json.article.teaser)).toEqual(['Intro one.', 'Intro two.'])
  })

  it("a premium video's playable fields come back null, present, for the public", async () => {
    const anonymous = await app.rest.get(`/videos/${ids.video}`)
    expect(anonymous.json).toMatchObject({ embedUrl: null, locked: true, providerId: null, url: null })
    const subscriber = await app.rest.get(`/videos/${ids.video}`, { token: tokens.active })
    expect(subscriber.json).toMatchObject({ locked: false, providerId: '76979871', url: 'https://vimeo.com/76979871' })
  })

  it("an editor's create and update responses carry the body, locked: false and the teaser", async () => {
    const created = await app.rest.post('/articles', {
      body: {
        _status: 'published',
        content: lexical(paragraph('A.'), PAYWALL_BREAK, paragraph('B.')),
        premium: true,
        title: 'Fresh',
      },
      token: app.editorToken,
    })
    expect(created.status).toBe(201)
    expect(created.json.doc.locked).toBe(false)
    expect(texts(created.json.doc.content)).toEqual(['A.', '[paywallBreak]', 'B.'])
    expect(texts(created.json.doc.teaser)).toEqual(['A.'])
    const updated = await app.rest.patch(`/articles/${created.json.doc.id}`, {
      body: { title: 'Fresher' },
      token: app.editorToken,
    })
    expect(updated.json.doc).toMatchObject({ locked: false, title: 'Fresher' })
    expect(texts(updated.json.doc.content)).toEqual(['A.', '[paywallBreak]', 'B.'])
  })
})

describe('probing gated fields is refused with a 400 (never a 500 nor a filtered answer)', () => {
  it.each([
    ['where content like', { where: { content: { like: SECRET } } }, 'content'],
    [
      'where on a path inside content',
      { where: { 'content.root.children.children.text': { like: SECRET } } },
      'content',
    ],
    ['sort by content', { sort: 'content' }, 'content'],
    ['sort by -content', { sort: '-content' }, 'content'],
    ['where on the virtual locked flag', { where: { locked: { equals: false } } }, 'locked'],
    ['where on the virtual teaser', { where: { teaser: { exists: true } } }, 'teaser'],
  ])('REST %s', async (_label, query, path) => {
    for (const token of [undefined, tokens.free]) {
      const res = await app.rest.get('/articles', { query, token })
      expect(res.status).toBe(400)
      expect(res.json.errors[0].message).toMatch(new RegExp(`cannot be queried: .*${path}`))
    }
  })

  it('an entitled requester may query the body', async () => {
    const res = await app.rest.get('/articles', {
      query: { where: { 'content.root.children.children.text': { like: SECRET } } },
      token: tokens.active,
    })
    expect(res.status).toBe(200)
    expect(res.json.docs.map((d: { id: string }) => d.id).sort()).toEqual([ids.noBreak, ids.premium].sort())
  })

  it('GraphQL where and sort answer a 400 error and no data', async () => {
    for (const query of [
      '{ Articles(where: { content: { like: "x" } }) { docs { id } } }',
      '{ Articles(sort: "content") { docs { id } } }',
    ]) {
      const res = await app.graphql(query, undefined, { token: tokens.free })
      expect(res.data?.Articles ?? null).toBeNull()
      expect(res.errors?.[0]?.extensions?.statusCode).toBe(400)
    }
  })
})

describe('drafts and versions are editors alone', () => {
  let draftedID: string

  beforeAll(async () => {
    const published = await payload.create({
      collection: 'articles',
      data: { _status: 'published', content: lexical(paragraph('Published body.')), title: 'Published title' },
    })
    draftedID = String(published.id)
    await payload.update({
      collection: 'articles',
      data: { content: lexical(paragraph('Draft body.')), title: 'Draft title' },
      draft: true,
      id: published.id,
    })
  })

  it('?draft=true from the public or a subscriber reads the published document', async () => {
    for (const token of [undefined, tokens.active]) {
      const byID = await app.rest.get(`/articles/${draftedID}`, { query: { draft: 'true' }, token })
      expect(byID.json.title).toBe('Published title')
      const list = await app.rest.get('/articles', { query: { draft: 'true', limit: 50 }, token })
      // Listed with its published version, not dropped because its latest version is a draft.
      expect(list.json.docs.map((d: { title: string }) => d.title)).toContain('Published title')
      expect(list.text).not.toContain('Draft title')
    }
  })

  it('GraphQL and Local API draft: true from a subscriber read the published document', async () => {
    const gql = await app.graphql(
      'query ($id: String!) { Article(id: $id, draft: true) { title } }',
      { id: draftedID },
      { token: tokens.active },
    )
    expect(gql.data).toEqual({ Article: { title: 'Published title' } })
    const local = await payload.findByID({
      collection: 'articles',
      draft: true,
      id: draftedID,
      overrideAccess: false,
      user: users.active,
    })
    expect(local.title).toBe('Published title')
  })

  it('an editor reads the draft', async () => {
    const res = await app.rest.get(`/articles/${draftedID}`, { query: { draft: 'true' }, token: app.editorToken })
    expect(res.json.title).toBe('Draft title')
  })

  it('a never-published article is 404 for everyone but editors, with or without draft=true', async () => {
    const draft = await payload.create({ collection: 'articles', data: { title: 'Only a draft' }, draft: true })
    for (const query of [{}, { draft: 'true' }]) {
      expect((await app.rest.get(`/articles/${draft.id}`, { query, token: tokens.active })).status).toBe(404)
      expect((await app.rest.get(`/articles/${draft.id}`, { query, token: app.editorToken })).status).toBe(200)
    }
  })

  it('versions are refused to subscribers (REST 403, GraphQL 403) and open to editors', async () => {
    expect((await app.rest.get('/articles/versions', { token: tokens.active })).status).toBe(403)
    const gql = await app.graphql('{ versionsArticles { docs { id } } }', undefined, { token: tokens.active })
    expect(gql.errors?.[0]?.extensions?.statusCode).toBe(403)
    expect((await app.rest.get('/articles/versions', { token: app.editorToken })).status).toBe(200)
  })
})

describe('computed fields cannot be written', () => {
  it('locked and teaser sent by an editor are ignored and never stored', async () => {
    const res = await app.rest.patch(`/articles/${ids.premium}`, {
      body: { locked: false, teaser: lexical(paragraph('forged')) },
      token: app.editorToken,
    })
    expect(res.status).toBe(200)
    const stored = (await payload.db.findOne({
      collection: 'articles',
      where: { id: { equals: ids.premium } },
    })) as Record<string, unknown>
    expect(stored).not.toHaveProperty('locked')
    expect(stored).not.toHaveProperty('teaser')
    const anonymous = await app.rest.get(`/articles/${ids.premium}`)
    expect(anonymous.json.locked).toBe(true)
    expect(texts(anonymous.json.teaser)).toEqual(['Intro one.', 'Intro two.'])
  })

  it('readers cannot write articles at all', async () => {
    const res = await app.rest.patch(`/articles/${ids.premium}`, { body: { premium: false }, token: tokens.active })
    expect(res.status).toBe(403)
    expect((await payload.findByID({ collection: 'articles', id: ids.premium })).premium).toBe(true)
  })
})

describe('readers: a reader can never raise their own plan', () => {
  const premiumSubscription = { currentPeriodEnd: '2999-01-01T00:00:00.000Z', plan: 'premium', status: 'active' }

  it('sign-up over REST cannot choose a subscription', async () => {
    const res = await app.rest.post('/readers', {
      body: { email: 'signup@premium.test', password: READER_PASSWORD, subscription: premiumSubscription },
    })
    expect(res.status).toBe(201)
    expect(res.json.doc.subscription).toMatchObject({ plan: 'free', status: 'active' })
    expect(res.json.doc.subscription.currentPeriodEnd ?? null).toBeNull()
    await confirmReaderEmail(app, 'signup@premium.test')
    const token = await app.rest.login('readers', 'signup@premium.test', READER_PASSWORD)
    expect((await app.rest.get(`/articles/${ids.premium}`, { token })).json.locked).toBe(true)
  })

  it('sign-up over GraphQL cannot choose a subscription', async () => {
    const res = await app.graphql<{ createReader: { subscription: { plan: string } } }>(
      'mutation ($data: mutationReaderInput!) { createReader(data: $data) { subscription { plan status } } }',
      {
        data: { email: 'gql-signup@premium.test', password: READER_PASSWORD, subscription: { ...premiumSubscription } },
      },
    )
    expect(res.errors).toBeUndefined()
    expect(res.data!.createReader.subscription).toEqual({ plan: 'free', status: 'active' })
  })

  it('a reader updating their own subscription (REST and GraphQL) is refused with a 403 and changes nothing', async () => {
    const before = await payload.findByID({ collection: 'readers', id: users.free.id })
    const own = await app.rest.patch(`/readers/${users.free.id}`, {
      body: { name: 'Still free', subscription: premiumSubscription },
      token: tokens.free,
    })
    expect(own.status).toBe(403)
    expect(own.json.errors[0].message).toMatch(/subscription is changed by an editor or by billing/)
    const gql = await app.graphql<{ updateReader: { subscription: { plan: string } } }>(
      'mutation ($id: String!, $data: mutationReaderUpdateInput!) { updateReader(id: $id, data: $data) { subscription { plan } } }',
      { data: { subscription: premiumSubscription }, id: String(users.free.id) },
      { token: tokens.free },
    )
    expect(gql.errors?.[0]?.extensions?.statusCode).toBe(403)
    const stored = await payload.findByID({ collection: 'readers', id: users.free.id })
    expect(stored).toEqual(before)
    expect((await app.rest.get(`/articles/${ids.premium}`, { token: tokens.free })).json.locked).toBe(true)
  })

  it('a reader sending back their own unchanged subscription may still update their name', async () => {
    const me = await app.rest.get('/readers/me', { token: tokens.free })
    const own = await app.rest.patch(`/readers/${users.free.id}`, {
      body: { email: me.json.user.email.toUpperCase(), name: 'Renamed', subscription: me.json.user.subscription },
      token: tokens.free,
    })
    expect(own.status).toBe(200)
    expect(own.json.doc).toMatchObject({ name: 'Renamed', subscription: { plan: 'free' } })
  })

  it('a reader reads and writes only their own account', async () => {
    const list = await app.rest.get('/readers', { query: { limit: 100 }, token: tokens.free })
    expect(list.json.docs.map((d: { id: string }) => d.id)).toEqual([users.free.id])
    expect((await app.rest.get(`/readers/${users.active.id}`, { token: tokens.free })).status).toBe(404)
    const other = await app.rest.patch(`/readers/${users.active.id}`, {
      body: { name: 'Hijacked' },
      token: tokens.free,
    })
    expect(other.status).toBeGreaterThanOrEqual(403)
    expect(other.status).toBeLessThan(500)
    expect((await payload.findByID({ collection: 'readers', id: users.active.id })).name ?? null).not.toBe('Hijacked')
    expect((await app.rest.get('/readers')).status).toBe(403)
  })

  it("an editor's change of plan applies from the reader's next request, and so does expiry", async () => {
    const email = 'upgrade@premium.test'
    const reader = await payload.create({
      collection: 'readers',
      data: { _verified: true, email, password: READER_PASSWORD },
    })
    const token = await app.rest.login('readers', email, READER_PASSWORD)
    expect((await app.rest.get(`/articles/${ids.premium}`, { token })).json.locked).toBe(true)

    const upgrade = await app.rest.patch(`/readers/${reader.id}`, {
      body: { subscription: premiumSubscription },
      token: app.editorToken,
    })
    expect(upgrade.json.doc.subscription.plan).toBe('premium')
    expect((await app.rest.get(`/articles/${ids.premium}`, { token })).json.locked).toBe(false)

    await app.rest.patch(`/readers/${reader.id}`, {
      body: { subscription: { currentPeriodEnd: new Date(Date.now() - DAY).toISOString() } },
      token: app.editorToken,
    })
    expect((await app.rest.get(`/articles/${ids.premium}`, { token })).json.locked).toBe(true)
  })
})

describe('no per-document lookups in the read path', () => {
  /** Database calls made while `run` executes. */
  const countDatabaseCalls = async (run: () => Promise<unknown>): Promise<number> => {
    const db = payload.db as unknown as Record<string, (...args: unknown[]) => unknown>
    const methods = ['find', 'findOne', 'count', 'findVersions', 'queryDrafts', 'findGlobal', 'findDistinct']
    const originals = Object.fromEntries(methods.map((m) => [m, db[m]]))
    let calls = 0
    for (const m of methods) {
      db[m] = function (this: unknown, ...args: unknown[]) {
        calls++
        return originals[m]!.apply(this, args)
      }
    }
    try {
      await run()
    } finally {
      for (const m of methods) db[m] = originals[m]!
    }
    return calls
  }

  beforeAll(async () => {
    for (let i = 0; i < 12; i++) {
      await payload.create({
        collection: 'articles',
        data: {
          _status: 'published',
          content: lexical(paragraph(`p${i}`), PAYWALL_BREAK, paragraph(SECRET)),
          premium: true,
          title: `Bulk ${i}`,
        },
      })
    }
  })

  it.each([
    ['anonymous', () => undefined],
    ['free reader', () => tokens.free],
    ['active subscriber', () => tokens.active],
  ])('%s: the same number of queries for 2 or 12 premium articles', async (_role, token) => {
    const list = (limit: number) => () =>
      app.rest.get('/articles', {
        query: { depth: 0, joins: { comments: false }, limit, where: { title: { like: 'Bulk' } } },
        token: token(),
      })
    const few = await countDatabaseCalls(list(2))
    const many = await countDatabaseCalls(list(12))
    expect(many).toBe(few)
  })
})

describe('a disabled plugin keeps the paywall', () => {
  let disabled: NewsroomTestApp

  beforeAll(async () => {
    disabled = await startNewsroomApp({ disabled: true })
  })

  afterAll(async () => {
    await disabled?.shutdown()
  })

  it('`disabled` skips side effects, never the gate: premium bodies stay locked and where/sort stay refused', async () => {
    const article = await disabled.payload.create({
      collection: 'articles',
      data: {
        _status: 'published',
        content: lexical(paragraph('Open part.'), PAYWALL_BREAK, paragraph(SECRET)),
        premium: true,
        title: 'Still gated',
      },
    })
    const res = await disabled.rest.get(`/articles/${article.id}`)
    expect(res.json).toMatchObject({ content: null, locked: true })
    expect(res.text).not.toContain(SECRET)
    expect((await disabled.rest.get('/articles', { query: { sort: 'content' } })).status).toBe(400)
    expect((await disabled.rest.get(`/articles/${article.id}`, { query: { draft: 'true' } })).text).not.toContain(
      SECRET,
    )
  })
})
