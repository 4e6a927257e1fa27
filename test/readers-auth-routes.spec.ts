/**
 * Issue 11, finding 1: no route of the readers auth collection lets the public (or a reader) write
 * `subscription`, `_verified` or any other editors-only field — Payload's built-in auth routes included.
 * `first-register` (which creates with `overrideAccess: true` and marks the account verified) is refused
 * for readers; sign-up, self-update, login, forgot/reset-password, verify and unlock keep field access.
 * Trusted server code (Local API) still writes the subscription.
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { randomUUID } from 'node:crypto'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { waitForEmail } from './harness/captureEmailAdapter.js'
import { confirmReaderEmail, READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'
import { lexical, paragraph, paywallBreak } from './helpers/lexical.js'

type Json = Record<string, any>

const SECRET = 'okapi-paidpart-4471'
const PAYWALL_BREAK = paywallBreak('665f0000000000000000000b')

/** Editors-only (and Payload-internal) fields of a reader, with values that would matter if they were stored. */
const editorsOnlyPayload = fc.record(
  {
    _verified: fc.constant(true),
    hash: fc.constant('f'.repeat(64)),
    lockUntil: fc.constant('2999-01-01T00:00:00.000Z'),
    loginAttempts: fc.integer({ max: 99, min: 1 }),
    resetPasswordExpiration: fc.constant('2999-01-01T00:00:00.000Z'),
    resetPasswordToken: fc.constant('chosen-reset-token'),
    salt: fc.constant('chosen-salt'),
    subscription: fc.record(
      {
        currentPeriodEnd: fc.constantFrom('2999-01-01T00:00:00.000Z', null),
        plan: fc.constant('premium'),
        status: fc.constantFrom('active', 'past_due', 'canceled'),
      },
      { requiredKeys: ['plan'] },
    ),
  },
  { requiredKeys: [] },
)

const uniqueAddress = () => `reader-${randomUUID().slice(0, 8)}@auth-routes.test`

let app: NewsroomTestApp
let payload: Payload
let premiumArticle: string

/** The reader as stored (every field, as trusted server code reads it). */
const storedReader = async (email: string): Promise<Json | undefined> =>
  (await payload.find({ collection: 'readers', showHiddenFields: true, where: { email: { equals: email } } }))
    .docs[0] as Json | undefined

/** Nothing editors-only made it into the stored account. */
const expectNothingEditorsOnly = (reader: Json | undefined, { verified }: { verified: boolean }) => {
  expect(reader).toBeDefined()
  expect(reader!.subscription).toMatchObject({ plan: 'free', status: 'active' })
  expect(reader!.subscription.currentPeriodEnd ?? null).toBeNull()
  expect(reader!._verified).toBe(verified)
  expect(reader!.resetPasswordToken ?? null).not.toBe('chosen-reset-token')
  expect(reader!.salt).not.toBe('chosen-salt')
  expect(reader!.loginAttempts ?? 0).toBe(0)
  expect(reader!.lockUntil ?? null).toBeNull()
}

/** What a token reads of the premium article: never the body. */
const expectLockedFor = async (token: string) => {
  const rest = await app.rest.get(`/articles/${premiumArticle}`, { token })
  expect(rest.json.locked).toBe(true)
  expect(rest.text).not.toContain(SECRET)
  const gql = await app.graphql(`{ Article(id: "${premiumArticle}") { locked content } }`, undefined, { token })
  expect(gql.data.Article.locked).toBe(true)
  expect(JSON.stringify(gql.data)).not.toContain(SECRET)
}

beforeAll(async () => {
  app = await startNewsroomApp({ siteUrl: 'https://news.example' })
  payload = app.payload
  premiumArticle = String(
    (
      await payload.create({
        collection: 'articles',
        data: {
          _status: 'published',
          content: lexical(paragraph('Free intro.'), PAYWALL_BREAK, paragraph(`Paid: ${SECRET}`)),
          premium: true,
          title: 'Premium story',
        } as never,
      })
    ).id,
  )
})
afterAll(() => app?.shutdown())

