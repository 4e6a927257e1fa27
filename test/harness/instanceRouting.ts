/**
 * Lets several Payload instances live in one process (one Jest test file) and
 * still be reached through the real `@payloadcms/next/routes` handlers.
 *
 * Why this is needed (payload 3.90.2 / @payloadcms/next 3.90.2):
 *  - `getPayload()` caches instances in the global Map `global._payload`, keyed
 *    by `options.key ?? 'default'`. The Next REST and GraphQL handlers call
 *    `createPayloadRequest` → `getPayload({ config, cron: true })` WITHOUT a key,
 *    so they always get the 'default' instance — whatever config they were
 *    built with.
 *  - the GraphQL handler caches the built schema in `global._payload_graphql`
 *    (`{ graphql, promise }`), one per process.
 *
 * `initPayload` creates each instance under its own key; the REST/GraphQL
 * helpers run every request inside `runWithPayloadInstance(key, ...)`. Here we
 * make the 'default' cache entry and the GraphQL schema cache resolve to that
 * key's instance for the current async context (AsyncLocalStorage), so
 * concurrent requests to different instances cannot cross.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

interface GraphQLCacheSlot {
  graphql: unknown
  promise: unknown
}

interface InstanceContext {
  key: string
  graphql: GraphQLCacheSlot
}

const graphqlSlots = new Map<string, GraphQLCacheSlot>()
const als = new AsyncLocalStorage<InstanceContext>()

type PayloadCacheMap = Map<string, unknown> & { __newsroomRouted?: true }
type GlobalWithPayloadCaches = typeof globalThis & {
  _payload?: PayloadCacheMap
  _payload_graphql?: Partial<GraphQLCacheSlot> & { __newsroomRouted?: true }
}

function installPayloadCacheRouting(): void {
  const g = globalThis as GlobalWithPayloadCaches
  // Created by `payload` when its index module is evaluated; create it first if
  // it does not exist yet (payload then reuses it: `let _cached = global._payload`).
  if (!g._payload) g._payload = new Map() as PayloadCacheMap
  const map = g._payload
  if (map.__newsroomRouted) return
  map.__newsroomRouted = true
  const get = Map.prototype.get
  map.get = function routedGet(this: PayloadCacheMap, key: string) {
    const ctx = als.getStore()
    if (key === 'default' && ctx) return get.call(this, ctx.key)
    return get.call(this, key)
  }
}

function installGraphQLCacheRouting(): void {
  const g = globalThis as GlobalWithPayloadCaches
  // Created by @payloadcms/next's graphql handler module on evaluation; the
  // handler keeps a reference to this very object, so we route its properties.
  if (!g._payload_graphql) g._payload_graphql = { graphql: null, promise: null }
  const cache = g._payload_graphql
  if (cache.__newsroomRouted) return
  const fallback: GraphQLCacheSlot = { graphql: cache.graphql ?? null, promise: cache.promise ?? null }
  for (const prop of ['graphql', 'promise'] as const) {
    Object.defineProperty(cache, prop, {
      configurable: true,
      enumerable: true,
      get: () => (als.getStore()?.graphql ?? fallback)[prop],
      set: (value: unknown) => {
        ;(als.getStore()?.graphql ?? fallback)[prop] = value
      },
    })
  }
  cache.__newsroomRouted = true
}

/** Install both routings. Safe to call many times; call after importing payload. */
export function installInstanceRouting(): void {
  installPayloadCacheRouting()
  installGraphQLCacheRouting()
}

/** Run `fn` so that Payload's 'default' instance / GraphQL schema resolve to `key`. */
export function runWithPayloadInstance<T>(key: string, fn: () => Promise<T>): Promise<T> {
  installInstanceRouting()
  let slot = graphqlSlots.get(key)
  if (!slot) {
    slot = { graphql: null, promise: null }
    graphqlSlots.set(key, slot)
  }
  return als.run({ graphql: slot, key }, fn)
}

/** Forget everything cached for `key` (called by `shutdown()`). */
export function forgetPayloadInstance(key: string): void {
  graphqlSlots.delete(key)
  const g = globalThis as GlobalWithPayloadCaches
  g._payload?.delete(key)
}
