import type { CollectionConfig, Field } from 'payload'
import { articlesCollection } from '../collections/articles/index.js'
import { newsroomPlugin } from '../src/index.js'
import { resolveOptions } from '../src/defaults.js'
import { startEmbeddedMongo } from '../test/harness/embeddedMongo.mjs'
import { initPayload } from '../test/harness/initPayload.js'

const strip = (fields: Field[], keepAccess: boolean): Field[] => fields.filter((f: any) => f.type !== 'join').map((field) => {
  const copy = { ...field } as any
  if (copy.access && !keepAccess) delete copy.access
  if (Array.isArray(copy.fields)) copy.fields = strip(copy.fields, keepAccess)
  return copy
})
const gated = articlesCollection(resolveOptions())
const published = ({ req }: any) => (req.user ? true : { _status: { equals: 'published' } })
const variants: Record<string, CollectionConfig> = {
  plain: { slug: 'v-plain', access: { read: () => true }, fields: strip(gated.fields, false), versions: gated.versions },
  status: { slug: 'v-status', access: { read: published }, fields: strip(gated.fields, false), versions: gated.versions },
  fieldaccess: { slug: 'v-fa', access: { read: published }, fields: strip(gated.fields, true), versions: gated.versions },
  hooks: { slug: 'v-hooks', access: { read: published }, fields: strip(gated.fields, false), versions: gated.versions, hooks: { afterRead: gated.hooks!.afterRead, beforeRead: gated.hooks!.beforeRead, beforeOperation: gated.hooks!.beforeOperation }, forceSelect: gated.forceSelect },
  full: { slug: 'v-full', access: { read: published }, fields: strip(gated.fields, true), versions: gated.versions, hooks: { afterRead: gated.hooks!.afterRead, beforeRead: gated.hooks!.beforeRead, beforeOperation: gated.hooks!.beforeOperation }, forceSelect: gated.forceSelect },
}
const para = (t: string) => ({ type: 'paragraph', children: [{ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text: t, version: 1 }], direction: 'ltr', format: '', indent: 0, textFormat: 0, version: 1 })
const S = 'The council approved the budget after a long debate about housing. '
const main = async () => {
  const server = await startEmbeddedMongo(); process.env.MONGODB_URI = server.uri; process.env.NEWSROOM_EMBEDDED_MONGO = '1'
  const app = await initPayload({ admin: { user: 'users' }, collections: [{ slug: 'users', auth: true, fields: [] }, ...Object.values(variants)], plugins: [newsroomPlugin()], logger: { options: { level: 'warn' } } as any })
  for (let i = 0; i < 50; i++) {
    const premium = i % 2 === 0
    const data: any = { _status: 'published', premium, title: `A ${i}`, content: { root: { type: 'root', children: [para(S.repeat(3)), ...(premium ? [{ type: 'block', fields: { id: `66${String(i).padStart(22, '0')}`, blockName: '', blockType: 'paywallBreak' }, format: '', version: 2 }] : []), ...Array.from({ length: 6 }, () => para(S.repeat(4)))], direction: 'ltr', format: '', indent: 0, version: 1 } } }
    for (const slug of ['articles', ...Object.values(variants).map((v) => v.slug)]) await app.payload.create({ collection: slug as any, data })
  }
  const med = (a: number[]) => { const b = [...a].sort((x, y) => x - y); return b[Math.floor(b.length / 2)]!.toFixed(1) }
  const cmp = async (label: string, reqs: [string, any][]) => {
    const times: number[][] = reqs.map(() => [])
    for (let r = 0; r < 60; r++) for (let k = 0; k < reqs.length; k++) { const [slug, q] = reqs[(k + r) % reqs.length]!; const t = performance.now(); await app.rest.get(`/${slug}` as any, { query: q }); if (r >= 10) times[(k + r) % reqs.length]!.push(performance.now() - t) }
    console.log(label, reqs.map(([slug, q], i) => `${slug}${JSON.stringify(q)}=${med(times[i]!)}`).join('  '))
  }
  await cmp('nojoin', [['articles', { limit: 50, joins: { comments: false } }], ['v-full', { limit: 50 }], ['v-plain', { limit: 50 }], ['v-status', { limit: 50 }], ['v-fa', { limit: 50 }], ['v-hooks', { limit: 50 }]])
  await cmp('join', [['articles', { limit: 50 }], ['articles', { limit: 50, joins: { comments: false } }]])
  await app.shutdown(); await server.stop()
}
main()
