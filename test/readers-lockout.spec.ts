/**
 * Readers sign themselves up, so "logged in" no longer means "staff": wherever the host relies on
 * Payload's default access (any logged-in user), the plugin keeps readers out (src/access/lockOutReaders.ts).
 * Found by the red team (finding F1); the host is Payload's template shape: an admin `users` collection
 * with no `access` of its own.
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import {
  confirmReaderEmail,
  EDITOR,
  lexicalParagraphs,
  READER_PASSWORD,
  startNewsroomApp,
} from './helpers/newsroomApp.js'

type Json = Record<string, any>

/* ===================================================================================================== */

describe('F1 (critical): a self-registered reader counts as "logged in" for Payload’s default access', () => {
  let app: NewsroomTestApp
  let payload: Payload
  let readerToken: string
  let readerId: string
  let editorId: string
  let article: string

  beforeAll(async () => {
    app = await startNewsroomApp()
    payload = app.payload
    // Anyone can do this: `POST /api/readers` is open (public sign-up).
    const signUp = await app.rest.post('/readers', {
      body: { email: 'mallory@readers.test', password: READER_PASSWORD },
    })
    expect(signUp.status).toBe(201)
    await confirmReaderEmail(app, 'mallory@readers.test')
    readerId = String(signUp.json.doc.id)
    readerToken = await app.rest.login('readers', 'mallory@readers.test', READER_PASSWORD)
    editorId = String(
      (await payload.find({ collection: 'users', where: { email: { equals: EDITOR.email } } })).docs[0]!.id,
    )
    const content = lexicalParagraphs('A free article.')
    // An editor links a colleague's profile in a free article (Lexical's default RelationshipFeature).
    ;(content.root.children as unknown[]).push({
      type: 'relationship',
      format: '',
      relationTo: 'users',
      value: editorId,
      version: 2,
    })
    article = String(
      (
        await payload.create({
          collection: 'articles',
          data: { _status: 'published', content, title: 'Free' } as never,
        })
      ).id,
    )
  })
  afterAll(() => app?.shutdown())

  it('a reader cannot change an editor’s password (account takeover)', async () => {
    const res = await app.rest.patch(`/users/${editorId}`, { body: { password: 'taken-over-1' }, token: readerToken })
    expect(res.status).toBe(403)
    // Today: 200 "Updated successfully", the editor's sessions are dropped and the new password logs in.
    await expect(app.rest.login('users', EDITOR.email, EDITOR.password)).resolves.toEqual(expect.any(String))
  })

  it('a reader cannot create an editor account (privilege escalation)', async () => {
    const res = await app.rest.post('/users', {
      body: { email: 'mallory-editor@example.org', password: 'mallory-pass-1' },
      token: readerToken,
    })
    expect(res.status).toBe(403)
    expect(
      (await payload.count({ collection: 'users', where: { email: { equals: 'mallory-editor@example.org' } } }))
        .totalDocs,
    ).toBe(0)
  })

  it('a reader cannot list the editors (REST, GraphQL, nor through a relationship in an article body)', async () => {
    expect((await app.rest.get('/users', { token: readerToken })).status).toBe(403)
    const gql = await app.graphql('{ Users { docs { email } } }', undefined, { token: readerToken })
    expect(JSON.stringify(gql.data ?? null)).not.toContain(EDITOR.email)
    const body = await app.rest.get(`/articles/${article}`, { query: { depth: 1 }, token: readerToken })
    expect(body.text).not.toContain(EDITOR.email)
  })

  it('a reader cannot lock documents against editors or read who edits what', async () => {
    const lock = await app.rest.post('/payload-locked-documents', {
      body: { document: { relationTo: 'articles', value: article }, user: { relationTo: 'readers', value: readerId } },
      token: readerToken,
    })
    expect(lock.status).toBe(403)
    expect((await app.rest.get('/payload-locked-documents', { token: readerToken })).status).toBe(403)
  })

  it('a reader cannot trigger the job runner', async () => {
    expect([401, 403]).toContain((await app.rest.get('/payload-jobs/run', { token: readerToken })).status)
  })

  it('a reader can neither read nor move the jobs schedule (payload-jobs-stats, added by Payload after plugins)', async () => {
    const path = '/globals/payload-jobs-stats'
    expect((await app.rest.get(path, { token: readerToken })).status).toBe(403)
    const future = {
      stats: {
        scheduledRuns: {
          queues: { default: { tasks: { newsroomReconcile: { lastScheduledRun: '9999-01-01T00:00:00.000Z' } } } },
        },
      },
    }
    expect((await app.rest.post(path, { body: future, token: readerToken })).status).toBe(403)
    const stored = (await payload.findGlobal({ slug: 'payload-jobs-stats' as never })) as Json
    expect(JSON.stringify(stored)).not.toContain('9999')
    expect((await app.rest.get(path, { token: app.editorToken })).status).toBe(200)
  })
})

/* ===================================================================================================== */

describe('the host keeps its own access rules and editors keep theirs', () => {
  let app: NewsroomTestApp
  beforeAll(async () => {
    app = await startNewsroomApp(
      {},
      {
        collections: [
          { slug: 'notes', access: { read: () => true }, fields: [{ name: 'text', type: 'text' }] },
          { slug: 'memos', fields: [{ name: 'text', type: 'text' }] },
        ],
      },
    )
    await app.payload.create({ collection: 'notes' as never, data: { text: 'public note' } as never })
    await app.payload.create({ collection: 'memos' as never, data: { text: 'staff memo' } as never })
    await app.rest.post('/readers', { body: { email: 'rita@readers.test', password: READER_PASSWORD } })
    await confirmReaderEmail(app, 'rita@readers.test')
  })
  afterAll(() => app?.shutdown())

  it('an explicit host rule is untouched; a defaulted one excludes readers but not editors', async () => {
    const readerToken = await app.rest.login('readers', 'rita@readers.test', READER_PASSWORD)
    expect((await app.rest.get('/notes')).json.docs).toHaveLength(1)
    expect((await app.rest.get('/memos', { token: readerToken })).status).toBe(403)
    const asEditor = await app.rest.get('/memos', { token: app.editorToken })
    expect(asEditor.status).toBe(200)
    expect(asEditor.json.docs[0].text).toBe('staff memo')
    expect(
      (
        await app.rest.post('/users', {
          body: { email: 'new-editor@example.org', password: 'pass-word-12' },
          token: app.editorToken,
        })
      ).status,
    ).toBe(201)
  })
})
