/**
 * Smoke test of the test harness itself: a real Payload instance on a real
 * MongoDB-compatible server, reached through the Local API, the real Next REST
 * handlers and the real GraphQL handler. Every embedded-server workaround in
 * test/harness has at least one assertion here that fails without it.
 */
import type { CollectionConfig, Payload, TaskConfig } from 'payload'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import type { InitializedPayload } from './harness/initPayload.js'

import { clearSentEmails, sentEmails, waitForEmail } from './harness/captureEmailAdapter.js'
import { isEmbeddedMongo } from './harness/dbAdapter.js'
import { initPayload } from './harness/initPayload.js'

const ADMIN = { email: 'editor@newsroom.test', password: 'correct-horse-battery' }

/** Number of attempts made by the `flakyStamp` task, per post id. */
const flakyAttempts = new Map<string, number>()

const Users: CollectionConfig = {
  slug: 'users',
  auth: true,
  fields: [{ name: 'name', type: 'text' }],
}

const Categories: CollectionConfig = {
  slug: 'categories',
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'code', type: 'text', unique: true },
    { name: 'posts', type: 'join', collection: 'posts', on: 'category' },
  ],
}

const Posts: CollectionConfig = {
  slug: 'posts',
  access: {
    create: ({ req }) => Boolean(req.user),
    delete: ({ req }) => Boolean(req.user),
    read: () => true,
    update: ({ req }) => Boolean(req.user),
  },
  fields: [
    { name: 'title', type: 'text', required: true },
    { name: 'category', type: 'relationship', relationTo: 'categories' },
    { name: 'stamp', type: 'text' },
  ],
}

const stampTask: TaskConfig = {
  slug: 'stampPost',
  inputSchema: [
    { name: 'postID', type: 'text', required: true },
    { name: 'stamp', type: 'text', required: true },
  ],
  outputSchema: [{ name: 'stampedTitle', type: 'text' }],
  handler: async ({ input, req }) => {
    const { postID, stamp } = input as { postID: string; stamp: string }
    const post = await req.payload.update({ collection: 'posts', data: { stamp }, id: postID, req })
    return { output: { stampedTitle: String(post.title) } }
  },
}

/** Fails on its first attempt, succeeds on the second → its job log must keep both entries. */
const flakyStampTask: TaskConfig = {
  slug: 'flakyStamp',
  inputSchema: [{ name: 'postID', type: 'text', required: true }],
  retries: 1,
  handler: async ({ input, req }) => {
    const { postID } = input as { postID: string }
    const attempt = (flakyAttempts.get(postID) ?? 0) + 1
    flakyAttempts.set(postID, attempt)
    if (attempt === 1) throw new Error('flaky: first attempt fails on purpose')
    await req.payload.update({ collection: 'posts', data: { stamp: `flaky-${attempt}` }, id: postID, req })
    return { output: {} }
  },
}

let ctx: InitializedPayload
let payload: Payload
let token: string

async function jobByID(id: number | string): Promise<Record<string, any>> {
  return (await payload.findByID({ collection: 'payload-jobs', id, depth: 0 })) as Record<string, any>
}

beforeAll(async () => {
  ctx = await initPayload({
    collections: [Users, Categories, Posts],
    jobs: { deleteJobOnComplete: false, tasks: [stampTask, flakyStampTask] },
  })
  payload = ctx.payload
  await payload.create({ collection: 'users', data: { ...ADMIN, name: 'Editor' } })
  token = await ctx.rest.login('users', ADMIN.email, ADMIN.password)
})

afterAll(async () => {
  await ctx?.shutdown()
})

