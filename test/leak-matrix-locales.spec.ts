/**
 * The leak matrix with the host's `localization` on (en, de): localized editions of a premium article, each
 * with its own paywall break. `locale=all`, `fallback-locale`, GraphQL `locale` / `fallbackLocale`, where/sort
 * on per-locale paths, population, print/PDF/email in a locale — the body below either edition's break
 * reaches active subscribers and editors only, and each edition's teaser is cut from that edition.
 * Every case checks both sides of the line against the sentinel words (and a decoy for query probes).
 * Also: comments record the locale they were written in (server-set), and print follows `?locale=`.
 */
import type { Payload, TypedUser } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { REST_GET } from '@payloadcms/next/routes'
import { randomUUID } from 'node:crypto'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { sentEmails } from './harness/captureEmailAdapter.js'
import { runWithPayloadInstance } from './harness/instanceRouting.js'
import { block, lexical, paragraph } from './helpers/lexical.js'
import { EDITOR, READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import { flat, parsePdf } from './helpers/documents.js'

const BODY_EN = 'xylophone-englishbody-1187'
const BODY_DE = 'zitronenfalter-deutsch-5521'
const TEASER_EN = 'Everyone may read this English introduction.'
const TEASER_DE = 'Diese deutsche Einleitung darf jeder lesen.'
const TITLE_DE = 'Die Premium-Geschichte'
const DECOY = 'nonexistent-decoy-0000'
const DAY = 24 * 60 * 60 * 1000

type RoleName = 'active' | 'anonymous' | 'editor' | 'expired' | 'free'
type Role = { name: RoleName; token?: string; user: null | TypedUser }
type Observation = { status: number; text: string }
type Surface = {
  denied?: number
  name: string
  ok?: number
  probe?: boolean
  /** Which edition's body this surface reaches. */
  reaches: 'de' | 'en'
  run: (role: Role, word: string) => Promise<Observation>
}
const ROLES: RoleName[] = ['anonymous', 'free', 'expired', 'active', 'editor']
const AUDIENCE: RoleName[] = ['active', 'editor']
const WORD = { de: BODY_DE, en: BODY_EN } as const

let app: NewsroomTestApp
let payload: Payload
const roles = {} as Record<RoleName, Role>
const ids = {} as { comment: string; englishOnly: string; premium: string }

beforeAll(async () => {
  app = await startNewsroomApp(
    { comments: { floodSeconds: 0 }, print: { emailsPerHour: 100_000 } },
    { localization: { defaultLocale: 'en', fallback: true, locales: ['en', 'de'] } },
  )
  payload = app.payload
  const readers: [RoleName, Record<string, unknown>][] = [
    ['free', { plan: 'free', status: 'active' }],
    ['expired', { currentPeriodEnd: new Date(Date.now() - DAY).toISOString(), plan: 'premium', status: 'active' }],
    ['active', { currentPeriodEnd: new Date(Date.now() + 30 * DAY).toISOString(), plan: 'premium', status: 'active' }],
  ]
  for (const [name, subscription] of readers) {
    const email = `${name}@readers.test`
    await payload.create({
      collection: 'readers',
      data: { _verified: true, email, name, password: READER_PASSWORD, subscription },
    })
    const token = await app.rest.login('readers', email, READER_PASSWORD)
    const user = (await payload.find({ collection: 'readers', where: { email: { equals: email } } })).docs[0]
    roles[name] = { name, token, user: user as unknown as TypedUser }
  }
  const editor = (await payload.find({ collection: 'users', where: { email: { equals: EDITOR.email } } })).docs[0]
  roles.editor = { name: 'editor', token: app.editorToken, user: editor as unknown as TypedUser }
  roles.anonymous = { name: 'anonymous', user: null }

  const premium = await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(
        paragraph(TEASER_EN),
        block({ id: '665f00000000000000000101', blockName: '', blockType: 'paywallBreak' }),
        paragraph(`Subscribers read on: ${BODY_EN}.`),
      ),
      premium: true,
      slug: 'the-premium-story',
      title: 'The premium story',
    },
    locale: 'en',
  })
  ids.premium = String(premium.id)
  // The German edition: its break sits after two paragraphs.
  await payload.update({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(
        paragraph(TEASER_DE),
        paragraph('Noch ein freier Absatz.'),
        block({ id: '665f00000000000000000102', blockName: '', blockType: 'paywallBreak' }),
        paragraph(`Abonnenten lesen weiter: ${BODY_DE}.`),
      ),
      slug: 'die-premium-geschichte',
      title: TITLE_DE,
    },
    id: premium.id,
    locale: 'de',
  })
  // No German edition at all: `de` with fallback reads the English body.
  const englishOnly = await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(
        paragraph('Free part of the English-only story.'),
        block({ id: '665f00000000000000000103', blockName: '', blockType: 'paywallBreak' }),
        paragraph(`Only English: ${BODY_EN}.`),
      ),
      premium: true,
      title: 'English only',
    },
    locale: 'en',
  })
  ids.englishOnly = String(englishOnly.id)
  const comment = await payload.create({
    collection: 'comments',
    data: { article: premium.id, authorEmail: 'ann@readers.test', authorName: 'Ann', body: 'Gut.', status: 'approved' },
  })
  if (comment.status !== 'approved')
    await payload.update({ collection: 'comments', data: { status: 'approved' }, id: comment.id })
  ids.comment = String(comment.id)
})
afterAll(() => app?.shutdown())

