/**
 * The paywall leak matrix: every read surface × every role.
 *
 * Three secrets are planted, each a unique word:
 *  - BODY  — after the paywall break of a premium article (audience: active subscribers and editors);
 *  - VIDEO — the YouTube id of a premium video, i.e. its playable URL (same audience);
 *  - DRAFT — in unpublished drafts: a newer draft of the premium article and a never-published article
 *            (audience: editors only; not even subscribers).
 * A leak is a secret word in a response to a role outside its audience, or — for surfaces that put a word
 * into a query (`where`) — an answer that differs between the secret and a decoy word (a boolean oracle).
 *
 * Surfaces: REST (find, findByID, count, where/sort/select/depth/populate, drafts, versions), GraphQL (list,
 * by id, count, where/sort, drafts, versions, relationship and join fields, rich-text depth), the Local API
 * with `overrideAccess: false`, population from comments and videos (relationships, joins, Lexical blocks),
 * the response of a comment submission, and the plugin's own endpoints (print view, PDF, email).
 *
 * Every case asserts both sides: the role gets exactly what it may, and the other side of the line
 * (an entitled role when the case's role is not, the anonymous public when it is) gets the opposite —
 * so a surface that answers nothing to anyone cannot pass.
 */
import type { Payload, TypedUser } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { REST_GET } from '@payloadcms/next/routes'
import { randomUUID } from 'node:crypto'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { sentEmails } from './harness/captureEmailAdapter.js'
import { runWithPayloadInstance } from './harness/instanceRouting.js'
import { EDITOR, READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import { flat, parsePdf } from './helpers/documents.js'
import { block, lexical, paragraph } from './helpers/lexical.js'

const BODY = 'xylophone-premiumbody-8842'
const VIDEO = 'Zq9XvPm4Lk2'
const DRAFT = 'marmalade-unpublished-5127'
const DECOY = 'nonexistent-decoy-0000'

type SecretName = 'body' | 'draft' | 'video'
type RoleName = 'active' | 'anonymous' | 'editor' | 'expired' | 'free'

const SECRETS: Record<SecretName, { audience: RoleName[]; word: string }> = {
  body: { audience: ['active', 'editor'], word: BODY },
  draft: { audience: ['editor'], word: DRAFT },
  video: { audience: ['active', 'editor'], word: VIDEO },
}
const ROLES: RoleName[] = ['anonymous', 'free', 'expired', 'active', 'editor']

type Role = { name: RoleName; token?: string; user: null | TypedUser }
type Observation = { status: number; text: string }

type Surface = {
  /** Who may get the secret through this surface, when narrower than the secret's audience. */
  audience?: RoleName[]
  /** Status every role outside the audience gets (e.g. 400 for a refused `where`, 403 for versions). */
  denied?: number
  /** Status the audience gets (default 200). */
  ok?: number
  /** What the audience must get, when the surface answers with something else than the secret (a count). */
  expectInsider?: (seen: Observation) => void
  name: string
  /** Puts `word` into the query: the answer for the secret must not differ from the answer for a decoy. */
  probe?: boolean
  /** The secret this surface can reach; its audience must receive it (proves the surface works). */
  reaches: SecretName
  run: (role: Role, word: string) => Promise<Observation>
}

/* ---------- Lexical fixtures ---------- */

/* ---------- The app, its roles and documents ---------- */

let app: NewsroomTestApp
let payload: Payload
const roles = {} as Record<RoleName, Role>
const ids = {} as { comment: string; draftOnly: string; premium: string; premiumVersion: string; video: string }

const DAY = 24 * 60 * 60 * 1000

beforeAll(async () => {
  // Flood control and the email quota would otherwise answer 429 to the matrix's repeated requests.
  app = await startNewsroomApp({ comments: { floodSeconds: 0 }, print: { emailsPerHour: 100_000 } })
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

  const video = await payload.create({
    collection: 'videos',
    data: {
      _status: 'published',
      premium: true,
      title: 'Premium video',
      url: `https://www.youtube.com/watch?v=${VIDEO}`,
    },
  })
  ids.video = String(video.id)

  const premium = await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(
        paragraph('Everyone may read this introduction.'),
        block({ id: '665f00000000000000000001', blockName: '', blockType: 'paywallBreak' }),
        paragraph(`Subscribers read on: ${BODY}.`),
        block({
          id: '665f00000000000000000002',
          blockName: '',
          blockType: 'videoEmbed',
          caption: 'Watch',
          video: video.id,
        }),
      ),
      premium: true,
      relatedVideos: [video.id],
      title: 'The premium story',
    },
  })
  ids.premium = String(premium.id)
  // A newer, unpublished draft of the same article: the public keeps reading the published version.
  await payload.update({
    collection: 'articles',
    id: premium.id,
    data: { content: lexical(paragraph(`Draft intro ${DRAFT}`)), title: `Draft title ${DRAFT}` },
    draft: true,
  })
  const versions = await payload.findVersions({
    collection: 'articles',
    sort: '-updatedAt',
    where: { parent: { equals: premium.id } },
  })
  ids.premiumVersion = String(versions.docs[0]!.id)

  const draftOnly = await payload.create({
    collection: 'articles',
    data: { _status: 'draft', content: lexical(paragraph(`Never published ${DRAFT}`)), title: `Unpublished ${DRAFT}` },
    draft: true,
  })
  ids.draftOnly = String(draftOnly.id)

  const comment = await payload.create({
    collection: 'comments',
    data: {
      article: premium.id,
      authorEmail: 'ann@readers.test',
      authorName: 'Ann',
      body: 'A fine piece.',
      status: 'approved',
    },
  })
  if (comment.status !== 'approved') {
    await payload.update({ collection: 'comments', id: comment.id, data: { status: 'approved' } })
  }
  ids.comment = String(comment.id)
})

