import { afterAll, beforeAll, it } from '@jest/globals'
import type { NewsroomTestApp } from './helpers/newsroomApp.js'
import { startNewsroomApp, lexicalParagraphs } from './helpers/newsroomApp.js'

let app: NewsroomTestApp
const rejections: unknown[] = []
beforeAll(async () => {
  app = await startNewsroomApp({ comments: { floodSeconds: 0 } })
  const art = await app.payload.create({ collection: 'articles', data: { _status: 'published', title: 'A', content: lexicalParagraphs('x') } as never })
  await app.payload.create({ collection: 'comments', data: { article: art.id, authorEmail: 'q@x.org', authorName: 'Q', body: 'c', status: 'approved' } as never, user: { ...(await app.payload.find({ collection: 'users' })).docs[0], collection: 'users' } as never })
})
afterAll(() => app?.shutdown())
it('probe', async () => {
  for (const w of ['parent.authorEmail', 'article.comments.authorEmail', 'parent.fingerprint']) {
    const r = await app.rest.get('/comments', { query: { where: { [w]: { equals: 'x' } } } })
    console.log('W', w, r.status, r.text.slice(0, 200))
    await new Promise((res) => setTimeout(res, 200))
  }
})
