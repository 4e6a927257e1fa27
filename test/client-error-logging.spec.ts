/**
 * Client mistakes are logged at info (one line, no stack), as Payload logs its own validation errors;
 * crashes stay at error with their stack — over REST and over GraphQL (whose wrapper hides the error's name).
 */
import type { CollectionConfig } from 'payload'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { CLIENT_ERROR_LOG_LEVELS, withClientErrorLogLevels } from '../src/plugin/clientErrorLogLevels.js'
import { EDITOR, startNewsroomApp } from './helpers/newsroomApp.js'

type LogRecord = { err?: { message?: string; stack?: string; type?: string }; level: number; msg?: string }
const INFO = 30
const ERROR = 50

const records: LogRecord[] = []
const destination = { write: (line: string) => void records.push(JSON.parse(line) as LogRecord) }

// A host collection whose hook crashes on demand: a real server error, which must stay at error.
const crashes: CollectionConfig = {
  slug: 'crashes',
  access: { create: () => true, read: () => true },
  fields: [{ name: 'title', type: 'text' }],
  hooks: {
    beforeChange: [
      ({ data }) => {
        if (data.title === 'boom') throw new Error('the crash hook went boom')
        return data
      },
    ],
  },
}

let app: NewsroomTestApp

beforeAll(async () => {
  app = await startNewsroomApp(
    {},
    {
      collections: [crashes],
      logger: { destination, options: { level: 'info' } },
      // The harness sets AuthenticationError to info for every test app; unset here, as in a host that never did.
      loggingLevels: { AuthenticationError: undefined },
    },
  )
})
afterAll(() => app.shutdown())
beforeEach(() => {
  records.length = 0
})

const mentioning = (text: string) =>
  records.filter((r) => (r.msg ?? '').includes(text) || (r.err?.message ?? '').includes(text))

const expectLoggedAsInfo = (text: string) => {
  const found = mentioning(text)
  expect(found.length).toBeGreaterThan(0)
  for (const record of found) {
    expect(record.level).toBe(INFO)
    expect(record.err).toBeUndefined()
  }
}

describe('client mistakes are logged at info, without a stack', () => {
  it('a wrong password over REST (Payload AuthenticationError)', async () => {
    const res = await app.rest.post('/users/login', { body: { email: EDITOR.email, password: 'wrong-password' } })
    expect(res.status).toBe(401)
    expectLoggedAsInfo('The email or password provided is incorrect.')
  })

  it('a wrong password over GraphQL', async () => {
    const res = await app.graphql(
      `mutation ($e: String!, $p: String!) { loginUser(email: $e, password: $p) { token } }`,
      {
        e: EDITOR.email,
        p: 'wrong-password',
      },
    )
    expect(res.errors?.[0]?.extensions?.statusCode).toBe(401)
    expectLoggedAsInfo('The email or password provided is incorrect.')
  })

  it("a field's validation error over GraphQL (REST already logs it at info)", async () => {
    const res = await app.graphql(
      `mutation { createVideo(data: { title: "Bad", url: "https://www.youtube.com/playlist?list=PL1", _status: published }) { id } }`,
      {},
      { token: app.editorToken },
    )
    expect(res.errors?.[0]?.extensions?.name).toBe('ValidationError')
    expectLoggedAsInfo('The following field is invalid: url')
  })

  it("the plugin's own refusals of a malformed query, over REST", async () => {
    const res = await app.rest.get('/articles', { query: { limit: 'many' } })
    expect(res.status).toBe(400)
    expectLoggedAsInfo('"limit" must be between 1 and 100.')
    const page = await app.rest.get('/articles', { query: { page: '1e20' } })
    expect(page.status).toBe(400)
    expectLoggedAsInfo('Invalid query: page')
  })

  it('a where on a path that does not exist (Payload QueryError)', async () => {
    const res = await app.rest.get('/articles', { query: { where: { noSuchField: { equals: 1 } } } })
    expect(res.status).toBe(400)
    expect(records.filter((r) => r.level >= ERROR)).toEqual([])
  })
})

describe('server errors stay at error, with their stack', () => {
  it('over REST', async () => {
    const res = await app.rest.post('/crashes', { body: { title: 'boom' } })
    expect(res.status).toBe(500)
    const [record] = mentioning('the crash hook went boom')
    expect(record?.level).toBe(ERROR)
    expect(record?.err?.stack).toContain('the crash hook went boom')
  })

  it('over GraphQL', async () => {
    const res = await app.graphql(`mutation { createCrash(data: { title: "boom" }) { id } }`)
    expect(res.errors?.[0]?.extensions?.statusCode).toBe(500)
    const found = mentioning('the crash hook went boom')
    expect(found.length).toBeGreaterThan(0)
    for (const record of found) {
      expect(record.level).toBe(ERROR)
      expect(record.err?.stack).toBeDefined()
    }
  })
})

describe('withClientErrorLogLevels', () => {
  it("puts ours under the host's: a level the host set wins, undefined means unset", () => {
    expect(withClientErrorLogLevels(undefined)).toEqual(CLIENT_ERROR_LOG_LEVELS)
    expect(
      withClientErrorLogLevels({ AuthenticationError: 'error', NotFound: false, ValidationError: undefined }),
    ).toEqual({ ...CLIENT_ERROR_LOG_LEVELS, AuthenticationError: 'error', NotFound: false })
  })
})
