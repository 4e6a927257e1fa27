/**
 * The GraphQL contract of the dev app (README, "GraphQL examples"):
 *  - dev/schema.graphql is exactly the schema the dev config generates (regenerate with `npm run generate`);
 *  - every example document in dev/graphql/ runs against the seeded dev app and answers as documented,
 *    for anonymous readers, subscribers, expired and free readers and editors;
 *  - query cost is bounded: the complexity ceiling and the list-size limit refuse abusive queries.
 * The dev app itself is booted from dev/config.ts on a fresh database, so its seed is the fixture.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { configToSchema } from '@payloadcms/graphql'
import { printSchema } from 'graphql'
import { readdirSync, readFileSync } from 'node:fs'

import type { InitializedPayload } from './harness/initPayload.js'

import { buildThreads } from '../dev/app/(site)/lib/threads.js'
import { devConfig, GRAPHQL_MAX_COMPLEXITY } from '../dev/config.js'
import { MAX_LIST_LIMIT } from '../src/graphql/boundedLists.js'
import { captureEmailAdapter } from './harness/captureEmailAdapter.js'
import { initPayload } from './harness/initPayload.js'

const EXAMPLES_DIR = new URL('../dev/graphql/', import.meta.url)
const EXAMPLES = [
  'articlePage',
  'currentReader',
  'latestArticles',
  'latestVideos',
  'readerLogin',
  'readerLogout',
  'submitComment',
  'subscriptionPlans',
]
const example = (name: string) => readFileSync(new URL(`${name}.graphql`, EXAMPLES_DIR), 'utf8')

const PREMIUM_SLUG = 'russian-president-vladimir-putins-rare-visit-to-north-korea'
const TEASER_START = 'The Kremlin announced that Russian President Vladimir Putin'
const READER_PASSWORD = 'reader-password-1'

type Paragraph = { children?: { text?: string }[]; fields?: { blockType?: string }; type: string }
const textOf = (node: Paragraph) => (node.children ?? []).map((child) => child.text ?? '').join('')

let app: InitializedPayload
const tokens: Record<'editor' | 'expired' | 'free' | 'premium', string> = {
  editor: '',
  expired: '',
  free: '',
  premium: '',
}

beforeAll(async () => {
  app = await initPayload({
    ...devConfig,
    email: captureEmailAdapter(),
    // Jobs are not run in the background here: nothing races the assertions.
    jobs: { ...devConfig.jobs, autoRun: undefined },
  })
  tokens.editor = await app.rest.login('users', 'editor@newsroom.test', 'editor-password-1')
  for (const reader of ['expired', 'free', 'premium'] as const) {
    tokens[reader] = await app.rest.login('readers', `${reader}@newsroom.test`, READER_PASSWORD)
  }
})

afterAll(async () => {
  await app?.shutdown()
})

/** Runs an example document as someone (or anonymously); fails on any GraphQL error. */
const run = async <T = any>(name: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> => {
  const result = await app.graphql<T>(example(name), variables, { token })
  expect(result.errors).toBeUndefined()
  return result.data as T
}

const firstDifference = (expected: string, actual: string): string => {
  const want = expected.split('\n')
  const have = actual.split('\n')
  const line = want.findIndex((text, index) => text !== have[index])
  const at = line === -1 ? want.length : line
  return `line ${at + 1}: committed ${JSON.stringify(have[at])}, generated ${JSON.stringify(want[at])}`
}

describe('the committed schema', () => {
  it('dev/schema.graphql is the schema the dev config generates (else run `npm run generate`)', () => {
    const generated = printSchema(configToSchema(app.config).schema).trimEnd()
    const committed = readFileSync(new URL('../dev/schema.graphql', import.meta.url), 'utf8').trimEnd()
    if (generated !== committed) {
      throw new Error(
        `dev/schema.graphql is out of date (${firstDifference(generated, committed)}). Run \`npm run generate\`.`,
      )
    }
  })

  it('every example in dev/graphql is exercised here', () => {
    const files = readdirSync(EXAMPLES_DIR)
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => file.replace(/\.graphql$/, ''))
    expect(files.sort()).toEqual(EXAMPLES)
  })
})

