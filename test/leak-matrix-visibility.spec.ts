/**
 * The access-model leak matrix (issue #16): visibility (public, members, paid, tiers) × requester (anonymous,
 * member, expired subscriber, each tier — `digital`, `all-access` —, editor) × unlock route × every surface.
 *
 * Each article carries a sentinel word after its paywall break. Unlock routes:
 *  - none: the requester's credentials only;
 *  - meter: the requester unlocked every article with the meter (anonymous: by its cookie);
 *  - gift: the request carries a gift token for the article under test (as the `X-Newsroom-Gift` header);
 *  - subscription: credentials plus a meter unlock and a gift token of ANOTHER article (they must not carry over).
 * The expected side of every cell comes from the rules written out here (not from the plugin's decision
 * function). Every cell checks its own side against the sentinels of all four articles, and the other side
 * of the line on the same surface (an editor when the cell is locked, the anonymous public when it is open).
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

const VISIBILITIES = ['public', 'members', 'paid', 'tiers'] as const
type Vis = (typeof VISIBILITIES)[number]
const KINDS = ['anonymous', 'member', 'expired', 'digital', 'allAccess', 'editor'] as const
type Kind = (typeof KINDS)[number]
const ROUTES = ['none', 'meter', 'gift', 'subscription'] as const
type Route = (typeof ROUTES)[number]

const SENTINEL: Record<Vis, string> = {
  members: 'quokka-membersbody-2291',
  paid: 'narwhal-paidbody-6673',
  public: 'axolotl-publicbody-1184',
  tiers: 'pangolin-tiersbody-9035',
}
const TEASER = 'Everyone reads this opening.'
const DAY = 24 * 60 * 60 * 1000

/* ---------- The rules, written out ---------- */

const standingOpens = (vis: Vis, kind: Kind): boolean => {
  if (vis === 'public' || kind === 'editor') return true
  if (vis === 'members') return kind !== 'anonymous'
  if (vis === 'paid') return kind === 'digital' || kind === 'allAccess'
  return kind === 'allAccess' // tiers: ['all-access']
}
const expectedOpen = (vis: Vis, kind: Kind, route: Route, isTarget: boolean): boolean =>
  standingOpens(vis, kind) || route === 'meter' || (route === 'gift' && isTarget)
const expectedUnlockedBy = (vis: Vis, kind: Kind, route: Route): null | string => {
  if (vis === 'public') return null
  if (kind === 'editor') return 'editor'
  if (standingOpens(vis, kind)) return 'subscription'
  if (route === 'gift') return 'gift'
  if (route === 'meter') return 'meter'
  return null
}

/* ---------- The app, its requesters and documents ---------- */

type Requester = { cookie?: string; token?: string; user?: TypedUser }
let app: NewsroomTestApp
let payload: Payload
const ids = {} as Record<Vis, string> & { extra: string; video: string }
const comments = {} as Record<Vis, string>
const gifts = {} as Record<Vis | 'extra', string>
const requesters = {} as Record<`${Kind}:${Route}`, Requester>

const SUBSCRIPTIONS: Record<Exclude<Kind, 'anonymous' | 'editor'>, Record<string, unknown>> = {
  allAccess: {
    currentPeriodEnd: new Date(Date.now() + 30 * DAY).toISOString(),
    plan: 'premium',
    status: 'active',
    tier: 'all-access',
  },
  digital: {
    currentPeriodEnd: new Date(Date.now() + 30 * DAY).toISOString(),
    plan: 'premium',
    status: 'active',
    tier: 'digital',
  },
  expired: {
    currentPeriodEnd: new Date(Date.now() - DAY).toISOString(),
    plan: 'premium',
    status: 'active',
    tier: 'all-access',
  },
  member: { plan: 'free', status: 'active' },
}

const newReader = async (subscription: Record<string, unknown>): Promise<Requester> => {
  const email = `m-${randomUUID().slice(0, 8)}@readers.test`
  const user = await payload.create({
    collection: 'readers',
    data: { _verified: true, email, password: READER_PASSWORD, subscription },
  })
  const token = await app.rest.login('readers', email, READER_PASSWORD)
  return { token, user: { ...user, collection: 'readers' } as unknown as TypedUser }
}

const meterUnlock = async (who: Requester, id: string): Promise<Requester> => {
  const res = await app.rest.post(`/articles/${id}/unlock`, {
    headers: who.cookie ? { cookie: who.cookie } : {},
    query: { depth: 0 },
    token: who.token,
  })
  if (res.status !== 200) throw new Error(`unlock ${res.status}: ${res.text}`)
  const set = res.headers.get('set-cookie')
  return set ? { ...who, cookie: set.split(';')[0] } : who
}

