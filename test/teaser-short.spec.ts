/**
 * Short premium articles end to end (issue 11, finding 2). An article with no break and at most
 * `premium.teaser.blocks` blocks, or with its break at the very end, used to come back `locked: true,
 * content: null` with the whole body as its `teaser` — on every surface. Each article below ends with a
 * unique tail word; a requester who is not entitled must never receive it, through REST, GraphQL, the
 * Local API, a comment's populated article, a video's related-articles join, the print view, the PDF
 * or the shared-by-email message. Subscribers receive it (so each surface is shown to reach the body).
 */
import type { Payload, TypedUser } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { REST_GET } from '@payloadcms/next/routes'
import { randomUUID } from 'node:crypto'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { sentEmails } from './harness/captureEmailAdapter.js'
import { runWithPayloadInstance } from './harness/instanceRouting.js'
import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import { lexical, paragraph, paywallBreak } from './helpers/lexical.js'
import { flat, parsePdf } from './helpers/documents.js'

/** Three short bodies: what the public should read (`lead`) and the last word it must never get (`tail`). */
const ARTICLES = {
  one: {
    content: lexical(
      paragraph(
        'Lanterns glow over the quiet harbour tonight. Fishermen mend their nets by the water, TAILONE ostrich.',
      ),
    ),
    lead: 'Lanterns glow over the quiet harbour tonight.',
    tail: 'ostrich',
    title: 'One paragraph',
  },
  two: {
    content: lexical(
      paragraph('Opening paragraph everyone sees first.'),
      paragraph('Closing paragraph, TAILTWO walrus.'),
    ),
    lead: 'Opening paragraph everyone sees first.',
    tail: 'walrus',
    title: 'Two paragraphs',
  },
  breakAtEnd: {
    content: lexical(
      paragraph('Start of the story, plainly told.'),
      paragraph('More story, then TAILEND narwhal.'),
      paywallBreak('665f00000000000000000b01'),
      paragraph(''),
    ),
    lead: 'Start of the story, plainly told.',
    tail: 'narwhal',
    title: 'Break at the end',
  },
} as const
type ArticleName = keyof typeof ARTICLES
const NAMES = Object.keys(ARTICLES) as ArticleName[]

type RoleName = 'active' | 'anonymous' | 'free'
type Role = { name: RoleName; token?: string; user: null | TypedUser }

let app: NewsroomTestApp
let payload: Payload
const roles = {} as Record<RoleName, Role>
const ids = {} as Record<ArticleName, string> & { video: string }
const comments = {} as Record<ArticleName, string>

beforeAll(async () => {
  // Default teaser length (2 blocks); a high email quota so every role can mail every article.
  app = await startNewsroomApp({ print: { emailsPerHour: 10_000 }, siteUrl: 'https://news.test' })
  payload = app.payload
  for (const [name, subscription] of [
    ['free', { plan: 'free', status: 'active' }],
    [
      'active',
      { currentPeriodEnd: new Date(Date.now() + 864e5 * 30).toISOString(), plan: 'premium', status: 'active' },
    ],
  ] as const) {
    const email = `${name}@short.test`
    const reader = await payload.create({
      collection: 'readers',
      data: { email, password: READER_PASSWORD, subscription, _verified: true },
    })
    roles[name] = {
      name,
      token: await app.rest.login('readers', email, READER_PASSWORD),
      user: { ...reader, collection: 'readers' } as unknown as TypedUser,
    }
  }
  roles.anonymous = { name: 'anonymous', user: null }
  const video = await payload.create({
    collection: 'videos',
    data: { _status: 'published', title: 'Free clip', url: 'https://vimeo.com/76979871' },
  })
  ids.video = String(video.id)
  for (const name of NAMES) {
    const { content, title } = ARTICLES[name]
    const article = await payload.create({
      collection: 'articles',
      data: {
        _status: 'published',
        content,
        premium: true,
        relatedVideos: [video.id],
        slug: `short-${name.toLowerCase()}`,
        title,
      } as never,
    })
    ids[name] = String(article.id)
    const comment = await payload.create({
      collection: 'comments',
      data: {
        article: article.id,
        authorEmail: `c-${name}@short.test`,
        authorName: 'C',
        body: `On ${name}`,
        status: 'approved',
      },
    })
    if (comment.status !== 'approved')
      await payload.update({ collection: 'comments', data: { status: 'approved' }, id: comment.id })
    comments[name] = String(comment.id)
  }
})

afterAll(async () => {
  await app?.shutdown()
})

/* ---------- surfaces: each returns everything the requester received, as text ---------- */

const rawGet = async (role: Role, apiPath: string) => {
  const slug = apiPath.split('/').filter(Boolean)
  const request = new Request(`${app.rest.baseURL}${apiPath}`, {
    headers: role.token ? { Authorization: `JWT ${role.token}` } : {},
  })
  const response = await runWithPayloadInstance(app.key, () =>
    REST_GET(app.config)(request, { params: Promise.resolve({ slug }) }),
  )
  return { bytes: new Uint8Array(await response.arrayBuffer()), status: response.status }
}

const ok = (status: number, text: string) => {
  expect(status).toBe(200)
  return text
}

type Surface = { name: string; run: (role: Role, name: ArticleName) => Promise<string>; showsBody: boolean }

