import type { IncomingAuthType, PayloadRequest } from 'payload'

import type { ResolvedNewsroomOptions } from '../../src/types.js'

import { escapeHTML } from '../../src/utilities/escapeHTML.js'

/** The site page that confirms the address (`verifyEmailPath`), absolute when `siteUrl` is set. */
export const verificationUrl = (options: ResolvedNewsroomOptions, req: PayloadRequest, token: string): string =>
  `${options.siteUrl || req.payload.config.serverURL || ''}${options.verifyEmailPath.split('{token}').join(encodeURIComponent(token))}`

/**
 * Readers confirm their address before they can log in (Payload's `auth.verify`): an address is only
 * ever an account's once its owner clicked the link, so signing up with someone else's address gains nothing.
 */
export const readerVerification = (options: ResolvedNewsroomOptions): NonNullable<IncomingAuthType['verify']> => ({
  generateEmailHTML: ({ req, token }) => {
    const url = escapeHTML(verificationUrl(options, req as PayloadRequest, String(token)))
    const publisher = escapeHTML(options.print.publisherName)
    return (
      `<p>Welcome to ${publisher}!</p>` +
      `<p>Please confirm your email address to finish creating your account:</p>` +
      `<p><a href="${url}">Confirm my email address</a></p>` +
      `<p>If the link does not open, copy this address into your browser: ${url}</p>` +
      `<p>If you did not sign up, ignore this email: no account is activated without this confirmation.</p>`
    )
  },
  generateEmailSubject: () => `Confirm your email address for ${options.print.publisherName}`,
})