describe('ArticlePage', () => {
  it('gives an anonymous reader the teaser of a premium article, never its body', async () => {
    const data = await run('articlePage', { slug: PREMIUM_SLUG })
    const [article] = data.Articles.docs
    expect(article).toMatchObject({
      author: 'Newsroom Staff',
      content: null,
      locked: true,
      premium: true,
      publishedAt: '2024-06-17T09:00:00.000Z',
      slug: PREMIUM_SLUG,
      title: 'Russian President Vladimir Putin’s Rare Visit to North Korea',
    })
    const teaser = article.teaser.root.children as Paragraph[]
    expect(teaser).toHaveLength(1)
    expect(textOf(teaser[0]!)).toMatch(new RegExp(`^${TEASER_START}`))
  })

  it.each(['expired', 'free'] as const)('keeps the body from a %s reader', async (reader) => {
    const [article] = (await run('articlePage', { slug: PREMIUM_SLUG }, tokens[reader])).Articles.docs
    expect(article).toMatchObject({ content: null, locked: true })
    expect(article.teaser.root.children).toHaveLength(1)
  })

  it.each(['premium', 'editor'] as const)('gives the %s the full body, paywall marker included', async (who) => {
    const [article] = (await run('articlePage', { slug: PREMIUM_SLUG }, tokens[who])).Articles.docs
    expect(article.locked).toBe(false)
    const body = article.content.root.children as Paragraph[]
    expect(body.map((node) => (node.type === 'block' ? node.fields?.blockType : node.type))).toEqual([
      'paragraph',
      'paywallBreak',
      'paragraph',
      'paragraph',
      'paragraph',
    ])
    expect(textOf(body[4]!)).toMatch(/^The United States and its allies have alleged/)
  })

  it('lists approved comments only, and their replies nest into threads', async () => {
    const [article] = (await run('articlePage', { slug: PREMIUM_SLUG })).Articles.docs
    const bodies = article.comments.docs.map((comment: { body: string }) => comment.body).join('\n')
    expect(bodies).not.toMatch(/waiting for a moderator|held for moderation|cheap watches|off-topic/i)
    expect(article.commentCount).toBe(article.comments.docs.length)
    const threads = buildThreads(article.comments.docs)
    expect(threads.map((comment) => comment.authorName)).toEqual(['Jordan Kim', 'Sam Taylor'])
    expect(threads[0]!.replies.map((reply) => reply.authorName)).toEqual(['Alex Moreno'])
    expect(threads[0]!.replies[0]!.replies.map((reply) => reply.authorName)).toEqual(['Jordan Kim'])
  })

  it('finds nothing for an unknown slug', async () => {
    expect((await run('articlePage', { slug: 'no-such-article' })).Articles.docs).toEqual([])
  })
})

describe('LatestVideos and LatestArticles', () => {
  it('lists the newest published videos; a premium one is not playable anonymously', async () => {
    const videos = (await run('latestVideos')).Videos.docs
    expect(videos.map((video: { title: string }) => video.title)).toEqual([
      'Tears of Steel',
      'Big Buck Bunny (MP4 file)',
      'Sintel',
      'Big Buck Bunny',
    ])
    expect(videos[0]).toMatchObject({ embedUrl: null, locked: true, premium: true, url: null })
    // The seeded MP4 film is captioned (the strip marks it "CC"); a locked video's captions are withheld.
    expect(videos[1].captions).toEqual([
      { label: 'English', language: 'en' },
      { label: 'Deutsch', language: 'de' },
    ])
    expect(videos[0].captions).toBeNull()
    expect(videos.map((video: { provider: string }) => video.provider)).toEqual(['youtube', 'file', 'vimeo', 'youtube'])
    expect(videos[2]).toMatchObject({
      embedUrl: expect.stringContaining('player.vimeo.com/video/1084537'),
      locked: false,
    })
  })

  it('lets a subscriber play the premium video', async () => {
    const [premium] = (await run('latestVideos', { limit: 1 }, tokens.premium)).Videos.docs
    expect(premium).toMatchObject({
      locked: false,
      title: 'Tears of Steel',
      url: 'https://www.youtube.com/watch?v=R6MlUcmOul8',
    })
    expect(premium.embedUrl).toContain('R6MlUcmOul8')
  })

  it('lists published articles, newest first', async () => {
    const articles = (await run('latestArticles')).Articles.docs
    expect(articles.map((article: { publishedAt: string }) => article.publishedAt)).toEqual(
      [...articles.map((article: { publishedAt: string }) => article.publishedAt)].sort().reverse(),
    )
    expect(articles[0]).toMatchObject({ premium: true, slug: PREMIUM_SLUG })
    expect(articles.length).toBeGreaterThanOrEqual(4)
  })
})

describe('SubmitComment', () => {
  const articleId = async () => (await run('articlePage', { slug: PREMIUM_SLUG })).Articles.docs[0].id as string

  it('holds a new commenter for moderation, whatever status they send, until an editor approves', async () => {
    const body = `Contract test comment ${Date.now()}`
    const created = await run('submitComment', {
      data: {
        article: await articleId(),
        authorEmail: 'first-timer@example.com',
        authorName: 'First Timer',
        body,
        status: 'approved',
      },
    })
    expect(created.createComment).toMatchObject({ status: 'pending' })
    const listed = async () =>
      (await run('articlePage', { slug: PREMIUM_SLUG })).Articles.docs[0].comments.docs.some(
        (comment: { body: string }) => comment.body === body,
      )
    expect(await listed()).toBe(false)

    const approve = await app.graphql(
      'mutation Approve($id: String!) { updateComment(id: $id, data: { status: approved }) { status } }',
      { id: created.createComment.id },
      { token: tokens.editor },
    )
    expect(approve.errors).toBeUndefined()
    expect(await listed()).toBe(true)
  })

  it('answers field errors for an invalid email, a missing name and an empty comment', async () => {
    const result = await app.graphql(example('submitComment'), {
      data: { article: await articleId(), authorEmail: 'not-an-email', authorName: '', body: '' },
    })
    expect(result.data?.createComment ?? null).toBeNull()
    const [error] = result.errors ?? []
    expect(error?.extensions?.name).toBe('ValidationError')
    const paths = ((error?.extensions?.data as { errors: { path: string }[] }).errors ?? []).map((entry) => entry.path)
    expect(paths.sort()).toEqual(['authorEmail', 'authorName', 'body'])
  })
})

