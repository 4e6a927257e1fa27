/**
 * Comment privacy on every read surface × every role (CONTRACT security rules 4 and 5), leak-matrix style.
 *
 * Secrets, each a unique word:
 *  - EMAIL       — the author email of an approved comment;
 *  - REASON      — the moderation reason of that approved comment;
 *  - FINGERPRINT — the stored requester fingerprint of an approved comment;
 *  - PENDING     — words in the body of a comment awaiting moderation;
 *  - SPAM        — words in the body of a comment stored as spam.
 * Their audience is editors alone. A leak is a secret in a response to anyone else, or a query answer that
 * differs between the secret and a decoy (a boolean oracle). Each surface must also hand its secret to an
 * editor, so a surface that answers nothing to anyone cannot pass.
 */
import type { Payload, TypedUser } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { createReader, graphqlWithHeaders, publishArticle, stored, submit, uniqueEmail } from './comments-fixtures.js'
import { startNewsroomApp } from './helpers/newsroomApp.js'

const EMAIL = 'hidden-mailbox-4471@example.org'
const REASON = 'hidden-reason-2293'
const PENDING = 'pending-words-8812'
const SPAM = 'spammy-words-3391'
const DECOY = 'decoy-words-0000'
const DECOY_EMAIL = 'decoy-mailbox-0000@example.org'

type RoleName = 'anonymous' | 'editor' | 'reader'
type Role = { name: RoleName; token?: string; user: null | TypedUser }
type Observation = { status: number; text: string }
type SecretName = 'email' | 'fingerprint' | 'pending' | 'reason' | 'spam'

let app: NewsroomTestApp
let payload: Payload
let FINGERPRINT: string
const roles = {} as Record<RoleName, Role>
const ids = {} as { approved: string; article: string; pending: string; reply: string; spam: string }

beforeAll(async () => {
  app = await startNewsroomApp({ comments: { floodSeconds: 0 } })
  payload = app.payload
  const editorUser = (await payload.find({ collection: 'users', limit: 1 })).docs[0] as unknown as TypedUser
  const reader = await createReader(app)
  const readerUser = (await payload.findByID({ collection: 'readers', id: reader.id })) as unknown as TypedUser
  roles.anonymous = { name: 'anonymous', user: null }
  roles.reader = { name: 'reader', token: reader.token, user: { ...readerUser, collection: 'readers' } as TypedUser }
  roles.editor = { name: 'editor', token: app.editorToken, user: { ...editorUser, collection: 'users' } as TypedUser }

  ids.article = await publishArticle(payload)
  // Submitted by the public (so it has a fingerprint), then approved by an editor with a note.
  const approved = await submit(app, 'REST', {
    article: ids.article,
    authorEmail: EMAIL,
    authorName: 'Private Person',
    body: 'Public words.',
  })
  ids.approved = String(approved.doc!.id)
  await payload.update({
    collection: 'comments',
    id: ids.approved,
    data: { moderationReason: REASON, status: 'approved' } as never,
  })
  FINGERPRINT = (await stored(payload, ids.approved)).fingerprint
  expect(FINGERPRINT).toMatch(/^[0-9a-f]{64}$/)

  const reply = await payload.create({
    collection: 'comments',
    data: {
      article: ids.article,
      authorEmail: uniqueEmail(),
      authorName: 'Replier',
      body: 'A public reply.',
      parent: ids.approved,
      status: 'approved',
    } as never,
    overrideAccess: false,
    user: roles.editor.user as never,
  })
  ids.reply = String(reply.id)
  ids.pending = String(
    (
      await submit(app, 'REST', {
        article: ids.article,
        authorEmail: uniqueEmail(),
        authorName: 'Waiting',
        body: `Held: ${PENDING}`,
      })
    ).doc!.id,
  )
  ids.spam = String(
    (
      await submit(app, 'REST', {
        article: ids.article,
        authorEmail: uniqueEmail(),
        authorName: 'Bot',
        body: `Buy ${SPAM}`,
        phone: '1',
      })
    ).doc!.id,
  )
  expect((await stored(payload, ids.spam)).status).toBe('spam')
})
afterAll(() => app?.shutdown())

