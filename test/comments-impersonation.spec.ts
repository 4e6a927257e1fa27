/**
 * Issue 11, finding 3: "previously approved" as WordPress's check_comment. An address that belongs to a
 * (verified) reader account earns trust only for that account, logged in, and only from its own approved
 * comments; any other address needs an approved comment with the same name AND email. Readers confirm their
 * address before they can log in, so signing up with someone else's address gains nothing — also with
 * `comments.hardenAgainstProbing`.
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { previouslyApprovedMatch } from '../src/moderation/previouslyApproved.js'
import { clearSentEmails, sentEmails } from './harness/captureEmailAdapter.js'
import {
  createReader,
  fingerprintOf,
  publishArticle,
  setDiscussion,
  stored,
  submit,
  SURFACES,
  uniqueEmail,
  uniqueIp,
} from './comments-fixtures.js'
import { confirmReaderEmail, READER_PASSWORD, startNewsroomApp } from './helpers/newsroomApp.js'

describe('previouslyApprovedMatch (pure rule)', () => {
  const id = fc.oneof(fc.integer({ max: 50, min: 1 }), fc.constantFrom('a', 'b'))
  it('an account’s address is trusted only for its holder, by account; otherwise name and email (and, hardened, the requester)', () => {
    fc.assert(
      fc.property(
        fc.option(id),
        fc.option(id),
        fc.boolean(),
        fc.option(fc.constantFrom('fp1', 'fp2')),
        (account, reader, identifies, fingerprint) => {
          const match = previouslyApprovedMatch({
            addressAccountId: account,
            authorEmail: 'e@x.test',
            authorName: 'N',
            emailIdentifies: identifies,
            fingerprint,
            readerId: reader,
          })
          if (account !== null) {
            expect(match).toEqual(reader !== null && String(reader) === String(account) ? { reader: account } : null)
          } else if (identifies) {
            expect(match).toEqual({ authorEmail: 'e@x.test', authorName: 'N' })
          } else {
            expect(match).toEqual(fingerprint ? { authorEmail: 'e@x.test', authorName: 'N', fingerprint } : null)
          }
        },
      ),
    )
  })
})

for (const hardenAgainstProbing of [false, true]) {
  describe(`impersonation (hardenAgainstProbing: ${hardenAgainstProbing})`, () => {
    let app: NewsroomTestApp
    let payload: Payload
    let article: string

    beforeAll(async () => {
      app = await startNewsroomApp({
        comments: { floodSeconds: 0, hardenAgainstProbing },
        siteUrl: 'https://news.example',
      })
      payload = app.payload
      article = await publishArticle(payload)
      await setDiscussion(payload, { floodSeconds: 0 })
    })
    afterAll(() => app?.shutdown())

    const comment = (overrides: Record<string, unknown> = {}) => ({
      article,
      authorEmail: uniqueEmail(),
      authorName: 'Someone',
      body: `Words ${Math.random()}`,
      ...overrides,
    })
    const approved = (data: Record<string, unknown>) =>
      payload.create({ collection: 'comments', data: { ...comment(), ...data, status: 'approved' } as never })

    for (const surface of SURFACES) {
      it(`${surface}: an anonymous visitor typing a reader account’s address and name is not approved`, async () => {
        const regular = await createReader(app, { name: 'Rosa Regular' })
        await approved({ authorEmail: regular.email, authorName: 'Rosa Regular', reader: regular.id })
        const ip = uniqueIp()
        const impostor = await submit(
          app,
          surface,
          comment({ authorEmail: regular.email, authorName: 'Rosa Regular' }),
          { ip },
        )
        // Today: approved at once ("Author has a previously approved comment").
        expect(impostor.doc?.status).toBe('pending')
        expect((await stored(payload, impostor.doc!.id)).status).toBe('pending')
        // The account holder, logged in, is.
        expect((await submit(app, surface, comment(), { token: regular.token })).doc?.status).toBe('approved')
      })

      it(`${surface}: without an account, an approved comment must match both the name and the email`, async () => {
        const authorEmail = uniqueEmail('anon')
        const ip = uniqueIp()
        await approved({ authorEmail, authorName: 'Ana Anon', fingerprint: null })
        const otherName = await submit(app, surface, comment({ authorEmail, authorName: 'Mallory' }), { ip })
        // Today: approved by the email alone.
        expect(otherName.doc?.status).toBe('pending')
      })

      it(`${surface}: a reader account gets no trust from anonymous comments with its address (only its own, logged in)`, async () => {
        const account = await createReader(app, { name: 'Nora New' })
        await approved({ authorEmail: account.email, authorName: 'Nora New', reader: null })
        const res = await submit(app, surface, comment(), { token: account.token })
        expect(res.doc?.status).toBe('pending')
      })
    }

    it('signing up with someone else’s address gains nothing: the confirmation goes to that address and login waits for it', async () => {
      const victim = uniqueEmail('victim')
      await approved({ authorEmail: victim, authorName: 'Vic Victim' })
      clearSentEmails()
      const signUp = await app.rest.post('/readers', {
        body: { email: victim, name: 'Vic Victim', password: READER_PASSWORD },
      })
      expect(signUp.status).toBe(201)
      // Today: the squatter logs in at once and, hardened, is approved by the victim's history.
      const login = await app.rest.post('/readers/login', { body: { email: victim, password: READER_PASSWORD } })
      expect(login.status).not.toBe(200)
      expect(login.json.token).toBeUndefined()
      const mail = sentEmails.find((m) => m.to.includes(victim))
      expect(mail?.subject).toMatch(/confirm your email/i)
      expect(mail?.html).toContain('https://news.example/verify-email?token=')
      // An unconfirmed account owns no address: the genuine author (same name, email, requester) keeps her trust.
      const genuineIp = uniqueIp()
      await approved({ authorEmail: victim, authorName: 'Vic Victim', fingerprint: fingerprintOf(payload, genuineIp) })
      const genuine = await submit(app, 'REST', comment({ authorEmail: victim, authorName: 'Vic Victim' }), {
        ip: genuineIp,
      })
      expect(genuine.doc?.status).toBe('approved')
      // Once the owner confirms, the address is the account's: only the account's own approved comments count.
      await confirmReaderEmail(app, victim)
      const token = await app.rest.login('readers', victim, READER_PASSWORD)
      expect((await submit(app, 'REST', comment(), { token })).doc?.status).toBe('pending')
    })
  })
}
