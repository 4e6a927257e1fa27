import type { EmailAdapter, SendEmailOptions } from 'payload'

type Address = { address?: string; name?: string } | string

const listAddresses = (value: unknown): string =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .map((entry: Address) => (typeof entry === 'string' ? entry : (entry.address ?? '')))
    .filter(Boolean)
    .join(', ')

/**
 * Development email: every message is printed to the server console (recipient, subject and
 * the plain-text body) instead of being delivered, so notifications can be followed locally.
 */
export const devEmailAdapter: EmailAdapter = ({ payload }) => ({
  name: 'dev-console',
  defaultFromAddress: 'newsroom@newsroom.test',
  defaultFromName: 'Newsroom (dev)',
  sendEmail: async (message: SendEmailOptions) => {
    const text = typeof message.text === 'string' ? message.text : '(HTML only)'
    payload.logger.info(`[dev email] To: ${listAddresses(message.to)} | Subject: ${message.subject ?? ''}\n${text}`)
    return { accepted: listAddresses(message.to).split(', '), messageId: `dev-${Date.now()}` }
  },
})
