import type { Field, PayloadRequest } from 'payload'

/** The locale a request is written in: `?locale=` / GraphQL `locale`, else the host's default (never `all`). */
const writtenIn = (req: PayloadRequest): null | string => {
  const localization = req.payload.config.localization
  if (!localization) return null
  const codes = localization.localeCodes
  return req.locale && codes.includes(req.locale) ? req.locale : localization.defaultLocale
}

/**
 * With the host's `localization` on, each comment records the locale it was written in (which edition the
 * reader commented on). Set by the server on create from the request, never from the body; kept on edits.
 */
export const commentLocaleField = (): Field => ({
  name: 'locale',
  type: 'text',
  admin: { description: 'The edition the comment was written on.', position: 'sidebar', readOnly: true },
  hooks: {
    beforeChange: [
      ({ operation, originalDoc, req }) =>
        operation === 'create'
          ? writtenIn(req)
          : ((originalDoc as { locale?: null | string } | undefined)?.locale ?? null),
    ],
  },
  index: true,
  maxLength: 20,
})