const rest = async (role: Role, path: `/${string}`, query?: Record<string, unknown>): Promise<Observation> => {
  const res = await app.rest.get(path, { query, token: role.token })
  return { status: res.status, text: res.text }
}
const graphql = async (role: Role, query: string, variables?: Record<string, unknown>): Promise<Observation> => {
  const res = await app.graphql(query, variables, { token: role.token })
  const status = res.errors?.length ? Number(res.errors[0]!.extensions?.statusCode ?? 500) : res.status
  return { status, text: JSON.stringify({ data: res.data, errors: res.errors }) }
}
const restPdf = async (role: Role, path: `/${string}`, search: string): Promise<Observation> => {
  const request = new Request(`${app.rest.baseURL}${path}${search}`, {
    headers: role.token ? { Authorization: `JWT ${role.token}` } : {},
  })
  const response = await runWithPayloadInstance(app.key, () =>
    REST_GET(app.config)(request, { params: Promise.resolve({ slug: path.slice(1).split('/') }) }),
  )
  const bytes = new Uint8Array(await response.arrayBuffer())
  const isPdf = response.headers.get('content-type') === 'application/pdf'
  return { status: response.status, text: isPdf ? flat((await parsePdf(bytes)).text) : new TextDecoder().decode(bytes) }
}
const restEmail = async (role: Role, locale: string): Promise<Observation> => {
  const to = `friend-${randomUUID()}@example.org`
  const res = await app.rest.post(`/articles/${ids.premium}/email`, {
    body: { senderName: 'A friend', to },
    query: { locale },
    token: role.token,
  })
  await payload.jobs.run({ limit: 100 })
  const emails = sentEmails.filter((email) => email.to.includes(to))
  return { status: res.status, text: `${res.text}\n${JSON.stringify(emails)}` }
}
const local = async (run: () => Promise<unknown>): Promise<Observation> => {
  try {
    return { status: 200, text: JSON.stringify(await run()) }
  } catch (error) {
    const { message, status } = error as { message: string; status?: number }
    return { status: status ?? 500, text: message }
  }
}
const as = (role: Role) => ({ overrideAccess: false, user: role.user ?? undefined }) as const
const dePath = (word: string) => ({ 'content.de.root.children.children.text': { like: word } })