const secretWord = (name: SecretName): string =>
  ({ email: EMAIL, fingerprint: FINGERPRINT, pending: PENDING, reason: REASON, spam: SPAM })[name]
const SECRETS: SecretName[] = ['email', 'reason', 'fingerprint', 'pending', 'spam']

const rest = async (role: Role, path: `/${string}`, query: Record<string, unknown> = {}): Promise<Observation> => {
  const res = await app.rest.get(path, { query, token: role.token })
  return { status: res.status, text: res.text }
}
const gql = async (role: Role, query: string, variables: Record<string, unknown> = {}): Promise<Observation> => {
  const res = await graphqlWithHeaders(app, query, variables, { token: role.token })
  return { status: res.status, text: JSON.stringify({ data: res.data, errors: res.errors }) }
}
const local = async (fn: () => Promise<unknown>): Promise<Observation> => {
  try {
    return { status: 200, text: JSON.stringify(await fn()) }
  } catch (error) {
    return { status: (error as { status?: number }).status ?? 500, text: String(error) }
  }
}

const COMMENT_FIELDS = 'id body status authorName authorEmail moderationReason fingerprint'

type Surface = { name: string; reaches: SecretName[]; run: (role: Role) => Promise<Observation> }

/* Surfaces that return documents: no secret may appear for non-editors. */
const READ_SURFACES: Surface[] = [
  { name: 'REST find', reaches: SECRETS, run: (r) => rest(r, '/comments', { depth: 0, limit: 100 }) },
  {
    name: 'REST find, parents populated (depth 2)',
    reaches: ['email', 'reason', 'fingerprint'],
    run: (r) => rest(r, '/comments', { depth: 2, limit: 100, where: { id: { equals: ids.reply } } }),
  },
  {
    name: 'REST findByID of the approved comment',
    reaches: ['email', 'reason', 'fingerprint'],
    run: (r) => rest(r, `/comments/${ids.approved}`, { depth: 0 }),
  },
  {
    name: 'REST findByID of the pending comment',
    reaches: ['pending'],
    run: (r) => rest(r, `/comments/${ids.pending}`, { depth: 0 }),
  },
  {
    name: 'REST findByID of the spam comment',
    reaches: ['spam'],
    run: (r) => rest(r, `/comments/${ids.spam}`, { depth: 0 }),
  },
  {
    name: 'REST select of the private fields',
    reaches: ['email', 'reason', 'fingerprint'],
    run: (r) =>
      rest(r, '/comments', { depth: 0, select: { authorEmail: true, fingerprint: true, moderationReason: true } }),
  },
  {
    name: 'REST article with its comments join (depth 1)',
    reaches: SECRETS,
    run: (r) => rest(r, `/articles/${ids.article}`, { depth: 1, joins: { comments: { limit: 50 } } }),
  },
  {
    name: 'REST articles list, join populated (depth 2)',
    reaches: SECRETS,
    run: (r) =>
      rest(r, '/articles', { depth: 2, joins: { comments: { limit: 50 } }, where: { id: { equals: ids.article } } }),
  },
  {
    name: 'GraphQL Comments',
    reaches: SECRETS,
    run: (r) => gql(r, `{ Comments(limit: 100) { docs { ${COMMENT_FIELDS} parent { ${COMMENT_FIELDS} } } } }`),
  },
  {
    name: 'GraphQL Comment(id) pending',
    reaches: ['pending'],
    run: (r) => gql(r, `query($id: String!) { Comment(id: $id) { ${COMMENT_FIELDS} } }`, { id: ids.pending }),
  },
  {
    name: 'GraphQL Article.comments join',
    reaches: SECRETS,
    run: (r) =>
      gql(r, `query($id: String!) { Article(id: $id) { comments(limit: 50) { docs { ${COMMENT_FIELDS} } } } }`, {
        id: ids.article,
      }),
  },
  {
    name: 'Local API find (overrideAccess: false)',
    reaches: SECRETS,
    run: (r) =>
      local(() =>
        payload.find({ collection: 'comments', depth: 1, limit: 100, overrideAccess: false, user: r.user as never }),
      ),
  },
  {
    name: 'Local API findDistinct of authorEmail (overrideAccess: false)',
    reaches: ['email'],
    run: (r) =>
      local(() =>
        payload.findDistinct({
          collection: 'comments',
          field: 'authorEmail',
          overrideAccess: false,
          user: r.user as never,
        } as never),
      ),
  },
]