describe('first-register on a fresh, empty readers collection', () => {
  it('is refused (403): it would create with overrideAccess and skip verification; nothing is stored', async () => {
    expect((await payload.count({ collection: 'readers' })).totalDocs).toBe(0)
    const email = uniqueAddress()
    const res = await app.rest.post('/readers/first-register', {
      body: {
        _verified: true,
        email,
        password: READER_PASSWORD,
        subscription: { currentPeriodEnd: null, plan: 'premium', status: 'active' },
      },
    })
    // Today: 200, `plan: premium`, and the returned token reads premium bodies.
    expect(res.status).toBe(403)
    expect(res.json.token).toBeUndefined()
    expect(res.text).not.toContain('premium')
    expect((await payload.count({ collection: 'readers' })).totalDocs).toBe(0)
  })

  it('is refused for a plain body too (readers are not admin users; they sign up with POST /api/readers)', async () => {
    const res = await app.rest.post('/readers/first-register', {
      body: { email: uniqueAddress(), password: READER_PASSWORD },
    })
    expect(res.status).toBe(403)
    expect((await payload.count({ collection: 'readers' })).totalDocs).toBe(0)
  })

  it('the editors’ own first-register is Payload’s, untouched (refused here only because an editor exists)', async () => {
    const res = await app.rest.post('/users/first-register', {
      body: { email: 'second@editors.test', password: 'editor-password-2' },
    })
    expect(res.status).toBe(403)
  })
})

describe('sign-up (REST and GraphQL) with generated editors-only fields', () => {
  it('REST: nothing editors-only is stored; the account must verify before login; its token reads no premium body', async () => {
    await fc.assert(
      fc.asyncProperty(editorsOnlyPayload, async (extra) => {
        const email = uniqueAddress()
        const res = await app.rest.post('/readers', { body: { ...extra, email, password: READER_PASSWORD } })
        expect(res.status).toBe(201)
        expect(res.json.doc.subscription.plan).toBe('free')
        expectNothingEditorsOnly(await storedReader(email), { verified: false })
        expect((await app.rest.post('/readers/login', { body: { email, password: READER_PASSWORD } })).status).not.toBe(
          200,
        )
        await confirmReaderEmail(app, email)
        await expectLockedFor(await app.rest.login('readers', email, READER_PASSWORD))
      }),
      { numRuns: 12 },
    )
  })

  it('GraphQL createReader: the same', async () => {
    await fc.assert(
      fc.asyncProperty(editorsOnlyPayload, async (extra) => {
        const email = uniqueAddress()
        // GraphQL's input knows these fields (enums for plan/status); `_verified` is not part of it.
        const { _verified: _ignored, ...input } = extra
        const data = {
          ...input,
          email,
          password: READER_PASSWORD,
          subscription: { plan: 'premium', status: 'active', ...extra.subscription },
        }
        const res = await app.graphql(
          'mutation ($data: mutationReaderInput!) { createReader(data: $data) { id subscription { plan } } }',
          { data },
        )
        expect(res.errors ?? []).toEqual([])
        expect(res.data.createReader.subscription.plan).toBe('free')
        expectNothingEditorsOnly(await storedReader(email), { verified: false })
        await confirmReaderEmail(app, email)
        await expectLockedFor(await app.rest.login('readers', email, READER_PASSWORD))
      }),
      { numRuns: 8 },
    )
  })

  it('a logged-in reader cannot create an already-verified account (for someone else’s address)', async () => {
    const reader = await verifiedReader()
    const victim = uniqueAddress()
    const res = await app.rest.post('/readers', {
      body: { _verified: true, email: victim, password: READER_PASSWORD },
      token: reader.token,
    })
    expect(res.status).toBe(201)
    // Today: `_verified` has Payload's default access (any logged-in user), so this account could log in at once.
    expect((await storedReader(victim))!._verified).toBe(false)
    expect(
      (await app.rest.post('/readers/login', { body: { email: victim, password: READER_PASSWORD } })).status,
    ).not.toBe(200)
  })
})

