/**
 * A host app with the newsroom plugin, as the tests use it: an admin `users` collection (the editors),
 * the plugin with the given options, and ready-made logins for every role.
 */
import type { CollectionConfig, Config } from 'payload'

import type { NewsroomPluginOptions } from '../../src/types.js'
import type { InitializedPayload } from '../harness/initPayload.js'

import { newsroomPlugin } from '../../src/index.js'
import { waitForEmail } from '../harness/captureEmailAdapter.js'
import { initPayload } from '../harness/initPayload.js'
import { lexical, paragraph } from './lexical.js'

export const EDITOR = { email: 'editor@newsroom.test', password: 'editor-password-1' }
export const READER_PASSWORD = 'reader-password-1'

export const editorsCollection: CollectionConfig = {
  slug: 'users',
  admin: { useAsTitle: 'email' },
  auth: true,
  fields: [{ name: 'name', type: 'text' }],
}

/**
 * The harness's clients stand for requests that reached the app through one proxy: they send the
 * `X-Forwarded-For` that proxy would have appended, so the apps here trust one hop (the default, 0, trusts none).
 */
export const HARNESS_TRUSTED_PROXIES = 1

export type NewsroomTestApp = InitializedPayload & { editorToken: string }

export async function startNewsroomApp(
  pluginOptions: NewsroomPluginOptions = {},
  host: Partial<Config> = {},
): Promise<NewsroomTestApp> {
  const app = await initPayload({
    ...host,
    admin: { user: 'users', ...host.admin },
    collections: [editorsCollection, ...(host.collections ?? [])],
    plugins: [...(host.plugins ?? []), newsroomPlugin({ trustedProxies: HARNESS_TRUSTED_PROXIES, ...pluginOptions })],
  })
  await app.payload.create({ collection: 'users', data: { ...EDITOR, name: 'Edna Editor' } })
  const editorToken = await app.rest.login('users', EDITOR.email, EDITOR.password)
  return { ...app, editorToken }
}

/** A minimal Lexical document of paragraphs. */
export const lexicalParagraphs = (...texts: string[]) => lexical(...texts.map((value) => paragraph(value)))

/**
 * Confirms a reader's address as the reader would (readers must verify before they log in): the token from
 * the link of the verification email the sign-up sent, then Payload's `POST /api/readers/verify/:token`.
 */
export async function confirmReaderEmail(app: InitializedPayload, email: string): Promise<void> {
  const address = email.trim().toLowerCase()
  const message = await waitForEmail((m) => m.to.includes(address) && /confirm your email/i.test(m.subject ?? ''))
  const token = /[?&]token=([0-9a-f]+)/.exec(message.html ?? '')?.[1]
  if (!token) throw new Error(`no verification link in the email to ${address}`)
  const verified = await app.rest.post(`/readers/verify/${token}`)
  if (verified.status !== 200) throw new Error(`verify answered ${verified.status}: ${verified.text}`)
}