const SURFACES: Surface[] = [
  { name: 'REST findByID locale=en', reaches: 'en', run: (r) => rest(r, `/articles/${ids.premium}`, { locale: 'en' }) },
  { name: 'REST findByID locale=de', reaches: 'de', run: (r) => rest(r, `/articles/${ids.premium}`, { locale: 'de' }) },
  {
    name: 'REST findByID locale=all (en)',
    reaches: 'en',
    run: (r) => rest(r, `/articles/${ids.premium}`, { locale: 'all' }),
  },
  {
    name: 'REST findByID locale=all (de)',
    reaches: 'de',
    run: (r) => rest(r, `/articles/${ids.premium}`, { locale: 'all' }),
  },
  { name: 'REST find locale=all', reaches: 'de', run: (r) => rest(r, '/articles', { depth: 0, locale: 'all' }) },
  {
    name: 'REST find by German slug locale=de',
    reaches: 'de',
    run: (r) => rest(r, '/articles', { locale: 'de', where: { slug: { equals: 'die-premium-geschichte' } } }),
  },
  {
    name: 'REST de without an edition, fallback-locale=en',
    reaches: 'en',
    run: (r) => rest(r, `/articles/${ids.englishOnly}`, { 'fallback-locale': 'en', locale: 'de' }),
  },
  {
    name: 'REST locale=de, fallback-locale=none',
    reaches: 'de',
    run: (r) => rest(r, `/articles/${ids.premium}`, { 'fallback-locale': 'none', locale: 'de' }),
  },
  {
    denied: 400,
    name: 'REST where on content.de path',
    probe: true,
    reaches: 'de',
    run: (r, w) => rest(r, '/articles', { locale: 'all', where: dePath(w) }),
  },
  {
    denied: 400,
    name: 'REST where content like, locale=de',
    probe: true,
    reaches: 'de',
    run: (r, w) =>
      rest(r, '/articles', {
        locale: 'de',
        where: { or: [{ content: { like: w } }, { slug: { equals: 'die-premium-geschichte' } }] },
      }),
  },
  {
    denied: 400,
    name: 'REST sort by content, locale=all',
    reaches: 'de',
    run: (r) => rest(r, '/articles', { locale: 'all', sort: 'content' }),
  },
  {
    name: 'REST comment → article, locale=all',
    reaches: 'de',
    run: (r) => rest(r, `/comments/${ids.comment}`, { depth: 1, locale: 'all' }),
  },
  {
    name: 'GraphQL Article locale: de',
    reaches: 'de',
    run: (r) =>
      graphql(r, 'query($id: String!) { Article(id: $id, locale: de) { title teaser content locked } }', {
        id: ids.premium,
      }),
  },
  {
    name: 'GraphQL de with fallbackLocale: en',
    reaches: 'en',
    run: (r) =>
      graphql(r, 'query($id: String!) { Article(id: $id, locale: de, fallbackLocale: en) { content teaser } }', {
        id: ids.englishOnly,
      }),
  },
  {
    name: 'Local findByID locale all',
    reaches: 'de',
    run: (r) => local(() => payload.findByID({ collection: 'articles', id: ids.premium, locale: 'all', ...as(r) })),
  },
  {
    name: 'Local find locale de, fallbackLocale en',
    reaches: 'en',
    run: (r) => local(() => payload.find({ collection: 'articles', fallbackLocale: 'en', locale: 'de', ...as(r) })),
  },
  {
    name: 'REST print view ?locale=de',
    reaches: 'de',
    run: (r) => rest(r, `/articles/${ids.premium}/print`, { locale: 'de' }),
  },
  {
    name: 'REST print view ?locale=all',
    reaches: 'en',
    run: (r) => rest(r, `/articles/${ids.premium}/print`, { locale: 'all' }),
  },
  {
    name: 'REST PDF ?locale=de',
    reaches: 'de',
    run: (r) => restPdf(r, `/articles/${ids.premium}/pdf`, '?locale=de'),
  },
]

const expectNoLeak = (seen: Observation) => {
  for (const word of [BODY_EN, BODY_DE])
    expect({ leaked: seen.text.includes(word), word }).toEqual({ leaked: false, word })
  expect(seen.status).toBeLessThan(500)
}
const checkOutsider = async (surface: Surface, role: Role) => {
  const seen = await surface.run(role, WORD[surface.reaches])
  expectNoLeak(seen)
  if (surface.denied) expect(seen.status).toBe(surface.denied)
  if (surface.probe) expect(seen).toEqual(await surface.run(role, DECOY))
}
const checkInsider = async (surface: Surface, role: Role) => {
  const seen = await surface.run(role, WORD[surface.reaches])
  expect(seen.status).toBe(surface.ok ?? 200)
  expect(seen.text).toContain(WORD[surface.reaches])
}

describe.each(SURFACES)('$name', (surface) => {
  it.each(ROLES)('%s', async (roleName) => {
    if (AUDIENCE.includes(roleName)) {
      await checkInsider(surface, roles[roleName])
      await checkOutsider(surface, roles.anonymous)
    } else {
      await checkOutsider(surface, roles[roleName])
      await checkInsider(surface, roles.active)
    }
  })
})

