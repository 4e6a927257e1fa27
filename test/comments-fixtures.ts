/**
 * Shared fixtures of the comment specs: articles, readers, and one `submit` that posts a comment over REST
 * or GraphQL and answers in the same shape (status as HTTP would say it, the returned doc, field errors).
 */
import type { Payload } from 'payload'

import { GRAPHQL_POST } from '@payloadcms/next/routes'
import { randomUUID } from 'node:crypto'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { requesterFromHeaders } from '../src/moderation/submission.js'
import { runWithPayloadInstance } from './harness/instanceRouting.js'

import { HARNESS_TRUSTED_PROXIES, lexicalParagraphs, READER_PASSWORD } from './helpers/newsroomApp.js'

export type Surface = 'GraphQL' | 'REST'
export const SURFACES: Surface[] = ['REST', 'GraphQL']

let counter = 0
/** A fresh address per call, so the flood rule (same email) never links unrelated tests. */
export const uniqueEmail = (label = 'reader') => `${label}-${++counter}-${randomUUID().slice(0, 8)}@example.org`
/** A fresh client address per call, for the same reason (same fingerprint). */
export const uniqueIp = () => `198.51.${Math.floor(counter / 250) % 250}.${++counter % 250}`

export const publishArticle = async (payload: Payload, data: Record<string, unknown> = {}): Promise<string> => {
  const article = await payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      content: lexicalParagraphs('Body of the article.'),
      publishedAt: new Date().toISOString(),
      title: `Article ${randomUUID().slice(0, 8)}`,
      ...data,
    } as never,
  })
  return String(article.id)
}

export type TestReader = { email: string; id: string; token: string }

export const createReader = async (
  app: NewsroomTestApp,
  { name, premium = false, tier }: { name?: string; premium?: boolean; tier?: string } = {},
): Promise<TestReader> => {
  const email = uniqueEmail('account')
  const reader = await app.payload.create({
    collection: 'readers',
    data: {
      _verified: true,
      email,
      name,
      password: READER_PASSWORD,
      ...(premium
        ? {
            subscription: {
              currentPeriodEnd: new Date(Date.now() + 30 * 86_400_000).toISOString(),
              plan: 'premium',
              status: 'active',
              ...(tier ? { tier } : {}),
            },
          }
        : {}),
    } as never,
  })
  return { email, id: String(reader.id), token: await app.rest.login('readers', email, READER_PASSWORD) }
}

type GraphQLErrorEntry = { extensions?: { data?: any; name?: string; statusCode?: number }; message: string }

/** GraphQL through Payload's real handler, like the harness client, but keeping the response headers. */
export const graphqlWithHeaders = async (
  app: NewsroomTestApp,
  query: string,
  variables: Record<string, unknown>,
  { headers = {}, token }: { headers?: Record<string, string>; token?: string } = {},
): Promise<{ data: any; errors?: GraphQLErrorEntry[]; headers: Headers; status: number }> => {
  const { config } = app
  const request = new Request(`${config.serverURL}${config.routes.api}${config.routes.graphQL}`, {
    body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', ...headers, ...(token ? { authorization: `JWT ${token}` } : {}) },
    method: 'POST',
  })
  const response = await runWithPayloadInstance(app.key, () => GRAPHQL_POST(config)(request))
  const json = (await response.json()) as { data?: any; errors?: GraphQLErrorEntry[] }
  return { data: json.data, errors: json.errors, headers: response.headers, status: response.status }
}

/**
 * A pool of readers created up front, in parallel (logins are slow one by one); `next()` hands out a fresh one.
 */
export const readerPool = async (app: NewsroomTestApp, size: number) => {
  const readers: TestReader[] = []
  for (let i = 0; i < size; i += 10) {
    readers.push(...(await Promise.all(Array.from({ length: Math.min(10, size - i) }, () => createReader(app)))))
  }
  return {
    next: (): TestReader => {
      const reader = readers.shift()
      if (!reader) throw new Error('reader pool exhausted: make it bigger')
      return reader
    },
  }
}

export type Submission = {
  /** Stored comment as the requester got it back (null when refused). */
  doc: null | Record<string, any>
  /** Field-level errors `[{ path, message }]` of a 400. */
  fieldErrors: { message: string; path: string }[]
  message?: string
  /** The Retry-After response header (REST and GraphQL carry it). */
  retryAfter: null | string
  /** 201 on success; the error's HTTP status otherwise (GraphQL: `extensions.statusCode`). */
  status: number
}

export type SubmitOptions = { ip?: string; token?: string; userAgent?: string }

const DEFAULT_USER_AGENT = 'Mozilla/5.0 (jest)'

/** The fingerprint `submit` from `ip` (and the default user agent) gets, to seed a requester's history. */
export const fingerprintOf = (payload: Payload, ip: string, userAgent = DEFAULT_USER_AGENT): string =>
  requesterFromHeaders(
    new Headers({ 'user-agent': userAgent, 'x-forwarded-for': ip }),
    payload.secret,
    HARNESS_TRUSTED_PROXIES,
  ).fingerprint!

const COMMENT_SELECTION =
  'id status authorName authorEmail authorUrl body moderationReason fingerprint article { id } parent { id }'

export const submit = async (
  app: NewsroomTestApp,
  surface: Surface,
  data: Record<string, unknown>,
  { ip = uniqueIp(), token, userAgent = DEFAULT_USER_AGENT }: SubmitOptions = {},
): Promise<Submission> => {
  const headers = { 'user-agent': userAgent, 'x-forwarded-for': ip }
  if (surface === 'REST') {
    const res = await app.rest.post('/comments', { body: data, headers, query: { depth: 0 }, token })
    const error = res.json?.errors?.[0]
    return {
      doc: res.status === 201 ? res.json.doc : null,
      fieldErrors: error?.data?.errors ?? [],
      message: error?.message,
      retryAfter: res.headers.get('retry-after'),
      status: res.status,
    }
  }
  const res = await graphqlWithHeaders(
    app,
    `mutation Submit($data: mutationCommentInput!) { createComment(data: $data) { ${COMMENT_SELECTION} } }`,
    { data },
    { headers, token },
  )
  const error = res.errors?.[0]
  return {
    doc: res.data?.createComment ?? null,
    fieldErrors: (error?.extensions?.data as { errors?: Submission['fieldErrors'] } | undefined)?.errors ?? [],
    message: error?.message,
    retryAfter: res.headers.get('retry-after'),
    // Payload's errors carry their status; GraphQL's own (schema) errors are answered 400 by the handler.
    status: error ? Number(error.extensions?.statusCode ?? res.status) : 201,
  }
}

/** The comment as stored (editors' view, every field). */
export const stored = (payload: Payload, id: number | string) =>
  payload.findByID({ collection: 'comments', depth: 0, id }) as Promise<Record<string, any>>

export const commentCountOf = async (payload: Payload, articleId: string): Promise<number> => {
  const article = await payload.findByID({ collection: 'articles', depth: 0, id: articleId })
  return (article as { commentCount?: number }).commentCount ?? 0
}

/** Sets Discussion settings as an editor would in the admin. */
export const setDiscussion = (payload: Payload, data: Record<string, unknown>) =>
  payload.updateGlobal({ slug: 'discussion-settings', data: data as never })