beforeAll(async () => {
  app = await startNewsroomApp({
    comments: { floodSeconds: 0 },
    premium: {
      gifts: { giftsPerMonth: 100, maxOpens: 10_000 },
      meter: { audience: 'everyone', free: 10, periodDays: 30 },
    },
    print: { emailsPerHour: 100_000 },
  })
  payload = app.payload
  const video = await payload.create({
    collection: 'videos',
    data: { _status: 'published', title: 'Related video', url: 'https://www.youtube.com/watch?v=Xx1Yy2Zz3Ww' },
  })
  ids.video = String(video.id)
  const content = (word: string, n: number) =>
    lexical(
      paragraph(TEASER),
      block({ id: `665f0000000000000000cc0${n}`, blockName: '', blockType: 'paywallBreak' }),
      paragraph(`The rest: ${word}.`),
    )
  for (const [n, vis] of VISIBILITIES.entries()) {
    const doc = await payload.create({
      collection: 'articles',
      data: {
        _status: 'published',
        content: content(SENTINEL[vis], n),
        relatedVideos: [video.id],
        tiers: vis === 'tiers' ? ['all-access'] : [],
        title: `Visibility ${vis}`,
        visibility: vis,
      },
    })
    ids[vis] = String(doc.id)
    const comment = await payload.create({
      collection: 'comments',
      data: { article: doc.id, authorEmail: 'c@readers.test', authorName: 'C', body: `On ${vis}`, status: 'approved' },
    })
    if (comment.status !== 'approved')
      await payload.update({ collection: 'comments', id: comment.id, data: { status: 'approved' } })
    comments[vis] = String(comment.id)
  }
  const extra = await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: content('extra-decoy-0001', 9),
      title: 'Another paid story',
      visibility: 'paid',
    },
  })
  ids.extra = String(extra.id)

  const giver = await newReader(SUBSCRIPTIONS.allAccess)
  for (const key of [...VISIBILITIES, 'extra'] as const) {
    const res = await app.rest.post(`/articles/${ids[key]}/gift`, { token: giver.token })
    if (res.status !== 201) throw new Error(`gift ${res.status}: ${res.text}`)
    gifts[key] = res.json.token
  }

  const editorUser = (await payload.find({ collection: 'users', where: { email: { equals: EDITOR.email } } })).docs[0]
  const editor: Requester = {
    token: app.editorToken,
    user: { ...editorUser, collection: 'users' } as unknown as TypedUser,
  }
  for (const kind of KINDS) {
    for (const route of ROUTES) {
      let who: Requester = kind === 'anonymous' ? {} : kind === 'editor' ? editor : await newReader(SUBSCRIPTIONS[kind])
      if (route === 'meter') for (const vis of VISIBILITIES) who = await meterUnlock(who, ids[vis])
      if (route === 'subscription') who = await meterUnlock(who, ids.extra)
      requesters[`${kind}:${route}`] = who
    }
  }
}, 300_000)
afterAll(() => app?.shutdown())

/* ---------- Surfaces ---------- */

type Call = { headers: Record<string, string>; who: Requester }
type Surface = {
  name: string
  /** Which articles the answer may show (the target alone, or all four for lists). */
  reach: 'all' | 'target'
  /** The answer's text; `unlockedBy` when the surface shows it. */
  run: (call: Call, vis: Vis) => Promise<{ status: number; text: string; unlockedBy?: unknown }>
  /** Email goes to a third party: the body never, whoever sends it. */
  neverBody?: boolean
}

const headersOf = (route: Route, who: Requester, vis: Vis): Record<string, string> => {
  const headers: Record<string, string> = {}
  if (who.cookie) headers.cookie = who.cookie
  if (route === 'gift') headers['x-newsroom-gift'] = gifts[vis]
  if (route === 'subscription') headers['x-newsroom-gift'] = gifts.extra
  return headers
}

const restGet = async (call: Call, path: `/${string}`, query?: Record<string, unknown>) => {
  const res = await app.rest.get(path, { headers: call.headers, query, token: call.who.token })
  return { json: res.json, status: res.status, text: res.text }
}