describe('harness: environment', () => {
  it('runs on a fresh, per-file database', async () => {
    expect(ctx.database?.dbName).toMatch(/^newsroom_test_/)
    expect(ctx.database?.embedded).toBe(isEmbeddedMongo())
    // Only what this file created is there (nothing leaked in from other files).
    const users = await payload.find({ collection: 'users', depth: 0 })
    expect(users.docs.map((u) => u.email)).toEqual([ADMIN.email])
  })

  it('builds unique indexes (mongoose autoCreate workaround)', async () => {
    // Payload itself does not check `unique: true` on plain fields: only the DB index does.
    await payload.create({ collection: 'categories', data: { code: 'uniq', name: 'First' } })
    await expect(payload.create({ collection: 'categories', data: { code: 'uniq', name: 'Second' } })).rejects.toThrow(
      /code/,
    )
    expect(await payload.count({ collection: 'categories', where: { code: { equals: 'uniq' } } })).toEqual({
      totalDocs: 1,
    })
  })
})

describe('harness: Local API, REST, GraphQL', () => {
  it('creates and reads through the Local API', async () => {
    const created = await payload.create({ collection: 'posts', data: { title: 'Local' } })
    const found = await payload.findByID({ collection: 'posts', id: created.id })
    expect(found.title).toBe('Local')
  })

  it('creates and reads through REST, with qs-encoded where', async () => {
    const created = await ctx.rest.post('/posts', { body: { title: 'Via REST' }, token })
    expect(created.status).toBe(201)
    expect(created.json.doc.title).toBe('Via REST')

    const byID = await ctx.rest.get(`/posts/${created.json.doc.id}`)
    expect(byID.status).toBe(200)
    expect(byID.json.title).toBe('Via REST')

    const list = await ctx.rest.get('/posts', {
      query: { depth: 0, where: { title: { equals: 'Via REST' } } },
    })
    expect(list.status).toBe(200)
    expect(list.json.docs.map((d: { id: string }) => d.id)).toEqual([created.json.doc.id])
  })

  it('returns 400 with field errors for a missing required field', async () => {
    const res = await ctx.rest.post('/posts', { body: { stamp: 'no title' }, token })
    expect(res.status).toBe(400)
    const fieldErrors = res.json.errors.flatMap((e: { data?: { errors?: { path: string }[] } }) => e.data?.errors ?? [])
    expect(fieldErrors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'title' })]))
  })

  it('authenticates with the JWT from login', async () => {
    const anonymous = await ctx.rest.post('/posts', { body: { title: 'anon' } })
    expect(anonymous.status).toBe(403)

    const me = await ctx.rest.get('/users/me', { token })
    expect(me.status).toBe(200)
    expect(me.json.user.email).toBe(ADMIN.email)

    const anonymousMe = await ctx.rest.get('/users/me')
    expect(anonymousMe.json.user).toBeNull()

    await expect(ctx.rest.login('users', ADMIN.email, 'wrong-password')).rejects.toThrow(/401/)
  })

  it('creates and queries through GraphQL', async () => {
    const created = await ctx.graphql<{ createPost: { id: string; title: string } }>(
      'mutation ($title: String!) { createPost(data: { title: $title }) { id title } }',
      { title: 'Via GraphQL' },
      { token },
    )
    expect(created.errors).toBeUndefined()
    expect(created.data?.createPost.title).toBe('Via GraphQL')

    const queried = await ctx.graphql<{ Post: { title: string } }>('query ($id: String!) { Post(id: $id) { title } }', {
      id: created.data?.createPost.id,
    })
    expect(queried.status).toBe(200)
    expect(queried.data?.Post.title).toBe('Via GraphQL')

    const forbidden = await ctx.graphql('mutation { createPost(data: { title: "anon" }) { id } }')
    expect(forbidden.errors?.[0]?.extensions?.statusCode).toBe(403)
  })

  it('deletes through REST (findOneAndDelete patch)', async () => {
    const { doc } = (await ctx.rest.post('/posts', { body: { title: 'To delete' }, token })).json
    const deleted = await ctx.rest.delete(`/posts/${doc.id}`, { token })
    expect(deleted.status).toBe(200)
    expect(deleted.json.doc.id).toBe(doc.id)
    expect((await ctx.rest.get(`/posts/${doc.id}`)).status).toBe(404)
  })

  it('persists 50 concurrent REST creates', async () => {
    const titles = Array.from({ length: 50 }, (_, i) => `concurrent-${i}`)
    const responses = await Promise.all(titles.map((title) => ctx.rest.post('/posts', { body: { title }, token })))
    expect(responses.map((r) => r.status)).toEqual(titles.map(() => 201))

    const stored = await payload.find({
      collection: 'posts',
      depth: 0,
      limit: 0,
      pagination: false,
      where: { title: { like: 'concurrent-' } },
    })
    expect(stored.docs.map((d) => d.title).sort()).toEqual([...titles].sort())
  })
})