afterAll(async () => {
  await app?.shutdown()
})

/* ---------- How each API is observed ---------- */

const rest = async (role: Role, path: `/${string}`, query?: Record<string, unknown>): Promise<Observation> => {
  const res = await app.rest.get(path, { query, token: role.token })
  return { status: res.status, text: res.text }
}

const graphql = async (role: Role, query: string, variables?: Record<string, unknown>): Promise<Observation> => {
  const res = await app.graphql(query, variables, { token: role.token })
  const status = res.errors?.length ? Number(res.errors[0]!.extensions?.statusCode ?? 500) : res.status
  return { status, text: JSON.stringify({ data: res.data, errors: res.errors }) }
}

/** A REST GET read as bytes (the harness client decodes bodies as text), for the PDF export. */
const restPdf = async (role: Role, path: `/${string}`): Promise<Observation> => {
  const slug = path.slice(1).split('/')
  const request = new Request(`${app.rest.baseURL}${path}`, {
    headers: role.token ? { Authorization: `JWT ${role.token}` } : {},
  })
  const response = await runWithPayloadInstance(app.key, () =>
    REST_GET(app.config)(request, { params: Promise.resolve({ slug }) }),
  )
  const bytes = new Uint8Array(await response.arrayBuffer())
  const isPdf = response.headers.get('content-type') === 'application/pdf'
  return { status: response.status, text: isPdf ? flat((await parsePdf(bytes)).text) : new TextDecoder().decode(bytes) }
}

/** The email endpoint, then the queued delivery: what the requester sees plus every email it caused. */
const restEmail = async (role: Role, articleRef: string): Promise<Observation> => {
  const to = `friend-${randomUUID()}@example.org`
  const res = await app.rest.post(`/articles/${articleRef}/email`, {
    body: { senderName: 'A friend', to },
    token: role.token,
  })
  await payload.jobs.run({ limit: 100 })
  const emails = sentEmails.filter((email) => email.to.includes(to))
  return { status: res.status, text: `${res.text}\n${JSON.stringify(emails)}` }
}

/** A new comment's response carries its article, populated (depth 1). */
const restCreateComment = async (role: Role): Promise<Observation> => {
  const res = await app.rest.post('/comments', {
    body: {
      article: ids.premium,
      authorEmail: `${role.name}-${randomUUID()}@readers.test`,
      authorName: role.name,
      body: `Comment ${randomUUID()}`,
    },
    query: { depth: 1 },
    token: role.token,
  })
  return { status: res.status, text: res.text }
}

const local = async (run: () => Promise<unknown>): Promise<Observation> => {
  try {
    return { status: 200, text: JSON.stringify(await run()) }
  } catch (error) {
    const { message, status } = error as { message: string; status?: number }
    return { status: status ?? 500, text: message }
  }
}

/** Local API as this role: `overrideAccess: false` with the role's user (none for the public). */
const as = (role: Role) => ({ overrideAccess: false, user: role.user ?? undefined }) as const

