import type { Access, CollectionConfig, Config, GlobalConfig, Payload, PayloadRequest } from 'payload'

/**
 * Payload's default access is "any logged-in user". Readers sign themselves up, so once the plugin is
 * installed "logged in" no longer means "staff": wherever the host (or Payload itself) relies on that
 * default, readers are locked out and the host's users keep exactly the access they had.
 */
export const loggedInButNotReader =
  (readersSlug: string): Access =>
  ({ req }: { req: PayloadRequest }) =>
    Boolean(req.user) && req.user!.collection !== readersSlug

const COLLECTION_OPERATIONS = ['create', 'read', 'update', 'delete', 'readVersions', 'unlock'] as const
const GLOBAL_OPERATIONS = ['read', 'update', 'readVersions'] as const

const fillMissing = <T extends Record<string, unknown>>(
  access: T | undefined,
  ops: readonly string[],
  fallback: Access,
): T => {
  const filled: Record<string, unknown> = { ...access }
  for (const op of ops) if (!filled[op]) filled[op] = fallback
  return filled as T
}

/** The request as the host's access sees it for a reader: the same request, with nobody logged in. */
const anonymousView = (req: PayloadRequest): PayloadRequest =>
  new Proxy(req, {
    get: (target, prop) => {
      if (prop === 'user') return null
      const value: unknown = Reflect.get(target, prop, target)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })

/**
 * The host's own access functions were written when "logged in" meant staff: Payload's website template grants
 * `authenticated` (any user) create/update/delete on pages, media and users. To them, a reader is anonymous;
 * a host collection that does mean readers opts out with `custom: { newsroom: { readersUseOwnAccess: true } }`.
 */
const anonymousToReaders = <T extends Record<string, unknown>>(access: T | undefined, readersSlug: string): T => {
  const wrapped: Record<string, unknown> = { ...access }
  for (const [op, original] of Object.entries(wrapped)) {
    if (typeof original !== 'function') continue
    const fn = original as (args: { req: PayloadRequest }) => unknown
    wrapped[op] = (args: { req: PayloadRequest }) =>
      args?.req?.user && args.req.user.collection === readersSlug
        ? fn({ ...args, req: anonymousView(args.req) })
        : fn(args)
  }
  return wrapped as T
}

const readersUseOwnAccess = (custom: Record<string, unknown> | undefined): boolean =>
  Boolean((custom?.newsroom as { readersUseOwnAccess?: boolean } | undefined)?.readersUseOwnAccess)

/**
 * Applied to the host's config before the plugin adds anything (the plugin's own wrappers, like the premium file
 * guard on a host media collection, must see the real reader).
 */
export const readersAnonymousToHostAccess = (config: Config, readersSlug: string): Config => {
  const wrap = <T extends Record<string, unknown>>(access: T | undefined, custom?: Record<string, unknown>) =>
    readersUseOwnAccess(custom) ? access : anonymousToReaders(access, readersSlug)
  return {
    ...config,
    collections: config.collections?.map((c): CollectionConfig => ({ ...c, access: wrap(c.access, c.custom) })),
    globals: config.globals?.map((g): GlobalConfig => ({ ...g, access: wrap(g.access, g.custom) })),
    jobs: config.jobs ? { ...config.jobs, access: wrap(config.jobs.access) } : config.jobs,
  }
}

export const lockReadersOutOfHostDefaults = (config: Config, readersSlug: string, ours: Set<string>): Config => {
  const fallback = loggedInButNotReader(readersSlug)
  return {
    ...config,
    collections: (config.collections ?? []).map((c): CollectionConfig =>
      ours.has(c.slug) ? c : { ...c, access: fillMissing(c.access, COLLECTION_OPERATIONS, fallback) },
    ),
    globals: (config.globals ?? []).map((g): GlobalConfig =>
      ours.has(g.slug) ? g : { ...g, access: fillMissing(g.access, GLOBAL_OPERATIONS, fallback) },
    ),
    jobs: config.jobs
      ? { ...config.jobs, access: fillMissing(config.jobs.access, ['run', 'queue', 'cancel'], fallback) }
      : config.jobs,
  }
}

/** Wraps each operation's access (default: allowed) so readers are refused first. */
const refuseReaders = (
  access: Record<string, Access | undefined>,
  ops: readonly string[],
  readersSlug: string,
): void => {
  const notReader = loggedInButNotReader(readersSlug)
  for (const op of ops) {
    const original = access[op]
    access[op] = async (args) => ((await notReader(args)) ? (original ? original(args) : true) : false)
  }
}

/** Payload adds `payload-locked-documents` after plugins run, with the default access: close it to readers at init. */
export const lockReadersOutOfLockedDocuments = (payload: Payload, readersSlug: string): void => {
  const locked = payload.collections['payload-locked-documents' as keyof typeof payload.collections]
  if (locked)
    refuseReaders(
      locked.config.access as Record<string, Access | undefined>,
      ['create', 'read', 'update', 'delete'],
      readersSlug,
    )
}

/**
 * Payload adds the `payload-jobs-stats` global (when a task has a schedule, as our reconcile task does) after
 * plugins run, with the default access: a reader could read it or move a schedule's last run into the future
 * and stop it. Closed to readers at init, like the locked documents.
 */
export const lockReadersOutOfJobsStats = (payload: Payload, readersSlug: string): void => {
  const stats = payload.globals.config.find((g) => g.slug === 'payload-jobs-stats')
  if (stats) refuseReaders(stats.access as Record<string, Access | undefined>, GLOBAL_OPERATIONS, readersSlug)
}
