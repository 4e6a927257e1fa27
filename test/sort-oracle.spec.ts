/**
 * Sorting is no oracle: for anyone but an editor, the order of a list never depends on a value they may not read
 * (a comment's author email, fingerprint or moderation reason; a locked article's body), however the sort path is
 * spelled (`authorEmail.` once escaped Payload's field-access check on sort paths while the database still sorted
 * by the field). Property-tested as non-interference: each spelling is asked, the private values are permuted
 * between the documents, and it is asked again: the answer is a 4xx, or the same order both times. Never a 500.
 * On a plain host and on a localized one (where db-mongodb cut a path it could not resolve back to its first
 * field: `authorEmail.x` sorted by `authorEmail`, `content.a-b` by `content`).
 */
import type { CollectionConfig, Config, Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { publishArticle } from './comments-fixtures.js'
import { tinyMp4 } from './helpers/media.js'
import { lexicalParagraphs, startNewsroomApp } from './helpers/newsroomApp.js'

const HOSTS: { host: Partial<Config>; name: string }[] = [
  { host: {}, name: 'plain host' },
  { host: { localization: { defaultLocale: 'en', fallback: true, locales: ['en', 'de'] } }, name: 'localized host' },
]

/** A document's id: at `depth: 0` a join's docs are bare ids, elsewhere objects. */
const idOf = (doc: unknown): string => String(doc && typeof doc === 'object' ? (doc as { id: unknown }).id : doc)

/** Moves each document's private value to the next document (a rotation: every pair of values swaps order). */
const rotateValues = async (payload: Payload, collection: 'articles' | 'comments', ids: string[], field: string) => {
  const docs = await Promise.all(
    ids.map((id) => payload.db.findOne({ collection, req: undefined, where: { id: { equals: id } } })),
  )
  const values = docs.map((doc) => (doc as Record<string, unknown>)[field])
  for (const [i, id] of ids.entries())
    await payload.db.updateOne({ collection, data: { [field]: values[(i + 1) % ids.length] }, id, req: undefined })
}

describe.each(HOSTS)('$name', ({ host }) => {
  let app: NewsroomTestApp
  let payload: Payload
  let articleId: string
  const comments: string[] = []
  const lockedArticles: string[] = []

  /** Private values, in an order a sort by them would reveal: a, b, c, d. */
  const EMAILS = ['a-first@example.org', 'b-second@example.org', 'c-third@example.org', 'd-fourth@example.org']
  const BODIES = ['aaa first body', 'bbb second body', 'ccc third body', 'ddd fourth body']

  beforeAll(async () => {
    app = await startNewsroomApp({ comments: { floodSeconds: 0 } }, host)
    payload = app.payload
    articleId = await publishArticle(payload)
    for (const [n, authorEmail] of EMAILS.entries()) {
      const comment = await payload.create({
        collection: 'comments',
        data: {
          article: articleId,
          authorEmail,
          authorName: `Person ${n}`,
          body: `Comment ${n}`,
          fingerprint: `${n}`.repeat(64),
          moderationReason: `reason ${n}`,
          status: 'approved',
        } as never,
      })
      comments.push(String(comment.id))
    }
    for (const [n, text] of BODIES.entries())
      lockedArticles.push(await publishArticle(payload, { content: lexicalParagraphs(text), title: `Paid ${n}` }))
    for (const id of lockedArticles)
      await payload.update({ collection: 'articles', data: { visibility: 'paid' } as never, id })
  }, 120_000)
  afterAll(() => app?.shutdown())

  const rotate = (collection: 'articles' | 'comments', ids: string[], field: string) =>
    rotateValues(payload, collection, ids, field)

  const prefix = fc.constantFrom('', '-', ' ', '+', '--', ' -')
  const suffix = fc.constantFrom(
    ...['', '.', '..', ' ', '. ', '.x', '.0', '.$', '.en', '.de', '.a-b', '.en.a-b', '.en.x', '__', '__x'],
    ...['.length', ',', ',title', ',-createdAt', '.root', '.root.a-b'],
  )
  /** Spellings of a path: a listed prefix and suffix, or a free one of the characters paths are made of. */
  const free = fc.string({ maxLength: 6, unit: fc.constantFrom(' ', '.', '-', '_', ',', '$', 'a', 'x', 'e', 'n', '0') })
  const spelled = (names: string[]) =>
    fc
      .tuple(fc.oneof(prefix, free), fc.constantFrom(...names), fc.oneof(suffix, suffix, free))
      .map(([p, n, s]) => `${p}${n}${s}`)

  type Answer = { order: null | string[]; status: number }

  const restList = async (path: `/${string}`, sort: string, pick: (json: any) => { id: string }[]): Promise<Answer> => {
    const res = await app.rest.get(path, { query: { depth: 0, limit: 100, sort } })
    return { order: res.status === 200 ? pick(res.json).map((d) => String(d.id)) : null, status: res.status }
  }

  /** Every fixture list holds four documents: an answered order names all four (ids, unless told otherwise). */
  const fourIds = (order: string[]) => order.length === 4 && order.every((id) => /^[0-9a-f]{24}$/.test(id))

  /**
   * Asks, permutes the private values, asks again: a refusal (4xx) or the same order. An answered order must look
   * right (`valid`): an empty list or a list of `undefined`s would compare equal whatever the sort did.
   */
  const nonInterfering = async (ask: () => Promise<Answer>, permute: () => Promise<void>, valid = fourIds) => {
    const before = await ask()
    await permute()
    const after = await ask()
    for (const answer of [before, after]) {
      expect(answer.status).toBeLessThan(500)
      if (answer.status !== 200) expect(answer.status).toBeGreaterThanOrEqual(400)
      if (answer.order) expect(valid(answer.order)).toBe(true)
    }
    if (before.status === 200 && after.status === 200) expect(after.order).toEqual(before.order)
    expect(after.status).toBe(before.status)
  }

  const PRIVATE_COMMENT_FIELDS = ['authorEmail', 'fingerprint', 'moderationReason']

  describe('no ordering oracle on private comment fields', () => {
    it.each(PRIVATE_COMMENT_FIELDS)(
      'REST /comments?sort=…%s…, anonymous',
      async (field) => {
        await fc.assert(
          fc.asyncProperty(spelled([field]), (sort) =>
            nonInterfering(
              () => restList('/comments', sort, (json) => json.docs),
              () => rotate('comments', comments, field),
            ),
          ),
          { numRuns: 100 },
        )
      },
      300_000,
    )

    /** The Local API takes a sort string as one entry (no comma splitting there), as a frontend's server code sends it. */
    const distinctNames = async (sort: string): Promise<Answer> => {
      const found = await payload.findDistinct({
        collection: 'comments',
        field: 'authorName',
        limit: 100,
        overrideAccess: false,
        sort: sort as never,
      })
      return { order: found.values.map((v) => String(v.authorName)), status: 200 }
    }
    const fourNames = (order: string[]) => order.length === 4 && order.every((name) => /^Person \d$/.test(name))

    it('Local API findDistinct sorts by a public field (the property below sees real orders)', async () => {
      const up = await distinctNames('authorName')
      expect(up).toEqual({ order: ['Person 0', 'Person 1', 'Person 2', 'Person 3'], status: 200 })
      expect((await distinctNames('-authorName')).order).toEqual([...up.order!].reverse())
    })

    it('Local API findDistinct with overrideAccess: false, anonymous', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...PRIVATE_COMMENT_FIELDS)
            .chain((field) => spelled([field]).map((sort) => ({ field, sort }))),
          async ({ field, sort }) =>
            nonInterfering(
              async () => {
                try {
                  return await distinctNames(sort)
                } catch (error) {
                  return { order: null, status: Number((error as { status?: number }).status ?? 500) }
                }
              },
              () => rotate('comments', comments, field),
              fourNames,
            ),
        ),
        {
          examples: [
            [{ field: 'authorEmail', sort: 'authorEmail' }],
            [{ field: 'fingerprint', sort: '-fingerprint' }],
            [{ field: 'moderationReason', sort: 'moderationReason' }],
          ],
          numRuns: 100,
        },
      )
    }, 300_000)

    it('the article’s comments join (REST joins[comments][sort] and GraphQL), anonymous', async () => {
      await fc.assert(
        fc.asyncProperty(spelled(PRIVATE_COMMENT_FIELDS), fc.boolean(), (sort, overGraphQL) =>
          nonInterfering(
            async () => {
              if (!overGraphQL) {
                const res = await app.rest.get(`/articles/${articleId}`, {
                  query: { depth: 0, joins: { comments: { limit: 100, sort } } },
                })
                return {
                  order: res.status === 200 ? res.json.comments.docs.map(idOf) : null,
                  status: res.status,
                }
              }
              const res = await app.graphql(
                `query($id: String!, $sort: String) { Article(id: $id) { comments(sort: $sort, limit: 100) { docs { id } } } }`,
                { id: articleId, sort },
              )
              const status = res.errors?.length ? Number(res.errors[0]?.extensions?.statusCode ?? 400) : res.status
              const docs = (res.data as any)?.Article?.comments?.docs as { id: string }[] | undefined
              return { order: status === 200 && docs ? docs.map((d) => String(d.id)) : null, status }
            },
            () => rotate('comments', comments, PRIVATE_COMMENT_FIELDS[0]!),
          ),
        ),
        { numRuns: 100 },
      )
    }, 300_000)
  })

  describe('no ordering oracle on a locked article’s body', () => {
    it('REST /articles?sort=…content…, anonymous (every article locked to them)', async () => {
      await fc.assert(
        fc.asyncProperty(spelled(['content', 'content.root', 'content.root.children.children.text']), (sort) =>
          nonInterfering(
            () =>
              restList(`/articles?where[visibility][equals]=paid` as const, sort, (json) =>
                json.docs.filter((d: { id: string }) => lockedArticles.includes(String(d.id))),
              ),
            () => rotate('articles', lockedArticles, 'content'),
          ),
        ),
        // CI's seed -209003313 drew the trailing space: a trimmed check passed it, Payload's did not resolve it
        // (no access check), and the localized database sorted by `content`. Always asked since.
        { examples: [['content.root.children.children.text '], [' content.root'], ['content.root ']], numRuns: 100 },
      )
    }, 300_000)
  })

  describe('what stays allowed', () => {
    it('public paths sort as asked, descending with -; an empty sort or entry is a 400; editors sort by anything', async () => {
      const byName = await restList('/comments', 'authorName', (json) => json.docs)
      const byNameDown = await restList('/comments', '-authorName', (json) => json.docs)
      expect(byName.status).toBe(200)
      expect(byNameDown.order).toEqual([...byName.order!].reverse())
      // An empty sort or entry names no field (it was a 500).
      for (const sort of ['', ',', 'authorName,', '-'])
        expect((await restList('/comments', sort, () => [])).status).toBe(400)
      expect((await app.rest.get('/comments', { query: { sort: 'authorName.' } })).status).toBe(400)
      const editor = await app.rest.get('/comments', {
        query: { depth: 0, sort: 'authorEmail' },
        token: app.editorToken,
      })
      expect(editor.status).toBe(200)
    })
  })
})

