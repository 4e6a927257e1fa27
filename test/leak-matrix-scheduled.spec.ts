/**
 * The leak matrix's "scheduled" state: embargoed documents (drafts with a scheduled publish, Payload's
 * `versions.drafts.schedulePublish` on the jobs queue) before and after their time.
 *
 * Two secrets, each a unique word:
 *  - EMBARGO — a never-published article scheduled for later (title, excerpt, body), and a scheduled video;
 *  - REVISION — a scheduled newer draft of an article that is already published.
 * Before their time the audience is editors only, on every surface (REST, GraphQL, Local `overrideAccess:
 * false`, drafts, versions, population and joins, print/PDF/email, the jobs queue). Every case checks both
 * sides of the line: editors get the word, the others do not. Then the queue runs the due jobs (the
 * queue's clock moved past the embargo, as a runner would see it after waiting) and the same surfaces give
 * the word to the public — except versions and the jobs, editors' alone for ever.
 */
import type { Payload, TypedUser } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { REST_GET } from '@payloadcms/next/routes'
import { randomUUID } from 'node:crypto'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { sentEmails } from './harness/captureEmailAdapter.js'
import { runWithPayloadInstance } from './harness/instanceRouting.js'
import { skipRetryPauses } from './helpers/clusterJobs.js'
import { lexical, paragraph } from './helpers/lexical.js'
import { EDITOR, READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import { flat, parsePdf } from './helpers/documents.js'

const EMBARGO = 'quarantine-embargoed-6619'
const REVISION = 'lighthouse-revision-3307'
const DECOY = 'nonexistent-decoy-0000'
const SECRETS = { embargo: EMBARGO, revision: REVISION } as const
type SecretName = keyof typeof SECRETS
type RoleName = 'active' | 'anonymous' | 'editor' | 'expired' | 'free'
const ROLES: RoleName[] = ['anonymous', 'free', 'expired', 'active', 'editor']
const DAY = 24 * 60 * 60 * 1000

type Role = { name: RoleName; token?: string; user: null | TypedUser }
type Observation = { status: number; text: string }
type Surface = {
  /** Status the public gets before the time (default: 200 with the word absent). */
  denied?: number
  /** Editors' alone even after the time (versions, the jobs queue). */
  editorsForever?: boolean
  name: string
  /** Status the audience gets (default 200). */
  ok?: number
  /** Puts the word into the query: the answer for the secret must equal the answer for a decoy. */
  probe?: boolean
  reaches: SecretName
  run: (role: Role, word: string) => Promise<Observation>
}

let app: NewsroomTestApp
let payload: Payload
const roles = {} as Record<RoleName, Role>
const ids = {} as { embargoed: string; publishedVideo: string; revised: string; scheduledVideo: string }
const EMBARGO_SLUG = `embargo-${randomUUID().slice(0, 8)}`

/** What the admin's Schedule drawer queues (@payloadcms/ui schedulePublishHandler): the editor's own job. */
const schedule = async (collection: string, id: string, at: Date) =>
  payload.jobs.queue({
    input: {
      type: 'publish',
      doc: { relationTo: collection, value: id },
      user: { relationTo: 'users', value: roles.editor.user!.id },
    },
    task: 'schedulePublish',
    waitUntil: at,
  } as never)

beforeAll(async () => {
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

  const publishedVideo = await payload.create({
    collection: 'videos',
    data: { _status: 'published', title: 'A public video', url: 'https://www.youtube.com/watch?v=aB3dE5gH7jK' },
  })
  ids.publishedVideo = String(publishedVideo.id)
  const scheduledVideo = await payload.create({
    collection: 'videos',
    data: { _status: 'draft', title: `Video ${EMBARGO}`, url: 'https://vimeo.com/76979871' },
    draft: true,
  })
  ids.scheduledVideo = String(scheduledVideo.id)

  const embargoed = await payload.create({
    collection: 'articles',
    data: {
      _status: 'draft',
      content: lexical(paragraph(`The story everyone waits for: ${EMBARGO}.`)),
      excerpt: `Excerpt ${EMBARGO}`,
      relatedVideos: [publishedVideo.id],
      slug: EMBARGO_SLUG,
      title: `Embargoed ${EMBARGO}`,
    },
    draft: true,
  })
  ids.embargoed = String(embargoed.id)

  const revised = await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(paragraph('The first version.')),
      relatedVideos: [scheduledVideo.id],
      title: 'Revised later',
    },
  })
  ids.revised = String(revised.id)
  await payload.update({
    collection: 'articles',
    data: { content: lexical(paragraph(`The correction: ${REVISION}.`)), title: `Revised ${REVISION}` },
    draft: true,
    id: revised.id,
  })

  const later = new Date(Date.now() + DAY)
  await schedule('articles', ids.embargoed, later)
  await schedule('articles', ids.revised, later)
  await schedule('videos', ids.scheduledVideo, later)
  // A runner before the time publishes nothing.
  await payload.jobs.run({ limit: 100 })
})
afterAll(() => app?.shutdown())

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
const restPdf = async (role: Role, path: `/${string}`): Promise<Observation> => {
  const request = new Request(`${app.rest.baseURL}${path}`, {
    headers: role.token ? { Authorization: `JWT ${role.token}` } : {},
  })
  const response = await runWithPayloadInstance(app.key, () =>
    REST_GET(app.config)(request, { params: Promise.resolve({ slug: path.slice(1).split('/') }) }),
  )
  const bytes = new Uint8Array(await response.arrayBuffer())
  const isPdf = response.headers.get('content-type') === 'application/pdf'
  return { status: response.status, text: isPdf ? flat((await parsePdf(bytes)).text) : new TextDecoder().decode(bytes) }
}
const restEmail = async (role: Role, ref: string): Promise<Observation> => {
  const to = `friend-${randomUUID()}@example.org`
  const res = await app.rest.post(`/articles/${ref}/email`, { body: { senderName: 'A friend', to }, token: role.token })
  // Only the email jobs: the scheduled publishes are not due (the queue runs what is due, nothing else).
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

const SURFACES: Surface[] = [
  { name: 'REST find', reaches: 'embargo', run: (r) => rest(r, '/articles', { depth: 0 }) },
  { name: 'REST findByID', reaches: 'embargo', run: (r) => rest(r, `/articles/${ids.embargoed}`) },
  {
    name: 'REST find by slug',
    reaches: 'embargo',
    run: (r) => rest(r, '/articles', { where: { slug: { equals: EMBARGO_SLUG } } }),
  },
  {
    name: 'REST find where title like',
    probe: true,
    reaches: 'embargo',
    run: (r, w) => rest(r, '/articles', { where: { title: { like: w } } }),
  },
  {
    name: 'REST count where excerpt like',
    probe: true,
    reaches: 'embargo',
    run: async (r, w) => {
      const seen = await rest(r, '/articles/count', { where: { excerpt: { like: w } } })
      // A count carries no word: it stands for the word when it counts the embargoed article.
      return { ...seen, text: JSON.parse(seen.text).totalDocs === 1 ? EMBARGO : seen.text }
    },
  },
  { name: 'REST find ?draft=true', reaches: 'embargo', run: (r) => rest(r, '/articles', { draft: 'true' }) },
  {
    name: 'REST revised findByID ?draft=true',
    reaches: 'revision',
    run: (r) => rest(r, `/articles/${ids.revised}`, { draft: 'true' }),
  },
  {
    denied: 403,
    editorsForever: true,
    name: 'REST versions',
    reaches: 'revision',
    run: (r) => rest(r, '/articles/versions', { where: { parent: { equals: ids.revised } } }),
  },
  { name: 'REST video findByID', reaches: 'embargo', run: (r) => rest(r, `/videos/${ids.scheduledVideo}`) },
  { name: 'REST videos list', reaches: 'embargo', run: (r) => rest(r, '/videos', { depth: 0 }) },
  {
    name: 'REST video → relatedArticles join',
    reaches: 'embargo',
    run: (r) => rest(r, `/videos/${ids.publishedVideo}`, { depth: 1 }),
  },
  {
    name: 'REST revised article → relatedVideos (depth 1)',
    reaches: 'embargo',
    run: (r) => rest(r, `/articles/${ids.revised}`, { depth: 1 }),
  },
  { name: 'REST print view', reaches: 'embargo', run: (r) => rest(r, `/articles/${ids.embargoed}/print`) },
  { name: 'REST print view by slug', reaches: 'embargo', run: (r) => rest(r, `/articles/${EMBARGO_SLUG}/print`) },
  { name: 'REST PDF export', reaches: 'embargo', run: (r) => restPdf(r, `/articles/${ids.embargoed}/pdf`) },
  { name: 'REST email an article', ok: 202, reaches: 'embargo', run: (r) => restEmail(r, ids.embargoed) },
  {
    name: 'GraphQL list',
    reaches: 'embargo',
    run: (r) => graphql(r, '{ Articles(limit: 100) { docs { title excerpt content } } }'),
  },
  {
    name: 'GraphQL by id',
    reaches: 'embargo',
    run: (r) => graphql(r, 'query($id: String!) { Article(id: $id) { title content } }', { id: ids.embargoed }),
  },
  {
    name: 'GraphQL where title like',
    probe: true,
    reaches: 'embargo',
    run: (r, w) =>
      graphql(r, 'query($w: String!) { Articles(where: { title: { like: $w } }) { totalDocs docs { title } } }', {
        w,
      }),
  },
  {
    name: 'GraphQL by id, draft: true',
    reaches: 'revision',
    run: (r) => graphql(r, 'query($id: String!) { Article(id: $id, draft: true) { title } }', { id: ids.revised }),
  },
  {
    denied: 403,
    editorsForever: true,
    name: 'GraphQL versionsArticles',
    reaches: 'revision',
    run: (r) =>
      graphql(
        r,
        'query($id: JSON) { versionsArticles(where: { parent: { equals: $id } }) { docs { version { title } } } }',
        {
          id: ids.revised,
        },
      ),
  },
  {
    name: 'GraphQL video → relatedArticles join',
    reaches: 'embargo',
    run: (r) =>
      graphql(r, 'query($id: String!) { Video(id: $id) { relatedArticles { docs { title } } } }', {
        id: ids.publishedVideo,
      }),
  },
  {
    name: 'GraphQL videos list',
    reaches: 'embargo',
    run: (r) => graphql(r, '{ Videos(limit: 100) { docs { title } } }'),
  },
  {
    name: 'Local find',
    reaches: 'embargo',
    run: (r) => local(() => payload.find({ collection: 'articles', ...as(r) })),
  },
  {
    name: 'Local findByID',
    reaches: 'embargo',
    run: (r) => local(() => payload.findByID({ collection: 'articles', id: ids.embargoed, ...as(r) })),
  },
  {
    name: 'Local find draft: true',
    reaches: 'revision',
    run: (r) => local(() => payload.find({ collection: 'articles', draft: true, ...as(r) })),
  },
  {
    denied: 403,
    editorsForever: true,
    name: 'Local findVersions',
    reaches: 'revision',
    run: (r) =>
      local(() =>
        payload.findVersions({ collection: 'articles', where: { parent: { equals: ids.revised } }, ...as(r) }),
      ),
  },
  {
    name: 'Local video → relatedArticles join (depth 1)',
    reaches: 'embargo',
    run: (r) => local(() => payload.findByID({ collection: 'videos', depth: 1, id: ids.publishedVideo, ...as(r) })),
  },
]

const expectNoSecret = (seen: Observation) => {
  for (const [name, word] of Object.entries(SECRETS))
    expect({ leaked: seen.text.includes(word), secret: name }).toEqual({ leaked: false, secret: name })
  expect(seen.status).toBeLessThan(500)
}
const checkOutsider = async (surface: Surface, role: Role) => {
  const seen = await surface.run(role, SECRETS[surface.reaches])
  expectNoSecret(seen)
  if (surface.denied) expect(seen.status).toBe(surface.denied)
  if (surface.probe) expect(seen).toEqual(await surface.run(role, DECOY))
}
const checkInsider = async (surface: Surface, role: Role) => {
  const seen = await surface.run(role, SECRETS[surface.reaches])
  expect(seen.status).toBe(surface.ok ?? 200)
  expect(seen.text).toContain(SECRETS[surface.reaches])
}

describe('before its time: editors only', () => {
  describe.each(SURFACES)('$name', (surface) => {
    it.each(ROLES)('%s', async (roleName) => {
      if (roleName === 'editor') {
        await checkInsider(surface, roles.editor)
        await checkOutsider(surface, roles.anonymous)
      } else {
        await checkOutsider(surface, roles[roleName])
        await checkInsider(surface, roles.editor)
      }
    })
  })
})

it('the schedule itself (payload-jobs) is closed to the API for every role; the admin reads it server-side', async () => {
  const jobs = await payload.db.find({ collection: 'payload-jobs', where: { taskSlug: { equals: 'schedulePublish' } } })
  expect(jobs.totalDocs).toBe(3)
  for (const role of ROLES) {
    const seen = await rest(roles[role], '/payload-jobs', { where: { taskSlug: { equals: 'schedulePublish' } } })
    expect(seen.status).toBe(403)
    expectNoSecret(seen)
    expect(seen.text).not.toContain(ids.embargoed)
  }
})

describe('at its time: the queue publishes it once, and it is everyone’s', () => {
  beforeAll(async () => {
    const before = await payload.count({ collection: 'articles', where: { _status: { equals: 'published' } } })
    expect(before.totalDocs).toBe(1)
    await skipRetryPauses(payload)
    await payload.jobs.run({ limit: 100 })
    // A second runner afterwards (or the same job handed out twice) publishes nothing more.
    await payload.jobs.run({ limit: 100 })
  })

  it('published both articles and the video, each with exactly one new version, and appears in the list', async () => {
    const list = await app.rest.get('/articles', { query: { depth: 0, sort: '-publishedAt' } })
    expect(list.json.docs.map((doc: { id: string }) => doc.id).sort()).toEqual([ids.embargoed, ids.revised].sort())
    for (const [collection, id] of [
      ['articles', ids.embargoed],
      ['articles', ids.revised],
      ['videos', ids.scheduledVideo],
    ] as const) {
      const versions = await payload.findVersions({ collection, where: { parent: { equals: id } } })
      const published = versions.docs.filter((v) => (v.version as { _status?: string })._status === 'published')
      // The revised article was published once before the schedule, by its creation.
      expect(published).toHaveLength(id === ids.revised ? 2 : 1)
    }
    // Completed jobs are deleted (Payload's default); none is left open or failed.
    const jobs = await payload.db.find({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: 'schedulePublish' } },
    })
    expect(jobs.docs).toEqual([])
    // Each job was claimed and marked done once (src/jobs/publishOnce.ts).
    const claims = await payload.db.find({
      collection: 'newsroom-deliveries',
      where: { task: { equals: 'schedulePublish' } },
    })
    expect(claims.docs.map((claim) => (claim as { state?: string }).state)).toEqual(['sent', 'sent', 'sent'])
  })

  describe.each(SURFACES.filter((s) => !s.editorsForever))('$name', (surface) => {
    it('anonymous now gets it', async () => {
      await checkInsider(surface, roles.anonymous)
    })
  })
})