/** Where the words of the body live: a path MongoDB matches, so for the audience the query is a working oracle. */
const BODY_TEXT = 'content.root.children.children.text'
const bodyLike = (word: string, prefix = '') => ({ [`${prefix}${BODY_TEXT}`]: { like: word } })
/** A plain `like` on the rich-text field itself; the audience also gets the article by slug, to see its body. */
const contentLikeOrSlug = (word: string) => ({
  or: [{ content: { like: word } }, { slug: { equals: 'the-premium-story' } }],
})
const GQL_CONTENT_LIKE_OR_SLUG = '{ OR: [{ content: { like: $w } }, { slug: { equals: "the-premium-story" } }] }'
const countIs = (n: number) => (seen: Observation) => expect(JSON.parse(seen.text)).toMatchObject({ totalDocs: n })

/* ---------- The surfaces ---------- */

const SURFACES: Surface[] = [
  // REST: articles
  { name: 'REST find', reaches: 'body', run: (r) => rest(r, '/articles', { depth: 0 }) },
  { name: 'REST findByID', reaches: 'body', run: (r) => rest(r, `/articles/${ids.premium}`) },
  {
    name: 'REST find by slug, depth 2',
    reaches: 'body',
    run: (r) => rest(r, '/articles', { depth: 2, where: { slug: { equals: 'the-premium-story' } } }),
  },
  {
    denied: 400,
    name: 'REST where content like',
    probe: true,
    reaches: 'body',
    run: (r, w) => rest(r, '/articles', { where: contentLikeOrSlug(w) }),
  },
  {
    denied: 400,
    name: 'REST where content contains',
    probe: true,
    reaches: 'body',
    run: (r, w) =>
      rest(r, '/articles', {
        where: { or: [{ content: { contains: w } }, { slug: { equals: 'the-premium-story' } }] },
      }),
  },
  {
    denied: 400,
    name: 'REST where on a path inside content',
    probe: true,
    reaches: 'body',
    run: (r, w) => rest(r, '/articles', { where: bodyLike(w) }),
  },
  {
    denied: 400,
    name: 'REST where or [title, content path]',
    probe: true,
    reaches: 'body',
    run: (r, w) => rest(r, '/articles', { where: { or: [{ title: { equals: 'nothing' } }, bodyLike(w)] } }),
  },
  {
    denied: 400,
    name: 'REST where and [premium, content path]',
    probe: true,
    reaches: 'body',
    run: (r, w) => rest(r, '/articles', { where: { and: [{ premium: { equals: true } }, bodyLike(w)] } }),
  },
  {
    denied: 400,
    expectInsider: countIs(1),
    name: 'REST count where content path',
    probe: true,
    reaches: 'body',
    run: (r, w) => rest(r, '/articles/count', { where: bodyLike(w) }),
  },
  { denied: 400, name: 'REST sort by content', reaches: 'body', run: (r) => rest(r, '/articles', { sort: 'content' }) },
  {
    denied: 400,
    name: 'REST sort by -content.root',
    reaches: 'body',
    run: (r) => rest(r, '/articles', { sort: '-content.root' }),
  },
  {
    name: 'REST select { title }',
    reaches: 'body',
    run: (r) => rest(r, `/articles/${ids.premium}`, { select: { title: true } }),
  },
  {
    name: 'REST select { premium: false }',
    reaches: 'body',
    run: (r) => rest(r, '/articles', { select: { premium: false } }),
  },
  {
    name: 'REST select { locked: false, teaser: false, premium: false }',
    reaches: 'body',
    run: (r) => rest(r, `/articles/${ids.premium}`, { select: { locked: false, premium: false, teaser: false } }),
  },
  {
    name: 'REST findByID ?draft=true',
    reaches: 'draft',
    run: (r) => rest(r, `/articles/${ids.premium}`, { draft: 'true' }),
  },
  { name: 'REST find ?draft=true', reaches: 'draft', run: (r) => rest(r, '/articles', { draft: 'true' }) },
  {
    name: 'REST find ?draft=true where title like',
    probe: true,
    reaches: 'draft',
    run: (r, w) => rest(r, '/articles', { draft: 'true', where: { title: { like: w } } }),
  },
  {
    name: 'REST never-published article ?draft=true',
    reaches: 'draft',
    run: (r) => rest(r, `/articles/${ids.draftOnly}`, { draft: 'true' }),
  },
  { denied: 403, name: 'REST versions', reaches: 'draft', run: (r) => rest(r, '/articles/versions') },
  {
    denied: 403,
    name: 'REST version by id',
    reaches: 'draft',
    run: (r) => rest(r, `/articles/versions/${ids.premiumVersion}`),
  },
  {
    denied: 403,
    name: 'REST versions where version.content like',
    probe: true,
    reaches: 'draft',
    run: (r, w) => rest(r, '/articles/versions', { where: bodyLike(w, 'version.') }),
  },
  // REST: population and joins
  {
    name: 'REST comment → article (depth 1)',
    reaches: 'body',
    run: (r) => rest(r, `/comments/${ids.comment}`, { depth: 1 }),
  },
  {
    name: 'REST comments → article → videos (depth 3)',
    reaches: 'video',
    run: (r) => rest(r, '/comments', { depth: 3 }),
  },
  {
    name: 'REST comment → article, populate { premium: false }',
    reaches: 'body',
    run: (r) => rest(r, `/comments/${ids.comment}`, { depth: 1, populate: { articles: { premium: false } } }),
  },
  {
    denied: 400,
    name: 'REST comments where article.content like',
    probe: true,
    reaches: 'body',
    run: (r, w) => rest(r, '/comments', { depth: 1, where: bodyLike(w, 'article.') }),
  },
  // Sorting comments by a path through their article is the editors' alone (whatever the field).
  {
    audience: ['editor'],
    denied: 400,
    name: 'REST comments sort by article.content',
    reaches: 'body',
    run: (r) => rest(r, '/comments', { depth: 1, sort: 'article.content' }),
  },
  { name: 'REST video findByID', reaches: 'video', run: (r) => rest(r, `/videos/${ids.video}`) },
  {
    denied: 400,
    name: 'REST videos where url like',
    probe: true,
    reaches: 'video',
    run: (r, w) => rest(r, '/videos', { where: { url: { like: w } } }),
  },
  {
    denied: 400,
    name: 'REST videos where embedUrl like',
    probe: true,
    reaches: 'video',
    run: (r, w) => rest(r, '/videos', { where: { embedUrl: { like: w } } }),
  },
  {
    name: 'REST video → relatedArticles join (depth 1)',
    reaches: 'body',
    run: (r) => rest(r, `/videos/${ids.video}`, { depth: 1 }),
  },
  {
    denied: 400,
    name: 'REST video join where content like',
    probe: true,
    reaches: 'body',
    run: (r, w) => rest(r, `/videos/${ids.video}`, { depth: 1, joins: { relatedArticles: { where: bodyLike(w) } } }),
  },
  {
    denied: 400,
    name: 'REST articles where relatedVideos.url like',
    probe: true,
    reaches: 'video',
    run: (r, w) => rest(r, '/articles', { depth: 1, where: { 'relatedVideos.url': { like: w } } }),
  },
  {
    name: 'REST article → relatedVideos (depth 1)',
    reaches: 'video',
    run: (r) => rest(r, `/articles/${ids.premium}`, { depth: 1, select: { relatedVideos: true } }),
  },
  {
    name: 'REST article body → videoEmbed block (depth 2)',
    reaches: 'video',
    run: (r) => rest(r, `/articles/${ids.premium}`, { depth: 2, select: { content: true } }),
  },

  {
    name: 'REST create comment → article in the response (depth 1)',
    ok: 201,
    reaches: 'body',
    run: (r) => restCreateComment(r),
  },
  // REST: the plugin's own endpoints
  { name: 'REST print view (HTML)', reaches: 'body', run: (r) => rest(r, `/articles/${ids.premium}/print`) },
  { name: 'REST print view by slug', reaches: 'body', run: (r) => rest(r, '/articles/the-premium-story/print') },
  { name: 'REST PDF export', reaches: 'body', run: (r) => restPdf(r, `/articles/${ids.premium}/pdf`) },
  {
    // The email goes to a third party: it carries the teaser and a link for every sender, never the body.
    expectInsider: (seen) => {
      expect(seen.text).toContain('Everyone may read this introduction.')
      expect(seen.text).not.toContain(BODY)
    },
    name: 'REST email an article',
    ok: 202,
    reaches: 'body',
    run: (r) => restEmail(r, ids.premium),
  },

  // GraphQL
  {
    name: 'GraphQL list',
    reaches: 'body',
    run: (r) => graphql(r, '{ Articles { docs { title content teaser locked } } }'),
  },
  {
    name: 'GraphQL by id',
    reaches: 'body',
    run: (r) => graphql(r, 'query ($id: String!) { Article(id: $id) { content } }', { id: ids.premium }),
  },
  {
    denied: 400,
    name: 'GraphQL where content like',
    probe: true,
    reaches: 'body',
    run: (r, w) =>
      graphql(r, `query ($w: JSON) { Articles(where: ${GQL_CONTENT_LIKE_OR_SLUG}) { docs { id content } } }`, { w }),
  },
  {
    denied: 400,
    name: 'GraphQL where AND/OR content',
    probe: true,
    reaches: 'body',
    run: (r, w) =>
      graphql(
        r,
        'query ($w: JSON) { Articles(where: { AND: [{ premium: { equals: true } }, { OR: [{ title: { equals: "x" } }, { content: { like: $w } }, { slug: { equals: "the-premium-story" } }] }] }) { docs { id content } } }',
        { w },
      ),
  },
  {
    denied: 400,
    name: 'GraphQL count where content',
    probe: true,
    reaches: 'body',
    run: (r, w) =>
      graphql(
        r,
        `query ($w: JSON) { countArticles(where: ${GQL_CONTENT_LIKE_OR_SLUG}) { totalDocs } Articles(where: ${GQL_CONTENT_LIKE_OR_SLUG}) { docs { content } } }`,
        { w },
      ),
  },
  {
    denied: 400,
    name: 'GraphQL sort by content',
    reaches: 'body',
    run: (r) => graphql(r, '{ Articles(sort: "content") { docs { content } } }'),
  },
  {
    name: 'GraphQL by id, draft: true',
    reaches: 'draft',
    run: (r) =>
      graphql(r, 'query ($id: String!) { Article(id: $id, draft: true) { title content teaser } }', {
        id: ids.premium,
      }),
  },
  {
    name: 'GraphQL list, draft: true, where title like',
    probe: true,
    reaches: 'draft',
    run: (r, w) =>
      graphql(
        r,
        'query ($w: String) { Articles(draft: true, where: { title: { like: $w } }) { docs { title content teaser } } }',
        { w },
      ),
  },
  {
    denied: 403,
    name: 'GraphQL versionsArticles',
    reaches: 'draft',
    run: (r) => graphql(r, '{ versionsArticles { docs { version { title content } } } }'),
  },
  {
    denied: 403,
    name: 'GraphQL versionArticle',
    reaches: 'draft',
    run: (r) =>
      graphql(r, 'query ($id: String!) { versionArticle(id: $id) { version { title content } } }', {
        id: ids.premiumVersion,
      }),
  },
  {
    name: 'GraphQL comment → article',
    reaches: 'body',
    run: (r) =>
      graphql(r, 'query ($id: String!) { Comment(id: $id) { article { content teaser locked } } }', {
        id: ids.comment,
      }),
  },
  {
    name: 'GraphQL video',
    reaches: 'video',
    run: (r) =>
      graphql(r, 'query ($id: String!) { Video(id: $id) { url embedUrl providerId thumbnailUrl locked } }', {
        id: ids.video,
      }),
  },
  {
    denied: 400,
    name: 'GraphQL videos where url like',
    probe: true,
    reaches: 'video',
    run: (r, w) => graphql(r, 'query ($w: String) { Videos(where: { url: { like: $w } }) { docs { id url } } }', { w }),
  },
  {
    name: 'GraphQL video → relatedArticles join',
    reaches: 'body',
    run: (r) =>
      graphql(r, 'query ($id: String!) { Video(id: $id) { relatedArticles { docs { content } } } }', { id: ids.video }),
  },
  {
    denied: 400,
    name: 'GraphQL join where content like',
    probe: true,
    reaches: 'body',
    run: (r, w) =>
      graphql(
        r,
        `query ($id: String!, $w: JSON) { Video(id: $id) { relatedArticles(where: ${GQL_CONTENT_LIKE_OR_SLUG}) { docs { id content } } } }`,
        { id: ids.video, w },
      ),
  },
  {
    name: 'GraphQL article → relatedVideos',
    reaches: 'video',
    run: (r) =>
      graphql(
        r,
        'query ($id: String!) { Article(id: $id) { relatedVideos { url embedUrl providerId thumbnailUrl } } }',
        { id: ids.premium },
      ),
  },
  {
    name: 'GraphQL article body → videoEmbed (content depth 2)',
    reaches: 'video',
    run: (r) => graphql(r, 'query ($id: String!) { Article(id: $id) { content(depth: 2) } }', { id: ids.premium }),
  },

  // Local API with overrideAccess: false
  { name: 'Local find', reaches: 'body', run: (r) => local(() => payload.find({ collection: 'articles', ...as(r) })) },
  {
    name: 'Local findByID',
    reaches: 'body',
    run: (r) => local(() => payload.findByID({ collection: 'articles', id: ids.premium, ...as(r) })),
  },
  {
    denied: 400,
    name: 'Local find where content path like',
    probe: true,
    reaches: 'body',
    run: (r, w) => local(() => payload.find({ collection: 'articles', where: bodyLike(w), ...as(r) })),
  },
  {
    denied: 400,
    expectInsider: countIs(1),
    name: 'Local count where content path',
    probe: true,
    reaches: 'body',
    run: (r, w) => local(() => payload.count({ collection: 'articles', where: bodyLike(w), ...as(r) })),
  },
  {
    denied: 400,
    name: 'Local find sort by content',
    reaches: 'body',
    run: (r) => local(() => payload.find({ collection: 'articles', sort: 'content', ...as(r) })),
  },
  {
    name: 'Local find select { premium: false }',
    reaches: 'body',
    run: (r) => local(() => payload.find({ collection: 'articles', select: { premium: false } as never, ...as(r) })),
  },
  {
    name: 'Local findByID draft: true',
    reaches: 'draft',
    run: (r) => local(() => payload.findByID({ collection: 'articles', draft: true, id: ids.premium, ...as(r) })),
  },
  {
    denied: 403,
    name: 'Local findVersions',
    reaches: 'draft',
    run: (r) => local(() => payload.findVersions({ collection: 'articles', ...as(r) })),
  },
  {
    denied: 403,
    name: 'Local findDistinct content',
    reaches: 'body',
    run: (r) => local(() => payload.findDistinct({ collection: 'articles', field: 'content', ...as(r) } as never)),
  },
  {
    name: 'Local comments → article (depth 2)',
    reaches: 'body',
    run: (r) => local(() => payload.find({ collection: 'comments', depth: 2, ...as(r) })),
  },
  {
    name: 'Local video findByID',
    reaches: 'video',
    run: (r) => local(() => payload.findByID({ collection: 'videos', id: ids.video, ...as(r) })),
  },
  {
    name: 'Local video → relatedArticles join (depth 1)',
    reaches: 'body',
    run: (r) => local(() => payload.findByID({ collection: 'videos', depth: 1, id: ids.video, ...as(r) })),
  },
]

