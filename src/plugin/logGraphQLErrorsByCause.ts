import type { Payload } from 'payload'

type Logged = { err?: unknown; msg?: unknown }
type Wrapped = { originalError?: unknown } & Error

const WRAPPED = Symbol.for('payload-plugin-newsroom.graphqlErrorLevels')

const causeOf = (logged: unknown): Error | undefined => {
  const err = (logged as Logged | null)?.err as undefined | Wrapped
  if (!err || typeof err !== 'object' || err.name !== 'GraphQLError') return undefined
  const cause = err.originalError
  return cause instanceof Error ? cause : undefined
}

/**
 * Payload's GraphQL route logs each error with `logError({ err })`, where `err` is graphql's wrapper: its name
 * is always `GraphQLError`, so `loggingLevels` (looked up by name) never applies and a wrong password or a
 * field's validation error is logged at `error` with a stack. This applies the same rule REST uses, by the
 * name of the error the resolver threw; anything without a configured level (a crash) stays at `error`.
 */
export const logGraphQLErrorsByCause = (payload: Payload): void => {
  const logger = payload.logger as { [WRAPPED]?: true } & Payload['logger']
  if (logger[WRAPPED]) return
  const logAtError = logger.error.bind(logger) as (...args: unknown[]) => void
  const levels = (payload.config.loggingLevels ?? {}) as Record<string, 'error' | 'info' | 'warn' | false | string>
  logger.error = ((...args: unknown[]) => {
    const cause = causeOf(args[0])
    const level = cause ? levels[cause.name] : undefined
    if (!cause || level === undefined || level === 'error') return logAtError(...args)
    if (level === false) return
    const log = (logger as unknown as Record<string, (obj: object) => void>)[level]
    if (typeof log !== 'function') return logAtError(...args)
    // As Payload's logError: a line with the message at info, the error object (and its stack) above that.
    log.call(logger, level === 'info' ? { msg: cause.message } : { err: cause })
  }) as Payload['logger']['error']
  logger[WRAPPED] = true
}