const SURFACES: Surface[] = [
  {
    name: 'REST by id',
    run: async (r, n) => {
      const res = await app.rest.get(`/articles/${ids[n]}`, { token: r.token })
      return ok(res.status, res.text)
    },
    showsBody: true,
  },
  {
    name: 'REST list',
    run: async (r, n) => {
      const res = await app.rest.get('/articles', { query: { where: { id: { equals: ids[n] } } }, token: r.token })
      return ok(res.status, res.text)
    },
    showsBody: true,
  },
  {
    name: 'GraphQL by id',
    run: async (r, n) => {
      const res = await app.graphql(
        'query ($id: String!) { Article(id: $id) { locked teaser content } }',
        { id: ids[n] },
        { token: r.token },
      )
      expect(res.errors).toBeUndefined()
      return JSON.stringify(res.data)
    },
    showsBody: true,
  },
  {
    name: 'GraphQL list',
    run: async (r) => {
      const res = await app.graphql(
        '{ Articles(limit: 50) { docs { title locked teaser content } } }',
        {},
        { token: r.token },
      )
      expect(res.errors).toBeUndefined()
      return JSON.stringify(res.data)
    },
    showsBody: true,
  },
  {
    name: 'Local API, overrideAccess: false',
    run: async (r, n) =>
      JSON.stringify(
        await payload.findByID({ collection: 'articles', id: ids[n], overrideAccess: false, user: r.user }),
      ),
    showsBody: true,
  },
  {
    name: 'REST comment → populated article',
    run: async (r, n) => {
      const res = await app.rest.get(`/comments/${comments[n]}`, { query: { depth: 1 }, token: r.token })
      return ok(res.status, res.text)
    },
    showsBody: true,
  },
  {
    name: 'GraphQL comment → article',
    run: async (r, n) => {
      const res = await app.graphql(
        'query ($id: String!) { Comment(id: $id) { article { teaser content } } }',
        { id: comments[n] },
        { token: r.token },
      )
      expect(res.errors).toBeUndefined()
      return JSON.stringify(res.data)
    },
    showsBody: true,
  },
  {
    name: 'REST video → relatedArticles join',
    run: async (r) => {
      const res = await app.rest.get(`/videos/${ids.video}`, { query: { depth: 1 }, token: r.token })
      return ok(res.status, res.text)
    },
    showsBody: true,
  },
  {
    name: 'print view (HTML)',
    run: async (r, n) => {
      const res = await rawGet(r, `/articles/${ids[n]}/print`)
      return ok(res.status, new TextDecoder().decode(res.bytes))
    },
    showsBody: true,
  },
  {
    name: 'PDF (text read by pdfjs)',
    run: async (r, n) => {
      const res = await rawGet(r, `/articles/${ids[n]}/pdf`)
      return ok(res.status, flat((await parsePdf(res.bytes)).text))
    },
    showsBody: true,
  },
  {
    name: 'email (endpoint answer + delivered message)',
    run: async (r, n) => {
      const to = `friend-${randomUUID()}@example.org`
      const res = await app.rest.post(`/articles/${ids[n]}/email`, {
        body: { senderName: 'A friend', to },
        token: r.token,
      })
      expect(res.status).toBe(202)
      await payload.jobs.run({ limit: 100 })
      const delivered = sentEmails.filter((email) => email.to.includes(to))
      expect(delivered).toHaveLength(1)
      return `${res.text}\n${delivered.map((e) => `${e.subject}\n${e.text}\n${e.html}`).join('\n')}`
    },
    // An email carries the teaser for every sender, never the body.
    showsBody: false,
  },
]

const cases = SURFACES.flatMap((surface) => NAMES.map((name) => [surface.name, name, surface] as const))

describe('a short premium article never reaches a requester who is not entitled in full', () => {
  it.each(cases)(
    '%s, article "%s": anonymous and free readers get the lead, never the tail',
    async (_surface, name, surface) => {
      const { lead, tail } = ARTICLES[name]
      for (const role of [roles.anonymous, roles.free]) {
        const seen = await surface.run(role, name)
        expect(seen).not.toContain(tail)
        // The surface did answer with this article's teaser (so a missing tail is not an empty answer).
        expect(seen.replace(/\s+/g, ' ')).toContain(lead)
      }
    },
  )

  it.each(cases.filter(([, , s]) => s.showsBody))(
    '%s, article "%s": an active subscriber gets the tail',
    async (_surface, name, surface) => {
      expect(await surface.run(roles.active, name)).toContain(ARTICLES[name].tail)
    },
  )
})

describe('the teaser of each short article', () => {
  it.each(NAMES)('"%s": locked, content null, a teaser whose text is a strict prefix of the body', async (name) => {
    const res = await app.rest.get(`/articles/${ids[name]}`)
    expect(res.json).toMatchObject({ content: null, locked: true })
    const visible = (state: unknown) =>
      JSON.stringify(state)
        .match(/"text":"((?:[^"\\]|\\.)*)"/g)!
        .map((t) => JSON.parse(`{${t}}`).text)
        .join('')
        .replace(/\s/g, '')
    const body = visible(ARTICLES[name].content)
    const teaser = visible(res.json.teaser)
    expect(body.startsWith(teaser)).toBe(true)
    expect(teaser.length).toBeLessThan(body.length)
    expect(teaser).toBe(ARTICLES[name].lead.replace(/\s/g, ''))
  })
})