/* ---------- The matrix ---------- */

const inAudience = (secret: SecretName, role: RoleName) => SECRETS[secret].audience.includes(role)
const surfaceAudience = (surface: Surface) => surface.audience ?? SECRETS[surface.reaches].audience

/** What a role may never see, on any surface. */
const expectNoLeak = (role: RoleName, seen: Observation) => {
  for (const [name, secret] of Object.entries(SECRETS) as [SecretName, (typeof SECRETS)[SecretName]][]) {
    if (!inAudience(name, role))
      expect({ leaked: seen.text.includes(secret.word), secret: name }).toEqual({ leaked: false, secret: name })
  }
  expect(seen.status).toBeLessThan(500)
}

const checkOutsider = async (surface: Surface, role: Role) => {
  const secret = SECRETS[surface.reaches]
  const seen = await surface.run(role, secret.word)
  expectNoLeak(role.name, seen)
  if (surface.denied) expect(seen.status).toBe(surface.denied)
  if (surface.probe) {
    // The answer must not depend on whether the word is in the hidden text.
    const decoy = await surface.run(role, DECOY)
    expect(seen).toEqual(decoy)
  }
}

const checkInsider = async (surface: Surface, role: Role) => {
  const seen = await surface.run(role, SECRETS[surface.reaches].word)
  expect(seen.status).toBe(surface.ok ?? 200)
  if (surface.expectInsider) surface.expectInsider(seen)
  else expect(seen.text).toContain(SECRETS[surface.reaches].word)
  expectNoLeak(role.name, seen)
}

describe.each(SURFACES)('$name', (surface) => {
  it.each(ROLES)('%s', async (roleName) => {
    const role = roles[roleName]
    const audience = surfaceAudience(surface)
    if (audience.includes(roleName)) {
      await checkInsider(surface, role)
      await checkOutsider(surface, roles.anonymous)
    } else {
      await checkOutsider(surface, role)
      await checkInsider(surface, roles[audience.includes('active') ? 'active' : 'editor'])
    }
  })
})

it('covers at least 40 distinct surfaces, each for all 5 roles', () => {
  expect(SURFACES.length).toBeGreaterThanOrEqual(40)
  expect(new Set(SURFACES.map((s) => s.name)).size).toBe(SURFACES.length)
})
