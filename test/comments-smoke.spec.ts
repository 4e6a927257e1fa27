import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startNewsroomApp, lexicalParagraphs, type NewsroomTestApp } from './helpers/newsroomApp.js'

let app: NewsroomTestApp
let articleId: string
beforeAll(async () => {
  const t0 = Date.now()
  app = await startNewsroomApp({ comments: { notify: { editors: ['ed@x.org'] } } })
  console.log('boot ms', Date.now() - t0)
  const a = await app.payload.create({ collection: 'articles', data: { title: 'Hello', content: lexicalParagraphs('x'), _status: 'published', publishedAt: new Date().toISOString() } as never })
  articleId = String(a.id)
})
afterAll(() => app?.shutdown())
describe('smoke', () => {
  it('posts', async () => {
    const r = await app.rest.post('/comments', { body: { article: articleId, authorName: 'Ann', authorEmail: 'Ann@Example.org', body: '  hi there  ', status: 'approved', moderationReason: 'x', fingerprint: 'y' } })
    console.log(r.status, r.text)
    const r2 = await app.rest.post('/comments', { body: { article: articleId, authorName: 'Ann', authorEmail: 'ann@example.org', body: 'hi there 2' } })
    console.log(r2.status, r2.headers.get('retry-after'), r2.text)
    const r3 = await app.rest.post('/comments', { body: { article: articleId, authorName: '', authorEmail: 'bad', body: '', authorUrl: 'javascript:alert(1)' } })
    console.log(r3.status, r3.text)
    const g = await app.graphql(`mutation($data: mutationCommentInput!) { createComment(data: $data) { id status authorName authorEmail moderationReason } }`, { data: { article: articleId, authorName: 'Ann', authorEmail: 'ann@example.org', body: 'hi there 3' } })
    console.log(JSON.stringify(g))
    const all = await app.payload.find({ collection: 'comments' })
    console.log(JSON.stringify(all.docs.map((d: any) => [d.status, d.moderationReason, d.fingerprint, d.body])))
    const jobs = await app.payload.find({ collection: 'payload-jobs' as never })
    console.log('jobs', jobs.totalDocs)
  })
})