const verifiedReader = async () => {
  const email = uniqueAddress()
  const doc = await payload.create({
    collection: 'readers',
    data: { _verified: true, email, password: READER_PASSWORD } as never,
    disableVerificationEmail: true,
  })
  return { email, id: String(doc.id), token: await app.rest.login('readers', email, READER_PASSWORD) }
}

describe('a reader’s own account: update, login, password reset, unlock', () => {
  it('self PATCH (REST) and updateReader (GraphQL) with editors-only fields change nothing of them', async () => {
    const reader = await verifiedReader()
    await fc.assert(
      fc.asyncProperty(editorsOnlyPayload, fc.boolean(), async (extra, overGraphQL) => {
        if (overGraphQL) {
          const { _verified: _ignored, ...input } = extra
          const data = { ...input, subscription: { plan: 'premium', status: 'active', ...extra.subscription } }
          const res = await app.graphql(
            'mutation ($id: String!, $data: mutationReaderUpdateInput!) { updateReader(id: $id, data: $data) { subscription { plan } } }',
            { data, id: reader.id },
            { token: reader.token },
          )
          // A plan the reader does not have: the whole update is refused.
          expect(res.errors?.[0]?.extensions?.statusCode).toBe(403)
        } else {
          const res = await app.rest.patch(`/readers/${reader.id}`, {
            body: { ...extra, name: 'Renamed' },
            token: reader.token,
          })
          // A changed subscription is refused (403); Payload's internal fields are dropped, the rest saved.
          // (`_verified: true` is the verified reader's own value, so no change.)
          expect(res.status).toBe(extra.subscription ? 403 : 200)
        }
        expectNothingEditorsOnly(await storedReader(reader.email), { verified: true })
        await expectLockedFor(reader.token)
      }),
      { numRuns: 12 },
    )
  })

  it('updateReader (GraphQL) changes a reader’s own name without a subscription in the input; a plan stays required', async () => {
    const reader = await verifiedReader()
    const res = await app.graphql(
      'mutation ($id: String!) { updateReader(id: $id, data: { name: "Renamed over GraphQL" }) { name subscription { plan status } } }',
      { id: reader.id },
      { token: reader.token },
    )
    expect(res.errors).toBeUndefined()
    expect(res.data.updateReader).toEqual({
      name: 'Renamed over GraphQL',
      subscription: { plan: 'free', status: 'active' },
    })
    // An editor clearing the plan or the status is refused, and nothing is stored.
    for (const subscription of [{ plan: null }, { status: null }]) {
      const cleared = await app.rest.patch(`/readers/${reader.id}`, { body: { subscription }, token: app.editorToken })
      expect(cleared.status).toBe(400)
    }
    expect((await storedReader(reader.email))!.subscription).toMatchObject({ plan: 'free', status: 'active' })
  })

  it('a reader cannot move their verified account to another (unconfirmed) address, over REST or GraphQL', async () => {
    const reader = await verifiedReader()
    const elsewhere = uniqueAddress()
    const rest = await app.rest.patch(`/readers/${reader.id}`, { body: { email: elsewhere }, token: reader.token })
    expect(rest.status).toBe(403)
    expect(rest.json.errors[0].message).toBe('Only an editor can change the email address of an account.')
    const gql = await app.graphql(
      'mutation ($id: String!, $email: String!) { updateReader(id: $id, data: { email: $email, subscription: { plan: free, status: active } }) { id } }',
      { email: elsewhere, id: reader.id },
      { token: reader.token },
    )
    expect(gql.errors?.[0]?.extensions?.statusCode).toBe(403)
    expect(await storedReader(elsewhere)).toBeUndefined()
    expect((await storedReader(reader.email))!._verified).toBe(true)
  })

  it('login with editors-only fields in the body answers the stored account', async () => {
    const reader = await verifiedReader()
    const res = await app.rest.post('/readers/login', {
      body: { email: reader.email, password: READER_PASSWORD, subscription: { plan: 'premium', status: 'active' } },
    })
    expect(res.status).toBe(200)
    expect(res.json.user.subscription.plan).toBe('free')
    await expectLockedFor(res.json.token)
    expect((await app.rest.get('/readers/me', { token: res.json.token })).json.user.subscription.plan).toBe('free')
    const refreshed = await app.rest.post('/readers/refresh-token', {
      body: { subscription: { plan: 'premium' } },
      token: res.json.token,
    })
    expect(refreshed.json.user?.subscription?.plan ?? 'free').toBe('free')
  })

  it('forgot-password + reset-password with editors-only fields change only the password', async () => {
    const reader = await verifiedReader()
    const forgot = await app.rest.post('/readers/forgot-password', {
      body: { email: reader.email, subscription: { plan: 'premium' } },
    })
    expect(forgot.status).toBe(200)
    const mail = await waitForEmail((m) => m.to.includes(reader.email) && /reset/i.test(`${m.subject} ${m.html}`))
    const token = /reset\/([0-9a-f]+)/.exec(mail.html ?? '')?.[1]
    expect(token).toBeDefined()
    const reset = await app.rest.post('/readers/reset-password', {
      body: {
        _verified: true,
        password: 'new-reader-password-1',
        subscription: { plan: 'premium', status: 'active' },
        token,
      },
    })
    expect(reset.status).toBe(200)
    expectNothingEditorsOnly(await storedReader(reader.email), { verified: true })
    await expectLockedFor(await app.rest.login('readers', reader.email, 'new-reader-password-1'))
  })

  it('a reader cannot lift the lockout of another reader’s account (unlock is editors’ alone)', async () => {
    const reader = await verifiedReader()
    const victim = await verifiedReader()
    await payload.update({
      collection: 'readers',
      data: { lockUntil: '2999-01-01T00:00:00.000Z', loginAttempts: 10 } as never,
      id: victim.id,
    })
    const rest = await app.rest.post('/readers/unlock', { body: { email: victim.email }, token: reader.token })
    // Today: 200 (Payload's default unlock access is "any logged-in user").
    expect(rest.status).toBe(403)
    const gql = await app.graphql(
      'mutation ($email: String!) { unlockReader(email: $email) }',
      { email: victim.email },
      { token: reader.token },
    )
    expect(gql.errors?.[0]?.extensions?.statusCode ?? gql.status).toBe(403)
    expect((await storedReader(victim.email))!.lockUntil).toBe('2999-01-01T00:00:00.000Z')
    expect(
      (await app.rest.post('/readers/unlock', { body: { email: victim.email }, token: app.editorToken })).status,
    ).toBe(200)
  })
})

describe('who may write the subscription', () => {
  it('trusted server code (Local API, e.g. a billing webhook) and editors still can', async () => {
    const reader = await verifiedReader()
    await payload.update({
      collection: 'readers',
      data: {
        subscription: { currentPeriodEnd: '2999-01-01T00:00:00.000Z', plan: 'premium', status: 'active' },
      } as never,
      id: reader.id,
    })
    expect((await storedReader(reader.email))!.subscription.plan).toBe('premium')
    const subscriberToken = await app.rest.login('readers', reader.email, READER_PASSWORD)
    expect((await app.rest.get(`/articles/${premiumArticle}`, { token: subscriberToken })).text).toContain(SECRET)

    const other = await verifiedReader()
    const byEditor = await app.rest.patch(`/readers/${other.id}`, {
      body: { subscription: { plan: 'premium', status: 'active' } },
      token: app.editorToken,
    })
    expect(byEditor.status).toBe(200)
    expect((await storedReader(other.email))!.subscription.plan).toBe('premium')
    const created = await payload.create({
      collection: 'readers',
      data: { _verified: true, email: uniqueAddress(), password: READER_PASSWORD } as never,
    })
    expect((created as Json)._verified).toBe(true)
  })
})