/* Surfaces that put a word into a query: the answer must not depend on whether the word is a secret. */
type Probe = { name: string; secret: SecretName; run: (role: Role, word: string) => Promise<Observation> }
// An email-typed GraphQL argument rejects a decoy that is not an email.
const decoyFor = (secret: SecretName) => (secret === 'email' ? DECOY_EMAIL : DECOY)
const PROBES: Probe[] = [
  {
    name: 'REST where authorEmail',
    secret: 'email',
    run: (r, w) => rest(r, '/comments', { depth: 0, where: { authorEmail: { equals: w } } }),
  },
  {
    name: 'REST count where authorEmail',
    secret: 'email',
    run: (r, w) => rest(r, '/comments/count', { where: { authorEmail: { equals: w } } }),
  },
  {
    name: 'REST where moderationReason like',
    secret: 'reason',
    run: (r, w) => rest(r, '/comments', { depth: 0, where: { moderationReason: { like: w } } }),
  },
  {
    name: 'REST where fingerprint',
    secret: 'fingerprint',
    run: (r, w) => rest(r, '/comments', { depth: 0, where: { fingerprint: { equals: w } } }),
  },
  {
    name: 'REST where body like (pending)',
    secret: 'pending',
    run: (r, w) => rest(r, '/comments', { depth: 0, where: { body: { like: w } } }),
  },
  {
    name: 'REST where body like (spam)',
    secret: 'spam',
    run: (r, w) => rest(r, '/comments', { depth: 0, where: { body: { like: w } } }),
  },
  {
    name: 'REST join where authorEmail',
    secret: 'email',
    run: (r, w) =>
      rest(r, `/articles/${ids.article}`, { depth: 0, joins: { comments: { where: { authorEmail: { equals: w } } } } }),
  },
  {
    name: 'GraphQL where authorEmail',
    secret: 'email',
    run: (r, w) =>
      gql(r, `query($w: EmailAddress) { Comments(where: { authorEmail: { equals: $w } }) { totalDocs } }`, { w }),
  },
]

const ROLE_NAMES: RoleName[] = ['anonymous', 'reader', 'editor']

describe.each(READ_SURFACES)('$name', (surface) => {
  it.each(ROLE_NAMES)('%s', async (roleName) => {
    const seen = await surface.run(roles[roleName])
    if (roleName === 'editor') {
      expect(seen.status).toBe(200)
      for (const secret of surface.reaches) expect(seen.text).toContain(secretWord(secret))
      return
    }
    for (const secret of SECRETS) expect(seen.text).not.toContain(secretWord(secret))
  })
})

describe.each(PROBES)('$name', (probe) => {
  it.each(ROLE_NAMES)('%s', async (roleName) => {
    const role = roles[roleName]
    const withSecret = await probe.run(role, secretWord(probe.secret))
    const decoy = decoyFor(probe.secret)
    const withDecoy = await probe.run(role, decoy)
    if (roleName === 'editor') {
      expect(withSecret.status).toBe(200)
      expect(withSecret.text).not.toEqual(withDecoy.text)
      return
    }
    // Refused or indistinguishable: either way nothing is learnt.
    expect(withSecret.status).toBe(withDecoy.status)
    expect(withSecret.text.replaceAll(secretWord(probe.secret), decoy)).toEqual(withDecoy.text)
    for (const secret of SECRETS) expect(withSecret.text).not.toContain(secretWord(secret))
  })
})

