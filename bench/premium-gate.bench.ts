/**
 * Cost of the access gate on article lists: 50 published articles of mixed visibility (public, members, paid,
 * tiers in turn) read as a REST list by each requester kind (anonymous, member, paid subscriber of one tier,
 * subscriber of the listed tier, a member with meter unlocks, an anonymous reader with a gift token) and an
 * anonymous GraphQL list through the plugin's `articles`, against the same 50
 * documents in an ungated control collection with identical fields (same rich-text editor, a join on the
 * same comments collection), built from the plugin's own articles config minus the gate (field access,
 * read hooks, forceSelect, published-only access). Both run in this process on the same database,
 * request by request; the ratio is the median of gated/control over the pairs (target ≤ 1.10).
 *
 *   npx tsx bench/premium-gate.bench.ts            (starts the embedded MongoDB-compatible server)
 *   MONGODB_URI=mongodb://… npx tsx bench/premium-gate.bench.ts
 */
import type { CollectionConfig, Field } from 'payload'

import type { ResolvedNewsroomOptions } from '../src/types.js'
import { preloadLexical } from '../test/harness/preloadLexical.js'
import { median, runBench, startBenchDatabase } from './harness.js'

// Lexical first, one package at a time, then the plugin dynamically (test/harness/preloadLexical.ts says why).
const loadModules = async () => {
  await preloadLexical()
  return {
    ...(await import('../collections/articles/index.js')),
    ...(await import('../src/defaults.js')),
    ...(await import('../src/index.js')),
    ...(await import('../test/harness/initPayload.js')),
  }
}

const ARTICLES = 50
const WARMUP = Number(process.env.WARMUP ?? 30)
const SAMPLES = Number(process.env.SAMPLES ?? 200)
const TARGET = 1.1

const CONTROL = 'control-articles'
/** The same control, but read like the articles are: published documents only (isolates that part of the gate). */
const CONTROL_PUBLISHED = 'control-articles-published'
/** Added to the plugin's comments (bench config only) so the controls' joins read the very same collection. */
const CONTROL_RELATION = 'controlArticle'
const CONTROL_PUBLISHED_RELATION = 'publishedControlArticle'

/** The plugin's article fields without field access (the gate); the comments join reads the same comments by `on`. */
const ungated = (fields: Field[], on: string): Field[] =>
  fields.map((field) => {
    const copy = { ...field } as Field & { access?: unknown; fields?: Field[]; on?: string; type: string }
    if (copy.access) delete copy.access
    if (copy.type === 'join') copy.on = on
    if (Array.isArray(copy.fields)) copy.fields = ungated(copy.fields, on)
    return copy
  })

const controlCollections = (
  articlesCollection: (options: ResolvedNewsroomOptions) => CollectionConfig,
  options: ResolvedNewsroomOptions,
): CollectionConfig[] => {
  const gated = articlesCollection(options)
  // The gate is the articles collection's only read hooks; if that changes, this control must too.
  const readHooks = ['beforeOperation', 'beforeRead', 'afterRead'] as const
  const counts = readHooks.map((k) => gated.hooks?.[k]?.length ?? 0)
  if (counts.join() !== '2,1,1') throw new Error(`articles read hooks changed (${counts.join()}): update the control`)
  const control = (slug: string, on: string, name: string): CollectionConfig => ({
    slug,
    access: { read: () => true },
    fields: ungated(gated.fields, on),
    graphQL: { pluralName: `${name}s`, singularName: name },
    versions: gated.versions,
  })
  return [
    control(CONTROL, CONTROL_RELATION, 'ControlArticle'),
    {
      ...control(CONTROL_PUBLISHED, CONTROL_PUBLISHED_RELATION, 'PublishedControlArticle'),
      access: { read: ({ req }) => (req.user ? true : { _status: { equals: 'published' } }) },
    },
  ]
}

