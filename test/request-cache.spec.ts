/** src/utilities/requestCache.ts: one value per request, keyed by `req.context`. */
import type { PayloadRequest } from 'payload'

import { describe, expect, it } from '@jest/globals'

import { requestCache } from '../src/utilities/requestCache.js'

const request = (user: unknown = null, context: object = {}): PayloadRequest =>
  ({ context, user }) as unknown as PayloadRequest

describe('requestCache', () => {
  it('computes once per request', () => {
    const cache = requestCache<number>()
    const req = request()
    let calls = 0
    expect(cache(req, () => ++calls)).toBe(1)
    expect(cache(req, () => ++calls)).toBe(1)
    expect(calls).toBe(1)
  })

  it('shares the value with a per-resolver proxy of the same request (same req.context)', () => {
    const cache = requestCache<string>()
    const req = request()
    const proxy = new Proxy(req, {}) as PayloadRequest
    expect(proxy).not.toBe(req)
    cache(req, () => 'first')
    expect(cache(proxy, () => 'second')).toBe('first')
  })

  it('never shares between requests', () => {
    const cache = requestCache<string>()
    cache(request(), () => 'a')
    expect(cache(request(), () => 'b')).toBe('b')
  })

  it('falls back to req when there is no context object', () => {
    const cache = requestCache<string>()
    const req = { user: null } as unknown as PayloadRequest
    cache(req, () => 'a')
    expect(cache(req, () => 'b')).toBe('a')
    expect(cache({ user: null } as unknown as PayloadRequest, () => 'c')).toBe('c')
  })

  it('with sameUser, recomputes when req.user changes within the request', () => {
    const cache = requestCache<string>({ sameUser: true })
    const req = request(null)
    expect(cache(req, () => 'anonymous')).toBe('anonymous')
    ;(req as { user: unknown }).user = { id: 1 }
    expect(cache(req, () => 'reader')).toBe('reader')
    expect(cache(req, () => 'again')).toBe('reader')
  })

  it('without sameUser, keeps the value across a user change', () => {
    const cache = requestCache<string>()
    const req = request(null)
    cache(req, () => 'first')
    ;(req as { user: unknown }).user = { id: 1 }
    expect(cache(req, () => 'second')).toBe('first')
  })

  it('drops a rejected promise so a failed read does not stick to the request', async () => {
    const cache = requestCache<Promise<string>>()
    const req = request()
    await expect(cache(req, () => Promise.reject(new Error('down')))).rejects.toThrow('down')
    await expect(cache(req, () => Promise.resolve('up'))).resolves.toBe('up')
    await expect(cache(req, () => Promise.resolve('later'))).resolves.toBe('up')
  })
})