describe('querying private fields is refused outright', () => {
  it.each([
    ['where authorEmail', { where: { authorEmail: { equals: EMAIL } } }, 'authorEmail'],
    ['where moderationReason', { where: { moderationReason: { exists: true } } }, 'moderationReason'],
    ['where fingerprint', { where: { fingerprint: { exists: true } } }, 'fingerprint'],
    ['sort by authorEmail', { sort: 'authorEmail' }, 'authorEmail'],
    ['sort by fingerprint', { sort: '-fingerprint' }, 'fingerprint'],
    // Sorting through a relationship would order comments by the related document without its access rules.
    ['sort by the reader’s email', { sort: 'reader.email' }, 'reader.email'],
    ['sort by the reader’s plan', { sort: '-reader.subscription.plan' }, 'reader.subscription.plan'],
    ['sort by the article’s title', { sort: 'article.title' }, 'article.title'],
  ])('%s → 400 for the public and for readers', async (_, query, path) => {
    for (const role of [roles.anonymous, roles.reader]) {
      const res = await app.rest.get('/comments', { query: { depth: 0, ...query }, token: role.token })
      expect(res.status).toBe(400)
      expect(res.json.errors[0].message).toBe(`The following path cannot be queried: ${path}`)
    }
  })

  it('editors may sort by relationship paths', async () => {
    expect(
      (await app.rest.get('/comments', { query: { depth: 0, sort: 'reader.email' }, token: app.editorToken })).status,
    ).toBe(200)
  })

  it('GraphQL refuses the same sorts', async () => {
    const res = await gql(roles.anonymous, '{ Comments(sort: "reader.email") { docs { id } } }')
    expect(res.text).toContain('The following path cannot be queried: reader.email')
  })
})

describe('what the public does see', () => {
  it('approved comments with their public fields', async () => {
    const res = await app.rest.get('/comments', { query: { depth: 0, limit: 100 } })
    expect(res.status).toBe(200)
    expect(res.json.docs.map((d: { id: string }) => d.id).sort()).toEqual([ids.approved, ids.reply].sort())
    expect(res.json.docs.every((d: { status: string }) => d.status === 'approved')).toBe(true)
    expect(res.json.docs.find((d: { id: string }) => d.id === ids.approved)).toMatchObject({
      authorName: 'Private Person',
      body: 'Public words.',
    })
  })

  it('the article’s join lists approved comments only, editors get all', async () => {
    const publicView = await app.rest.get(`/articles/${ids.article}`, { query: { depth: 0 } })
    expect(publicView.json.comments.docs.map(String).sort()).toEqual([ids.approved, ids.reply].sort())
    const editorView = await app.rest.get(`/articles/${ids.article}`, { query: { depth: 0 }, token: app.editorToken })
    expect(editorView.json.comments.docs.map(String).sort()).toEqual(
      [ids.approved, ids.reply, ids.pending, ids.spam].sort(),
    )
  })

  it('reader reports and the Discussion settings are editors’ alone', async () => {
    for (const role of [roles.anonymous, roles.reader]) {
      expect((await app.rest.get('/comment-reports', { token: role.token })).status).toBe(403)
      expect((await app.rest.get('/globals/discussion-settings', { token: role.token })).status).toBe(403)
    }
    expect((await app.rest.get('/comment-reports', { token: app.editorToken })).status).toBe(200)
    expect((await app.rest.get('/globals/discussion-settings', { token: app.editorToken })).status).toBe(200)
  })

  it('comments cannot be duplicated (a copy would skip the form)', async () => {
    const res = await app.rest.post(`/comments/${ids.approved}/duplicate`, { body: {}, token: app.editorToken })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
  })
})