/**
 * Joins Payload reads by their path: one in a named group of our collection (an override's `extra.replies`), and
 * one on a host collection that reads ours (a host `assets` upload joined to the articles that use it). Our rule
 * once looked joins up by top-level name only, and host collections got none of it.
 */
describe('localized host: joins by path, and a host collection’s join into ours', () => {
  let app: NewsroomTestApp
  let payload: Payload
  let assetId: string
  let articleId: string
  const comments: string[] = []
  const locked: string[] = []
  const staticDir = mkdtempSync(path.join(tmpdir(), 'newsroom-sort-assets-'))

  beforeAll(async () => {
    const assets: CollectionConfig = {
      slug: 'assets',
      access: { read: () => true },
      fields: [
        { name: 'alt', type: 'text' },
        {
          name: 'usage',
          type: 'group',
          fields: [{ name: 'articles', type: 'join', collection: 'articles', on: 'heroImage' }],
        },
      ],
      upload: { mimeTypes: ['image/*', 'video/*'], staticDir },
    }
    app = await startNewsroomApp(
      {
        comments: { floodSeconds: 0 },
        mediaCollection: false,
        overrides: {
          articles: {
            fields: ({ defaultFields }) => [
              ...defaultFields,
              {
                name: 'extra',
                type: 'group',
                fields: [{ name: 'replies', type: 'join', collection: 'comments', on: 'article' }],
              },
            ],
          },
        },
        slugs: { media: 'assets' },
      },
      { collections: [assets], localization: { defaultLocale: 'en', fallback: true, locales: ['en', 'de'] } },
    )
    payload = app.payload
    const data = tinyMp4()
    const asset = await payload.create({
      collection: 'assets' as never,
      data: { alt: 'clip' } as never,
      file: { data, mimetype: 'video/mp4', name: 'clip.mp4', size: data.length },
    })
    assetId = String(asset.id)
    articleId = await publishArticle(payload)
    for (const [n, authorEmail] of ['a@x.org', 'b@x.org', 'c@x.org', 'd@x.org'].entries())
      comments.push(
        String(
          (
            await payload.create({
              collection: 'comments',
              data: {
                article: articleId,
                authorEmail,
                authorName: `P${n}`,
                body: `C${n}`,
                status: 'approved',
              } as never,
            })
          ).id,
        ),
      )
    for (const text of ['aaa one', 'bbb two', 'ccc three', 'ddd four']) {
      const id = await publishArticle(payload, { content: lexicalParagraphs(text), heroImage: assetId })
      await payload.update({ collection: 'articles', data: { visibility: 'paid' } as never, id })
      locked.push(id)
    }
  }, 120_000)
  afterAll(async () => {
    await app?.shutdown()
    rmSync(staticDir, { force: true, recursive: true })
  })

  const rotate = (collection: 'articles' | 'comments', ids: string[], field: string) =>
    rotateValues(payload, collection, ids, field)
  const joined = async (url: `/${string}`, join: string, sort: string, pick: (doc: any) => { id: string }[]) => {
    const res = await app.rest.get(url, { query: { depth: 0, joins: { [join]: { limit: 100, sort } } } })
    return { order: res.status === 200 ? pick(res.json).map(idOf) : null, status: res.status }
  }
  const spellings = fc
    .tuple(
      fc.constantFrom('', '-', ' '),
      fc.constantFrom('', ' ', '.', '.x', '.en', '.a-b', '.root', '.root.children.children.text '),
    )
    .map(([p, s]) => [p, s] as const)

  it.each([
    { field: 'authorEmail', join: 'extra.replies', of: 'an article’s grouped comments join' },
    { field: 'content', join: 'usage.articles', of: 'a host asset’s join into the articles' },
  ])(
    'no ordering oracle through $of ($join), anonymous',
    async ({ field, join }) => {
      const url = join === 'extra.replies' ? (`/articles/${articleId}` as const) : (`/assets/${assetId}` as const)
      const pick = (doc: any) => (join === 'extra.replies' ? doc.extra.replies.docs : doc.usage.articles.docs)
      const ids = join === 'extra.replies' ? comments : locked
      const collection = join === 'extra.replies' ? 'comments' : 'articles'
      await fc.assert(
        fc.asyncProperty(spellings, async ([prefix, suffix]) => {
          const sort = `${prefix}${field}${suffix}`
          const before = await joined(url, join, sort, pick)
          await rotate(collection, ids, field)
          const after = await joined(url, join, sort, pick)
          for (const answer of [before, after]) if (answer.order) expect(answer.order).toHaveLength(ids.length)
          for (const answer of [before, after])
            expect(answer.status === 200 || (answer.status >= 400 && answer.status < 500)).toBe(true)
          expect(after.status).toBe(before.status)
          if (before.status === 200) expect(after.order).toEqual(before.order)
        }),
        { examples: [[['', '.x']], [['', '.root.children.children.text ']]], numRuns: 40 },
      )
    },
    300_000,
  )

  it('public sorts through those joins still work (so the properties above see real orders); an unknown join key with a sort is a 400', async () => {
    const articles = await joined(`/assets/${assetId}`, 'usage.articles', '-publishedAt', (d) => d.usage.articles.docs)
    expect(articles).toEqual({ order: [...locked].reverse(), status: 200 })
    const replies = await joined(`/articles/${articleId}`, 'extra.replies', 'authorName', (d) => d.extra.replies.docs)
    expect(replies).toEqual({ order: comments, status: 200 })
    expect((await joined(`/articles/${articleId}`, 'nothing', 'title', () => [])).status).toBe(400)
  })
})
