/**
 * The paywall with billing-derived roles: every role's subscription as Stripe's webhooks leave it (trialing,
 * past_due inside and outside `graceDays`, cancelled at period end before and after the end, canceled, unpaid,
 * paused, incomplete) and an editor's complimentary grant, against the read surfaces of the paywall on REST,
 * GraphQL and the Local API with `overrideAccess: false` (lists, by id, population through a comment, print view,
 * a `where` probe on the body, a premium video's URL). A secret word sits after the paywall break; each case
 * asserts the role's side of the line, and a control (anonymous / an active subscriber) asserts the other side,
 * so a surface that answers nothing to anyone cannot pass.
 */
import type { Payload, TypedUser } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { block, lexical, paragraph } from './helpers/lexical.js'
import { READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import { SECRET_KEY, WEBHOOK_SECRET } from './helpers/stripeEvents.js'

const BODY = 'quetzal-billingbody-5531'
const VIDEO = 'Bq7XvTm2Lk9'
const DECOY = 'nonexistent-decoy-7777'
const DAY = 24 * 60 * 60 * 1000
const GRACE_DAYS = 3
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString()
const ahead = (days: number) => new Date(Date.now() + days * DAY).toISOString()

type RoleName =
  | 'active'
  | 'anonymous'
  | 'canceled'
  | 'cancelAtEndAfter'
  | 'cancelAtEndBefore'
  | 'complimentary'
  | 'incomplete'
  | 'pastDueInGrace'
  | 'pastDueOutOfGrace'
  | 'paused'
  | 'trialing'
  | 'trialOver'
  | 'unpaid'

/** Each role's subscription, and whether billing entitles it. */
const ROLE_SUBSCRIPTIONS: Record<
  Exclude<RoleName, 'anonymous'>,
  { entitled: boolean; sub: Record<string, unknown> }
> = {
  active: { entitled: true, sub: { currentPeriodEnd: ahead(20), currentPeriodStart: ago(10), status: 'active' } },
  canceled: { entitled: false, sub: { currentPeriodEnd: ahead(20), currentPeriodStart: ago(10), status: 'canceled' } },
  cancelAtEndAfter: {
    entitled: false,
    sub: { cancelAtPeriodEnd: true, currentPeriodEnd: ago(0.01), currentPeriodStart: ago(30), status: 'active' },
  },
  cancelAtEndBefore: {
    entitled: true,
    sub: { cancelAtPeriodEnd: true, currentPeriodEnd: ahead(0.5), currentPeriodStart: ago(29), status: 'active' },
  },
  complimentary: { entitled: true, sub: { complimentary: true, status: 'active' } },
  incomplete: {
    entitled: false,
    sub: { currentPeriodEnd: ahead(30), currentPeriodStart: ago(0), status: 'incomplete' },
  },
  pastDueInGrace: {
    entitled: true,
    sub: { currentPeriodEnd: ahead(29), currentPeriodStart: ago(1), status: 'past_due' },
  },
  pastDueOutOfGrace: {
    entitled: false,
    sub: { currentPeriodEnd: ahead(25), currentPeriodStart: ago(GRACE_DAYS + 2), status: 'past_due' },
  },
  paused: { entitled: false, sub: { currentPeriodEnd: ahead(20), currentPeriodStart: ago(10), status: 'paused' } },
  trialing: { entitled: true, sub: { currentPeriodEnd: ahead(5), status: 'trialing', trialEnd: ahead(5) } },
  trialOver: { entitled: false, sub: { currentPeriodEnd: ago(1), status: 'trialing', trialEnd: ago(1) } },
  unpaid: { entitled: false, sub: { currentPeriodEnd: ahead(20), currentPeriodStart: ago(10), status: 'unpaid' } },
}

type Role = { name: RoleName; token?: string; user: null | TypedUser }
type Observation = { status: number; text: string }

let app: NewsroomTestApp
let payload: Payload
const roles = {} as Record<RoleName, Role>
const ids = {} as { article: string; comment: string; video: string }

const gql = async (role: Role, query: string, variables: Record<string, unknown> = {}): Promise<Observation> => {
  const r = await app.graphql(query, variables, { token: role.token })
  return { status: r.errors?.length ? 400 : r.status, text: JSON.stringify(r.data ?? r.errors) }
}
const rest = async (role: Role, path: `/${string}`, query?: Record<string, unknown>): Promise<Observation> => {
  const r = await app.rest.get(path, { query, token: role.token })
  return { status: r.status, text: r.text }
}
const local = async (fn: () => Promise<unknown>): Promise<Observation> => {
  try {
    return { status: 200, text: JSON.stringify(await fn()) }
  } catch (error) {
    return { status: (error as { status?: number }).status ?? 500, text: String(error) }
  }
}

type Surface = { name: string; probe?: boolean; run: (role: Role, word: string) => Promise<Observation> }

const SURFACES: Surface[] = [
  { name: 'REST find', run: (r) => rest(r, '/articles', { where: { premium: { equals: true } } }) },
  { name: 'REST findByID', run: (r) => rest(r, `/articles/${ids.article}`) },
  { name: 'REST comment → article (depth 1)', run: (r) => rest(r, `/comments/${ids.comment}`, { depth: 1 }) },
  { name: 'REST premium video', run: (r) => rest(r, `/videos/${ids.video}`) },
  { name: 'REST print view', run: (r) => rest(r, `/articles/${ids.article}/print`) },
  {
    name: 'REST where on content (probe)',
    probe: true,
    run: (r, word) => rest(r, '/articles', { where: { 'content.root.children.children.text': { like: word } } }),
  },
  {
    name: 'GraphQL list',
    run: (r) => gql(r, '{ Articles(where: { premium: { equals: true } }) { docs { content } } }'),
  },
  {
    name: 'GraphQL by id',
    run: (r) => gql(r, 'query ($id: String!) { Article(id: $id) { content locked } }', { id: ids.article }),
  },
  {
    name: 'GraphQL comment → article',
    run: (r) => gql(r, 'query ($id: String!) { Comment(id: $id) { article { content } } }', { id: ids.comment }),
  },
  {
    name: 'GraphQL premium video',
    run: (r) => gql(r, 'query ($id: String!) { Video(id: $id) { url embedUrl } }', { id: ids.video }),
  },
  {
    name: 'Local find (overrideAccess: false)',
    run: (r) => local(() => payload.find({ collection: 'articles', overrideAccess: false, user: r.user ?? undefined })),
  },
  {
    name: 'Local findByID (overrideAccess: false)',
    run: (r) =>
      local(() =>
        payload.findByID({ collection: 'articles', id: ids.article, overrideAccess: false, user: r.user ?? undefined }),
      ),
  },
  {
    name: 'Local comment → article (overrideAccess: false)',
    run: (r) =>
      local(() =>
        payload.findByID({
          collection: 'comments',
          depth: 1,
          id: ids.comment,
          overrideAccess: false,
          user: r.user ?? undefined,
        }),
      ),
  },
]

const SECRET_OF = (surface: Surface) => (surface.name.includes('video') ? VIDEO : BODY)

beforeAll(async () => {
  app = await startNewsroomApp({
    billing: { graceDays: GRACE_DAYS, stripe: { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET } },
  })
  payload = app.payload
  const video = await payload.create({
    collection: 'videos',
    data: {
      _status: 'published',
      premium: true,
      title: 'Premium video',
      url: `https://www.youtube.com/watch?v=${VIDEO}`,
    } as never,
  })
  ids.video = String(video.id)
  const article = await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexical(
        paragraph('Everyone may read this introduction.'),
        block({ id: '665f00000000000000000011', blockName: '', blockType: 'paywallBreak' }),
        paragraph(`Subscribers read on: ${BODY}.`),
      ),
      premium: true,
      title: 'The billed story',
    } as never,
  })
  ids.article = String(article.id)
  const comment = await payload.create({
    collection: 'comments',
    data: {
      article: article.id,
      authorEmail: 'ann@readers.test',
      authorName: 'Ann',
      body: 'Fine.',
      status: 'approved',
    } as never,
  })
  if ((comment as any).status !== 'approved') {
    await payload.update({ collection: 'comments', data: { status: 'approved' } as never, id: comment.id })
  }
  ids.comment = String(comment.id)

  roles.anonymous = { name: 'anonymous', user: null }
  for (const [name, { sub }] of Object.entries(ROLE_SUBSCRIPTIONS)) {
    const email = `${name.toLowerCase()}@billing.test`
    const doc = await payload.create({
      collection: 'readers',
      data: {
        _verified: true,
        email,
        password: READER_PASSWORD,
        subscription: { plan: 'premium', stripeCustomerId: `cus_${name}`, tier: 'digital', ...sub },
      } as never,
    })
    roles[name as RoleName] = {
      name: name as RoleName,
      token: await app.rest.login('readers', email, READER_PASSWORD),
      user: { ...(doc as object), collection: 'readers' } as TypedUser,
    }
  }
}, 120_000)
afterAll(() => app?.shutdown())

