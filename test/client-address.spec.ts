/**
 * Issue #11 finding 5, through the route handlers (the same over real HTTP against `next start`: test/cdn/run.mjs).
 * With the defaults (no proxy: `trustedProxies` 0) a client's own X-Forwarded-For / X-Real-IP / CF-Connecting-IP
 * chose the address the email quota and flood control key on; 4 spoofed values bought 20 emails against 10.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { NewsroomTestApp } from './helpers/newsroomApp.js'

import { lexicalParagraphs, startNewsroomApp } from './helpers/newsroomApp.js'

const SPOOFED = ['198.51.100.1', '198.51.100.2', '203.0.113.3', '203.0.113.4']
const spoofed = (i: number) => {
  const ip = SPOOFED[i % SPOOFED.length]!
  return { 'cf-connecting-ip': ip, 'user-agent': 'spoofer', 'x-forwarded-for': ip, 'x-real-ip': ip }
}

describe('the default configuration (trustedProxies 0): the client does not choose its address', () => {
  let app: NewsroomTestApp
  let article: string
  beforeAll(async () => {
    // The plugin's own default, not the harness's one-proxy setting.
    app = await startNewsroomApp({ trustedProxies: undefined })
    const doc = await app.payload.create({
      collection: 'articles',
      data: { _status: 'published', content: lexicalParagraphs('Body.'), title: 'Spoofed' } as never,
    })
    article = String(doc.id)
  })
  afterAll(() => app?.shutdown())

  it('20 article emails with 4 spoofed addresses: at most 10 accepted', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 20; i++) {
      const res = await app.rest.post(`/articles/${article}/email`, {
        body: { senderName: 'Spoofer', to: `friend${i}@example.org` },
        headers: spoofed(i),
      })
      statuses.push(res.status)
    }
    expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(10)
    expect(new Set(statuses)).toEqual(new Set([202, 429]))
  })

  it('flood control is not bypassed by a new spoofed address (and email) per comment', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      const res = await app.rest.post('/comments', {
        body: { article, authorEmail: `spoof${i}@example.org`, authorName: `Spoof ${i}`, body: `Attempt ${i}` },
        headers: spoofed(i),
        query: { depth: 0 },
      })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([201, 429, 429, 429])
  })
})
