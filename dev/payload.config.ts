import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { newsroomPlugin } from '../src/index.js'
import { devDatabase } from './database.js'
import { devEmailAdapter } from './devEmailAdapter.js'
import { seed } from './seed.js'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export const SITE_URL = process.env.NEWSROOM_SITE_URL || 'http://localhost:3000'

export default buildConfig({
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
  db: devDatabase(),
  editor: lexicalEditor(),
  email: devEmailAdapter,
  graphQL: {
    schemaOutputFile: path.resolve(dirname, 'schema.graphql'),
  },
  jobs: {
    // Queued notifications (moderation, replies) run in the dev server itself.
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
      comments: { notify: { editors: ['editor@newsroom.test'], replyAuthors: true } },
      // Media uploads stay inside the dev app (git-ignored).
      overrides: { media: { upload: { mimeTypes: ['image/*', 'video/*'], staticDir: path.resolve(dirname, 'media') } } },
      print: { publisherName: 'Newsroom Dev' },
      siteUrl: SITE_URL,
    }),
  ],
  secret: process.env.PAYLOAD_SECRET || 'newsroom-dev-secret-not-for-production',
  sharp,
  telemetry: false,
  typescript: { declare: false, outputFile: path.resolve(dirname, 'payload-types.ts') },
})