const paragraph = (text: string) => ({
  type: 'paragraph',
  children: [{ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text, version: 1 }],
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  version: 1,
})
const SENTENCE = 'The council approved the budget after a long debate about housing, schools and the river bridge. '
const VISIBILITY_CYCLE = ['public', 'members', 'paid', 'tiers'] as const
const DAY = 24 * 60 * 60 * 1000

const body = (i: number, premium: boolean) => ({
  root: {
    type: 'root',
    children: [
      paragraph(`Article ${i}. ${SENTENCE.repeat(3)}`),
      paragraph(SENTENCE.repeat(4)),
      ...(premium
        ? [
            {
              type: 'block',
              fields: { id: `66${String(i).padStart(22, '0')}`, blockName: '', blockType: 'paywallBreak' },
              format: '',
              version: 2,
            },
          ]
        : []),
      ...Array.from({ length: 6 }, () => paragraph(SENTENCE.repeat(4))),
    ],
    direction: 'ltr',
    format: '',
    indent: 0,
    version: 1,
  },
})

const main = async () => {
  const { articlesCollection, initPayload, newsroomPlugin, resolveOptions } = await loadModules()
  const stopDatabase = await startBenchDatabase()

  const app = await initPayload({
    admin: { user: 'users' },
    collections: [
      { slug: 'users', auth: true, fields: [] },
      ...controlCollections(articlesCollection, resolveOptions()),
    ],
    logger: { options: { level: 'warn' } },
    plugins: [
      newsroomPlugin({
        // The meter on: readers' lists then include the meter lookup, as in production with metering.
        premium: { meter: { audience: 'everyone', free: 3, periodDays: 30 } },
        overrides: {
          comments: {
            fields: ({ defaultFields }) => [
              ...defaultFields,
              { name: CONTROL_RELATION, type: 'relationship', index: true, relationTo: CONTROL },
              { name: CONTROL_PUBLISHED_RELATION, type: 'relationship', index: true, relationTo: CONTROL_PUBLISHED },
            ],
          },
        },
      }),
    ],
  })
  const { graphql, payload, rest } = app

  try {
    const visibilityOf = (i: number) => VISIBILITY_CYCLE[i % VISIBILITY_CYCLE.length]!
    const articleIds: string[] = []
    for (let i = 0; i < ARTICLES; i++) {
      const visibility = visibilityOf(i)
      const premium = visibility !== 'public'
      const data = {
        _status: 'published' as const,
        content: body(i, premium),
        excerpt: `Excerpt of article ${i}.`,
        premium,
        tiers: visibility === 'tiers' ? ['all-access'] : [],
        visibility,
        publishedAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
        title: `Article ${i}`,
      }
      articleIds.push(String((await payload.create({ collection: 'articles', data })).id))
      await payload.create({ collection: CONTROL as 'articles', data })
      await payload.create({ collection: CONTROL_PUBLISHED as 'articles', data })
    }

    // Requester kinds: readers by subscription, a member with three meter unlocks, an anonymous gift holder.
    const reader = async (name: string, subscription: Record<string, unknown>) => {
      const email = `${name}@bench.test`
      await payload.create({
        collection: 'readers',
        data: { _verified: true, email, password: 'bench-password-1', subscription } as never,
      })
      return rest.login('readers', email, 'bench-password-1')
    }
    const future = new Date(Date.now() + 30 * DAY).toISOString()
    const memberToken = await reader('member', { plan: 'free', status: 'active' })
    const digitalToken = await reader('digital', {
      currentPeriodEnd: future,
      plan: 'premium',
      status: 'active',
      tier: 'digital',
    })
    const allAccessToken = await reader('all-access', {
      currentPeriodEnd: future,
      plan: 'premium',
      status: 'active',
      tier: 'all-access',
    })
    const meteredToken = await reader('metered', { plan: 'free', status: 'active' })
    const paidIds = articleIds.filter((_, i) => visibilityOf(i) === 'paid')
    for (const id of paidIds.slice(0, 3)) {
      const res = await rest.post(`/articles/${id}/unlock`, { query: { depth: 0 }, token: meteredToken })
      if (res.status !== 200) throw new Error(`bench: unlock answered ${res.status}`)
    }
    const gift = await rest.post(`/articles/${paidIds[3]}/gift`, { token: allAccessToken })
    if (gift.status !== 201) throw new Error(`bench: gift answered ${gift.status}`)
    const giftHeaders = { 'x-newsroom-gift': gift.json.token as string }
    const giftCookie = (await rest.get(`/articles/${paidIds[3]}`, { headers: giftHeaders })).headers.get('set-cookie')
    const giftHolder = { ...giftHeaders, cookie: (giftCookie ?? '').split(';')[0]! }

    // Locked documents each kind must see (a wrong count stops the bench: it would time the wrong thing).
    const count = (v: (typeof VISIBILITY_CYCLE)[number]) => articleIds.filter((_, i) => visibilityOf(i) === v).length
    const gated = count('members') + count('paid') + count('tiers')
    const KINDS: { headers?: Record<string, string>; locked: number; name: string; token?: string }[] = [
      { locked: gated, name: 'anonymous' },
      { locked: count('paid') + count('tiers'), name: 'member', token: memberToken },
      { locked: count('tiers'), name: 'subscriber, other tier', token: digitalToken },
      { locked: 0, name: 'subscriber, listed tier', token: allAccessToken },
      { locked: count('paid') + count('tiers') - 3, name: 'member, 3 meter unlocks', token: meteredToken },
      { headers: giftHolder, locked: gated - 1, name: 'anonymous with a gift token' },
    ]

    const FIELDS = 'id title slug excerpt content premium visibility locked unlockedBy teaser publishedAt'
    const list = (slug: string, kind: (typeof KINDS)[number]) => () =>
      rest.get(`/${slug}`, { headers: kind.headers, query: { limit: ARTICLES }, token: kind.token })
    const cases = [
      ...KINDS.map((kind) => ({
        control: list(CONTROL, kind),
        gated: list('articles', kind),
        locked: kind.locked,
        name: `REST list, ${kind.name}`,
        published: list(CONTROL_PUBLISHED, kind),
      })),
      {
        control: () => graphql(`{ ControlArticles(limit: ${ARTICLES}) { docs { ${FIELDS} } } }`),
        gated: () => graphql(`{ Articles(limit: ${ARTICLES}) { docs { ${FIELDS} } } }`),
        locked: gated,
        name: 'GraphQL list, anonymous',
        published: () => graphql(`{ PublishedControlArticles(limit: ${ARTICLES}) { docs { ${FIELDS} } } }`),
      },
    ]

    type Docs = { content: unknown; locked?: boolean }[]
    const docsOf = (response: unknown): Docs => {
      const value = response as { data?: Record<string, { docs: Docs }>; json?: { docs: Docs } }
      return value.json?.docs ?? Object.values(value.data ?? {})[0]?.docs ?? []
    }
    // Sanity: every side returns the same 50 documents, and the gate really withholds half of the bodies.
    for (const c of cases) {
      const [gated, control] = [await c.gated(), await c.control()]
      if (docsOf(await c.published()).length !== ARTICLES)
        throw new Error(`${c.name}: the published-only control lost documents`)
      const gatedDocs = docsOf(gated)
      const controlDocs = docsOf(control)
      const locked = gatedDocs.filter((d) => d.locked === true && d.content === null).length
      if (gatedDocs.length !== ARTICLES || controlDocs.length !== ARTICLES || locked !== c.locked) {
        throw new Error(
          `${c.name}: unexpected results (gated ${gatedDocs.length}, control ${controlDocs.length}, locked ${locked})`,
        )
      }
    }

    const timed = async (run: () => Promise<unknown>) => {
      const start = performance.now()
      await run()
      return performance.now() - start
    }

    console.log(
      `access gate: list of ${ARTICLES} articles (${count('public')} public, ${count('members')} members, ${count('paid')} paid, ${count('tiers')} tiers), ms per request (median of ${SAMPLES}), ` +
        'requests interleaved; ratio = median of paired gated/control',
    )
    console.log(
      `${'case'.padEnd(44)}${'gated'.padStart(9)}${'control'.padStart(9)}${'ratio'.padStart(8)}` +
        `   ${'control, published only'.padStart(24)}${'ratio'.padStart(8)}`,
    )
    const ratios: number[] = []
    // CASE=… times only the cases whose name contains it (for profiling one requester kind).
    for (const c of cases.filter((x) => !process.env.CASE || x.name.includes(process.env.CASE))) {
      const sides = [c.gated, c.control, c.published]
      for (let i = 0; i < WARMUP; i++) for (const run of sides) await run()
      const times: number[][] = sides.map(() => [])
      for (let i = 0; i < SAMPLES; i++) {
        // Rotate which side goes first, so none always runs on a warmer cache; pair them so drift cancels.
        for (let k = 0; k < sides.length; k++) {
          const side = (i + k) % sides.length
          times[side]!.push(await timed(sides[side]!))
        }
      }
      const [gated, control, published] = times as [number[], number[], number[]]
      const ratio = median(gated.map((g, i) => g / control[i]!))
      const publishedRatio = median(gated.map((g, i) => g / published[i]!))
      ratios.push(ratio)
      console.log(
        `${c.name.padEnd(44)}${median(gated).toFixed(2).padStart(9)}${median(control).toFixed(2).padStart(9)}${ratio.toFixed(3).padStart(8)}` +
          `   ${median(published).toFixed(2).padStart(24)}${publishedRatio.toFixed(3).padStart(8)}`,
      )
    }
    const worst = Math.max(...ratios)
    console.log(
      `overhead ratio (worst case): ${worst.toFixed(3)} — target ≤ ${TARGET.toFixed(2)}: ${worst <= TARGET ? 'met' : 'MISSED'}`,
    )

    // The unlock endpoint: a first unlock (a new anonymous requester each time: one insert, a cookie) and a
    // repeated one (already unlocked: nothing spent), against a plain read of the same article.
    const target = paidIds[4]!
    const firstUnlock = async () => {
      const res = await rest.post(`/articles/${target}/unlock`, { query: { depth: 0 } })
      if (res.status !== 200) throw new Error(`bench: unlock answered ${res.status}`)
    }
    const cookie = ((await rest.post(`/articles/${target}/unlock`)).headers.get('set-cookie') ?? '').split(';')[0]!
    const repeatUnlock = () => rest.post(`/articles/${target}/unlock`, { headers: { cookie }, query: { depth: 0 } })
    const plainRead = () => rest.get(`/articles/${target}`, { headers: { cookie }, query: { depth: 0 } })
    const endpointSides = [firstUnlock, repeatUnlock, plainRead]
    for (let i = 0; i < WARMUP; i++) for (const run of endpointSides) await run()
    const endpointTimes: number[][] = endpointSides.map(() => [])
    for (let i = 0; i < SAMPLES; i++) {
      for (let k = 0; k < endpointSides.length; k++) {
        const side = (i + k) % endpointSides.length
        endpointTimes[side]!.push(await timed(endpointSides[side]!))
      }
    }
    const [first, repeat, read] = endpointTimes as [number[], number[], number[]]
    console.log(
      `unlock endpoint, ms (median of ${SAMPLES}): first unlock ${median(first).toFixed(2)} ` +
        `(ratio to a read ${median(first.map((f, i) => f / read[i]!)).toFixed(3)}), ` +
        `repeated ${median(repeat).toFixed(2)} (ratio ${median(repeat.map((r, i) => r / read[i]!)).toFixed(3)}), ` +
        `plain findByID ${median(read).toFixed(2)}`,
    )
  } finally {
    await app.shutdown()
    await stopDatabase()
  }
}

runBench('premium-gate', main)