describe('editions', () => {
  it('each edition’s teaser ends at its own break; locale=all gives both, never a body', async () => {
    const de = await app.rest.get(`/articles/${ids.premium}`, { query: { locale: 'de' } })
    expect(de.json).toMatchObject({ content: null, locked: true, title: TITLE_DE })
    expect(JSON.stringify(de.json.teaser)).toContain(TEASER_DE)
    expect(JSON.stringify(de.json.teaser)).toContain('Noch ein freier Absatz.')
    const all = await app.rest.get(`/articles/${ids.premium}`, { query: { locale: 'all' } })
    expect(all.json.content ?? null).toBeNull()
    expect(JSON.stringify(all.json.teaser.en)).toContain(TEASER_EN)
    expect(JSON.stringify(all.json.teaser.de)).toContain(TEASER_DE)
    expect(all.json.title).toEqual({ de: TITLE_DE, en: 'The premium story' })
  })

  it('the email of an article in a locale carries that edition’s teaser, never a body', async () => {
    for (const role of ['anonymous', 'active'] as const) {
      const seen = await restEmail(roles[role], 'de')
      expect(seen.status).toBe(202)
      expectNoLeak(seen)
    }
  })

  it('print follows ?locale=: the German edition in German', async () => {
    const res = await app.rest.get(`/articles/${ids.premium}/print`, {
      query: { locale: 'de' },
      token: roles.active.token,
    })
    expect(res.status).toBe(200)
    expect(res.text).toContain(TITLE_DE)
    expect(res.text).toContain(BODY_DE)
    expect(res.text).not.toContain(BODY_EN)
  })
})

it('GraphQL has no locale `all` (not in LocaleInputType): refused for everyone, literal or variable, nothing read', async () => {
  for (const role of ROLES) {
    for (const [query, variables] of [
      ['{ Articles(locale: all) { docs { title content teaser } } }', undefined],
      ['query($l: LocaleInputType) { Articles(locale: $l) { docs { title content teaser } } }', { l: 'all' }],
    ] as const) {
      const res = await app.graphql(query, variables, { token: roles[role].token })
      expect(res.errors?.length).toBeGreaterThan(0)
      expect(res.data ?? null).toBeNull()
      expectNoLeak({ status: res.status, text: JSON.stringify(res) })
    }
  }
  // One locale at a time works.
  const de = await graphql(roles.active, '{ Articles(locale: de) { docs { content } } }')
  expect(de.text).toContain(BODY_DE)
})

describe('comments record their locale', () => {
  const post = (query: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    app.rest.post('/comments', {
      body: {
        article: ids.premium,
        authorEmail: `c-${randomUUID()}@readers.test`,
        authorName: 'Leser',
        body: `Kommentar ${randomUUID()}`,
        ...extra,
      },
      headers: { 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250) + 1}` },
      query: { depth: 0, ...query },
    })
  const storedLocale = async (id: string) =>
    ((await payload.findByID({ collection: 'comments', id })) as { locale?: string }).locale

  it('from the request (?locale=, GraphQL locale), else the default; a body cannot set it', async () => {
    const de = await post({ locale: 'de' })
    expect(de.status).toBe(201)
    expect(await storedLocale(de.json.doc.id)).toBe('de')
    const plain = await post({})
    expect(await storedLocale(plain.json.doc.id)).toBe('en')
    const forged = await post({ locale: 'de' }, { locale: 'en' })
    expect(await storedLocale(forged.json.doc.id)).toBe('de')
    const gql = await app.graphql(
      'mutation($data: mutationCommentInput!) { createComment(data: $data, locale: de) { id } }',
      {
        data: { article: ids.premium, authorEmail: 'g@readers.test', authorName: 'G', body: `GraphQL ${randomUUID()}` },
      },
      { headers: { 'x-forwarded-for': '198.51.100.251' } },
    )
    expect(gql.errors).toBeUndefined()
    expect(await storedLocale(gql.data.createComment.id)).toBe('de')
    // An edit keeps it.
    await payload.update({ collection: 'comments', data: { body: 'Geändert.' }, id: de.json.doc.id, locale: 'en' })
    expect(await storedLocale(de.json.doc.id)).toBe('de')
  })
})
