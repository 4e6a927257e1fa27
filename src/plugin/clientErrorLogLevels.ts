import type { Config } from 'payload'

type LoggingLevels = NonNullable<Config['loggingLevels']>
type Level = LoggingLevels[keyof LoggingLevels]

/**
 * Client mistakes, logged at `info` (a line, no stack) as Payload logs its own `ValidationError`, `Forbidden`
 * and `NotFound`: wrong passwords and unverified logins (Payload's `AuthenticationError`, `UnverifiedEmail`),
 * queries on paths that do not exist (`QueryError`), and the plugin's own refusals. `LockedAuth` (too many
 * failed logins) stays a warning: an operator wants to see it.
 */
export const CLIENT_ERROR_LOG_LEVELS: Record<string, Level> = {
  AuthenticationError: 'info',
  CommentRejectedError: 'info',
  LockedAuth: 'warn',
  NewsroomClientError: 'info',
  QueryError: 'info',
  UnverifiedEmail: 'info',
}

/** Ours under the host's: a level the host set (including `'error'` or `false`) wins; `undefined` means unset. */
export const withClientErrorLogLevels = (host: Config['loggingLevels']): Config['loggingLevels'] => {
  const merged: Record<string, Level> = { ...CLIENT_ERROR_LOG_LEVELS }
  for (const [name, level] of Object.entries(host ?? {})) if (level !== undefined) merged[name] = level
  // Payload types the keys as its own error names; lookup is by `error.name` at runtime.
  return merged as Config['loggingLevels']
}
