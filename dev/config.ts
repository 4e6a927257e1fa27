import type { Config } from 'payload'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

import { newsroomPlugin } from '../src/index.js'
import { devEmailAdapter } from './devEmailAdapter.js'
import { seed } from './seed.js'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/** Where the dev app is served: `npm run dev` and the browser tests set PORT. */
export const SITE_URL = process.env.NEWSROOM_SITE_URL || `http://localhost:${process.env.PORT || 3000}`

/**
 * Ceiling on a GraphQL operation's cost (1 per field, 10 per relationship or join unless the field
 * says otherwise). The reader's article page costs about a quarter of it; deeper nesting of
 * relationships and joins is refused before anything runs.
 */
export const GRAPHQL_MAX_COMPLEXITY = 200

/**
 * The dev app's Payload config without its database (payload.config.ts adds it), so tests can
 * boot the very same app on a fresh database of their own.
 */
export const devConfig = {
  admin: {
    // No external avatar service (Gravatar) in the admin panel.
    avatar: 'default',
    importMap: {
      baseDir: path.resolve(dirname),
      importMapFile: path.resolve(dirname, 'app/(payload)/admin/importMap.js'),
    },
    meta: { titleSuffix: ' — Newsroom dev' },
    user: 'users',
  },
  collections: [
    {
      slug: 'users',
      admin: { useAsTitle: 'email' },
      auth: true,
      fields: [{ name: 'name', type: 'text' }],
      labels: { plural: 'Editors', singular: 'Editor' },
    },
  ],
  // Cookie-authenticated requests must come from the site itself (the admin and the reader's page).
  csrf: [SITE_URL],
  editor: lexicalEditor(),
  email: devEmailAdapter,
  graphQL: {
    // The playground (/graphiql) is for development; a production build shows it with NEWSROOM_GRAPHQL_PLAYGROUND=1
    // (the browser tests), read when the server starts.
    disablePlaygroundInProduction: process.env.NEWSROOM_GRAPHQL_PLAYGROUND !== '1',
    maxComplexity: GRAPHQL_MAX_COMPLEXITY,
    schemaOutputFile: path.resolve(dirname, 'schema.graphql'),
  },
  jobs: {
    // Queued notifications and article emails are delivered by the dev server itself.
    autoRun: [{ allQueues: true, cron: '*/10 * * * * *' }],
  },
  onInit: async (payload) => {
    if (!process.env.MONGODB_URI) {
      throw new Error('MONGODB_URI is not set: start the dev app with `npm run dev` (it starts an embedded database).')
    }
    await seed(payload)
  },
  plugins: [
    newsroomPlugin({
      // Stripe test-mode keys from the environment (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET); without them the
      // plans still show and the billing endpoints answer 503 naming the variables.
      billing: { cancelUrl: `${SITE_URL}/subscribe`, graceDays: 3, successUrl: `${SITE_URL}/account` },
      comments: { notify: { editors: ['editor@newsroom.test'], replyAuthors: true } },
      // Media uploads stay inside the dev app (git-ignored).
      overrides: {
        media: { upload: { mimeTypes: ['image/*', 'video/*'], staticDir: path.resolve(dirname, 'media') } },
      },
      // Metered sampling: logged-in readers may unlock 3 gated articles per 30 days (Access settings global).
      premium: { meter: { audience: 'members', free: 3, periodDays: 30 } },
      print: { publisherName: 'Newsroom Dev' },
      siteUrl: SITE_URL,
      // Deployment knobs read when the server starts, not at build time: one build serves plain `next start`
      // (the defaults) and the CDN test behind nginx (test/cdn/run.mjs).
      cache: { publicMaxAge: Number(process.env.NEWSROOM_PUBLIC_MAX_AGE ?? 0) },
      trustedProxies: Number(process.env.NEWSROOM_TRUSTED_PROXIES ?? 0),
    }),
  ],
  secret: process.env.PAYLOAD_SECRET || 'newsroom-dev-secret-not-for-production',
  // Absolute links in emails (moderation queue, replies) and the admin's API calls.
  serverURL: SITE_URL,
  sharp,
  telemetry: false,
  // No `declare module 'payload'` block: the plugin's own sources must type-check for any host, not this one.
  typescript: { declare: false, outputFile: path.resolve(dirname, 'payload-types.ts') },
} satisfies Omit<Config, 'db'>
