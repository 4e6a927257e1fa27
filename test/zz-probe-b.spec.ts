import { describe, expect, it } from '@jest/globals'
import mongoose from 'mongoose'
import { createRequire } from 'node:module'

describe('probe', () => {
  it('env + patch', async () => {
    console.log('pid', process.pid, 'uri', process.env.MONGODB_URI, 'flag', process.env.NEWSROOM_EMBEDDED_MONGO, 'JEST_WORKER_ID', process.env.JEST_WORKER_ID)
    const require = createRequire(import.meta.url)
    const mod = require('mongodb/lib/operations/find_and_modify.js')
    console.log('patched via createRequire:', Boolean(mod.FindOneAndDeleteOperation.prototype.buildCommandDocument.__newsroomJongodbPatched))
    const conn = await mongoose.createConnection(process.env.MONGODB_URI!.replace('/test?', '/probeA?')).asPromise()
    const M = conn.model('X', new mongoose.Schema({ a: Number }))
    await M.create({ a: 1 })
    const r = await M.findOneAndDelete({ a: 1 })
    console.log('deleted', r)
    await conn.close()
    expect(r).toBeTruthy()
  })
})