const SURFACES: Surface[] = [
  {
    name: 'REST findByID',
    reach: 'target',
    run: async (call, vis) => {
      const r = await restGet(call, `/articles/${ids[vis]}`)
      return { ...r, unlockedBy: r.json?.unlockedBy }
    },
  },
  {
    name: 'REST list',
    reach: 'all',
    run: (call) => restGet(call, '/articles', { where: { id: { in: VISIBILITIES.map((v) => ids[v]) } } }),
  },
  {
    name: 'GraphQL by id',
    reach: 'target',
    run: async (call, vis) => {
      const res = await app.graphql(
        'query ($id: String!) { Article(id: $id) { content teaser locked unlockedBy visibility premium } }',
        { id: ids[vis] },
        { headers: call.headers, token: call.who.token },
      )
      return {
        status: res.status,
        text: JSON.stringify(res.data ?? res.errors),
        unlockedBy: res.data?.Article?.unlockedBy,
      }
    },
  },
  {
    name: 'Local findByID (overrideAccess: false)',
    reach: 'target',
    run: async (call, vis) => {
      const doc = await payload.findByID({
        collection: 'articles',
        id: ids[vis],
        overrideAccess: false,
        req: { headers: new Headers(call.headers) },
        user: call.who.user,
      })
      return { status: 200, text: JSON.stringify(doc), unlockedBy: (doc as { unlockedBy?: unknown }).unlockedBy }
    },
  },
  {
    name: 'population: comment → article (depth 1)',
    reach: 'target',
    run: (call, vis) => restGet(call, `/comments/${comments[vis]}`, { depth: 1 }),
  },
  {
    name: 'join: video → relatedArticles',
    reach: 'all',
    run: (call) => restGet(call, `/videos/${ids.video}`, { depth: 1 }),
  },
  { name: 'print view', reach: 'target', run: (call, vis) => restGet(call, `/articles/${ids[vis]}/print`) },
  {
    name: 'PDF',
    reach: 'target',
    run: async (call, vis) => {
      const headers = new Headers(call.headers)
      if (call.who.token) headers.set('Authorization', `JWT ${call.who.token}`)
      const path = `/articles/${ids[vis]}/pdf`
      const request = new Request(`${app.rest.baseURL}${path}`, { headers })
      const response = await runWithPayloadInstance(app.key, () =>
        REST_GET(app.config)(request, { params: Promise.resolve({ slug: path.slice(1).split('/') }) }),
      )
      const bytes = new Uint8Array(await response.arrayBuffer())
      const isPdf = response.headers.get('content-type') === 'application/pdf'
      return {
        status: response.status,
        text: isPdf ? flat((await parsePdf(bytes)).text) : new TextDecoder().decode(bytes),
      }
    },
  },
  {
    name: 'email',
    neverBody: true,
    reach: 'target',
    run: async (call, vis) => {
      const to = `friend-${randomUUID()}@example.org`
      const res = await app.rest.post(`/articles/${ids[vis]}/email`, {
        body: { senderName: 'A friend', to },
        headers: call.headers,
        token: call.who.token,
      })
      await payload.jobs.run({ limit: 100 })
      return { status: res.status, text: `${res.text}\n${JSON.stringify(sentEmails.filter((e) => e.to.includes(to)))}` }
    },
  },
]

/* ---------- The matrix ---------- */

const callFor = (kind: Kind, route: Route, vis: Vis): Call => {
  const who = requesters[`${kind}:${route}`]
  return { headers: headersOf(route, who, vis), who }
}

const checkSide = async (surface: Surface, kind: Kind, route: Route, vis: Vis) => {
  const seen = await surface.run(callFor(kind, route, vis), vis)
  expect(seen.status).toBeLessThan(300)
  for (const other of VISIBILITIES) {
    const inReach = surface.reach === 'all' || other === vis
    const open = !surface.neverBody && inReach && expectedOpen(other, kind, route, other === vis)
    expect({ article: other, shown: seen.text.includes(SENTINEL[other]) }).toEqual({ article: other, shown: open })
  }
  if (surface.neverBody) expect(seen.text).toContain(TEASER)
  if (seen.unlockedBy !== undefined) expect(seen.unlockedBy).toBe(expectedUnlockedBy(vis, kind, route))
  expect(seen.text).not.toContain('extra-decoy-0001')
  return expectedOpen(vis, kind, route, true)
}

const CASES = SURFACES.flatMap((surface) =>
  VISIBILITIES.flatMap((vis) => KINDS.flatMap((kind) => ROUTES.map((route) => ({ kind, route, surface, vis })))),
)

describe.each(SURFACES.map((s) => ({ name: s.name, surface: s })))('$name', ({ surface }) => {
  it.each(
    CASES.filter((c) => c.surface === surface).map((c) => ({ ...c, label: `${c.vis} × ${c.kind} × ${c.route}` })),
  )('$label', async ({ kind, route, vis }) => {
    const open = await checkSide(surface, kind, route, vis)
    // The other side of the line on the same surface: an editor reads a locked body; the public, an open one.
    if (surface.neverBody) return
    if (!open) await checkSide(surface, 'editor', 'none', vis)
    else if (vis !== 'public') await checkSide(surface, 'anonymous', 'none', vis)
  })
})

it('covers 4 visibilities × 6 requesters × 4 unlock routes on 9 surfaces', () => {
  expect(CASES).toHaveLength(4 * 6 * 4 * 9)
})