describe('SubscriptionPlans', () => {
  it('lists the active plans to everyone, with their intervals and never a Stripe price id', async () => {
    for (const token of [undefined, tokens.free, tokens.premium]) {
      const { Plans } = await run('subscriptionPlans', {}, token)
      expect(Plans.docs.map((p: { name: string }) => p.name)).toEqual(['Digital'])
      expect(Plans.docs[0].stripePrices).toEqual([{ interval: 'month' }, { interval: 'year' }])
      expect(JSON.stringify(Plans)).not.toContain('price_')
    }
    const priceIds = await app.graphql('{ Plans { docs { stripePrices { priceId } } } }')
    expect(JSON.stringify(priceIds.data)).not.toContain('price_')
    const asEditor = await app.graphql(
      '{ Plans { docs { name stripePrices { priceId } } } }',
      {},
      { token: tokens.editor },
    )
    expect(JSON.stringify(asEditor.data)).toContain('price_replace_with_monthly')
    expect(JSON.stringify(asEditor.data)).toContain('Retired print bundle')
  })
})

describe('ReaderLogin, CurrentReader, ReaderLogout', () => {
  it('logs a reader in and tells who they are', async () => {
    const { loginReader } = await run('readerLogin', { email: 'premium@newsroom.test', password: READER_PASSWORD })
    expect(loginReader.user).toMatchObject({
      email: 'premium@newsroom.test',
      subscription: { plan: 'premium', status: 'active' },
    })
    expect(loginReader.exp * 1000).toBeGreaterThan(Date.now())
    const { meReader } = await run('currentReader', {}, tokens.premium)
    expect(meReader.user.email).toBe('premium@newsroom.test')
  })

  it('refuses a wrong password and knows nobody anonymously', async () => {
    const result = await app.graphql(example('readerLogin'), {
      email: 'premium@newsroom.test',
      password: 'wrong-password',
    })
    expect(result.errors?.[0]?.message).toMatch(/incorrect/i)
    expect(result.data?.loginReader ?? null).toBeNull()
    expect((await run('currentReader')).meReader.user).toBeNull()
  })

  it('logs a reader out', async () => {
    const token = await app.rest.login('readers', 'free@newsroom.test', READER_PASSWORD)
    const { logoutReader } = await run('readerLogout', {}, token)
    expect(typeof logoutReader).toBe('string')
  })
})

describe('bounded query cost', () => {
  it(`refuses relationships and joins nested beyond the complexity ceiling (${GRAPHQL_MAX_COMPLEXITY})`, async () => {
    let selection = 'id title'
    for (let level = 0; level < 12; level++)
      selection = `id relatedVideos { id relatedArticles { docs { ${selection} } } }`
    const result = await app.graphql(`{ Articles(limit: 1) { docs { ${selection} } } }`)
    expect(result.errors?.[0]?.message).toMatch(
      new RegExp(`exceeds the maximum complexity of ${GRAPHQL_MAX_COMPLEXITY}`),
    )
    expect(result.data ?? null).toBeNull()
  })

  it('refuses many aliased copies of a query that is cheap alone', async () => {
    const copies = Array.from({ length: 60 }, (_, i) => `a${i}: Articles(limit: 1) { docs { id title slug } }`).join(
      '\n',
    )
    const result = await app.graphql(`{ ${copies} }`)
    expect(result.errors?.[0]?.message).toMatch(/exceeds the maximum complexity/)
  })

  it.each([
    ['a limit above the maximum', `{ Articles(limit: ${MAX_LIST_LIMIT + 1}) { docs { id } } }`, {}],
    ['limit 0 (no limit)', '{ Videos(limit: 0) { docs { id } } }', {}],
    ['pagination: false', '{ Articles(pagination: false) { docs { id } } }', {}],
    ['a join page above the maximum', `{ Articles(limit: 1) { docs { comments(limit: 1000) { docs { id } } } } }`, {}],
    ['a limit passed as a variable', 'query Q($n: Int) { Articles(limit: $n) { docs { id } } }', { n: 5000 }],
    ['a limit from a variable default', 'query Q($n: Int = 5000) { Articles(limit: $n) { docs { id } } }', {}],
  ])('refuses unbounded lists: %s', async (_label, query, variables) => {
    const result = await app.graphql(query, variables)
    expect(result.errors?.[0]?.message).toMatch(/"limit" must be between 1 and|"pagination: false" is not allowed/)
    expect(result.data ?? null).toBeNull()
  })

  it(`accepts a full page of ${MAX_LIST_LIMIT}`, async () => {
    const result = await app.graphql(`{ Articles(limit: ${MAX_LIST_LIMIT}) { docs { id } } }`)
    expect(result.errors).toBeUndefined()
  })
})
