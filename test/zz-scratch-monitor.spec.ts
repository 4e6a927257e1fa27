import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { initPayload } from './harness/initPayload.js'

const mode = process.env.SCRATCH_MODE as 'auto' | 'poll' | 'stream'
let app: Awaited<ReturnType<typeof initPayload>>
beforeAll(async () => {
  app = await initPayload(
    { collections: [{ slug: 'things', access: { create: () => true }, fields: [{ name: 'n', type: 'number' }] }] },
    { database: { adapterArgs: { connectOptions: { serverMonitoringMode: mode } } } },
  )
})
afterAll(() => app?.shutdown())
it('400 concurrent REST creates', async () => {
  const answers = await Promise.all(Array.from({ length: 400 }, (_, n) => app.rest.post('/things', { body: { n } })))
  const statuses = answers.map((a) => a.status)
  console.log(mode, statuses.filter((s) => s !== 201).length, 'failed', JSON.stringify(answers.find((a) => a.status !== 201)?.json))
  expect(statuses).toEqual(Array(400).fill(201))
})