describe('harness: join fields', () => {
  it('returns the joined docs (useJoinAggregations: false)', async () => {
    const category = await payload.create({ collection: 'categories', data: { name: 'Politics' } })
    const a = await payload.create({ collection: 'posts', data: { category: category.id, title: 'Joined A' } })
    const b = await payload.create({ collection: 'posts', data: { category: category.id, title: 'Joined B' } })

    const local = await payload.findByID({ collection: 'categories', depth: 0, id: category.id })
    const localIDs = (local.posts as { docs: unknown[] }).docs
    expect([...localIDs].sort()).toEqual([a.id, b.id].sort())

    const rest = await ctx.rest.get(`/categories/${category.id}`, { query: { depth: 1 }, token })
    expect(rest.status).toBe(200)
    expect(rest.json.posts.docs.map((d: { title: string }) => d.title).sort()).toEqual(['Joined A', 'Joined B'])
  })
})

describe('harness: jobs queue', () => {
  it('runs a queued task and records its log', async () => {
    const post = await payload.create({ collection: 'posts', data: { title: 'Queued' } })
    const job = await payload.jobs.queue({ input: { postID: post.id, stamp: 'done' }, task: 'stampPost' })
    await payload.jobs.run({ silent: true })

    const updated = await payload.findByID({ collection: 'posts', id: post.id })
    expect(updated.stamp).toBe('done')

    const finished = await jobByID(job.id)
    expect(finished.completedAt).toBeTruthy()
    expect(finished.hasError).toBe(false)
    expect(finished.log).toHaveLength(1)
    expect(finished.log[0]).toMatchObject({
      output: { stampedTitle: 'Queued' },
      state: 'succeeded',
      taskSlug: 'stampPost',
    })
  })

  it('keeps earlier log entries when a retried task appends to the log', async () => {
    const post = await payload.create({ collection: 'posts', data: { title: 'Flaky' } })
    const job = await payload.jobs.queue({ input: { postID: post.id }, task: 'flakyStamp' })

    await payload.jobs.run({ silent: true })
    const afterFailure = await jobByID(job.id)
    expect(afterFailure.log.map((l: { state: string }) => l.state)).toEqual(['failed'])
    expect(afterFailure.completedAt).toBeFalsy()

    await payload.jobs.run({ silent: true })
    const afterRetry = await jobByID(job.id)
    expect(afterRetry.log.map((l: { state: string }) => l.state)).toEqual(['failed', 'succeeded'])
    expect(afterRetry.completedAt).toBeTruthy()
    expect((await payload.findByID({ collection: 'posts', id: post.id })).stamp).toBe('flaky-2')
  })
})

describe('harness: email capture', () => {
  beforeEach(() => clearSentEmails())

  it('records mail sent by Payload (forgot-password via REST)', async () => {
    const res = await ctx.rest.post('/users/forgot-password', { body: { email: ADMIN.email } })
    expect(res.status).toBe(200)
    const mail = await waitForEmail((m) => m.to.includes(ADMIN.email))
    expect(mail.subject).toMatch(/reset/i)
    expect(mail.html).toMatch(/reset/i)
    expect(sentEmails).toHaveLength(1)
  })
})
