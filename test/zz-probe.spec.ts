import { it, expect } from '@jest/globals'
import { initPayload } from './harness/initPayload.js'
it('probe', async () => {
  const ctx = await initPayload({ collections: [{ slug: 'users', auth: true, fields: [] }, { slug: 'things', fields: [{ name: 'code', type: 'text', unique: true }, {name: 'n', type: 'text', index: true}] }] })
  await new Promise(r => setTimeout(r, 1000))
  for (const c of ['users', 'things']) {
    const M = ctx.payload.db.collections[c]!
    console.log(c, JSON.stringify((await M.collection.indexes()).map((i: any) => i.name)))
  }
  await ctx.payload.create({ collection: 'users', data: { email: 'a@example.com', password: 'xxxxxxxxxxx1' } })
  const e = await ctx.payload.create({ collection: 'users', data: { email: 'a@example.com', password: 'xxxxxxxxxxx1' } }).catch(e => e)
  console.log('dup user ->', e?.name, e?.message)
  await ctx.payload.create({ collection: 'things', data: { code: 'A' } })
  const e2 = await ctx.payload.create({ collection: 'things', data: { code: 'A' } }).catch(e => e)
  console.log('dup thing ->', e2?.name, e2?.message, e2?.data)
  await ctx.shutdown()
  expect(1).toBe(1)
})