const isEntitled = (name: RoleName) => name !== 'anonymous' && ROLE_SUBSCRIPTIONS[name].entitled

const assertSide = async (surface: Surface, role: Role) => {
  const secret = SECRET_OF(surface)
  if (surface.probe) {
    const hit = await surface.run(role, BODY.split('-')[1]!)
    const miss = await surface.run(role, DECOY)
    if (isEntitled(role.name)) {
      expect(hit.status).toBe(200)
      expect(hit.text).toContain('The billed story')
      expect(miss.text).not.toContain('The billed story')
    } else {
      // Refused the same way for the secret and the decoy: no oracle.
      expect(hit.status).toBe(400)
      expect(miss.status).toBe(hit.status)
    }
    return
  }
  const seen = await surface.run(role, secret)
  expect(seen.status).toBe(200)
  if (isEntitled(role.name)) expect(seen.text).toContain(secret)
  else expect(seen.text).not.toContain(secret)
}

const ROLE_NAMES = ['anonymous', ...Object.keys(ROLE_SUBSCRIPTIONS)] as RoleName[]

describe.each(SURFACES.map((s) => [s.name, s] as const))('%s', (_name, surface) => {
  it.each(ROLE_NAMES.map((n) => [n]))('%s', async (name) => {
    await assertSide(surface, roles[name])
    // The other side of the line, through the same surface.
    await assertSide(surface, isEntitled(name) ? roles.anonymous : roles.active)
  })
})
