/**
 * A config for `payload generate:types` only (never connects): the plugin with default options.
 * `npm run typecheck` regenerates payload-types.ts from it and type-checks the output with usage.ts.
 */
import { mongooseAdapter } from '@payloadcms/db-mongodb'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'

import { newsroomPlugin } from '../../src/index.js'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  admin: { user: 'users' },
  collections: [{ slug: 'users', auth: true, fields: [] }],
  db: mongooseAdapter({ url: 'mongodb://127.0.0.1:1/typegen' }),
  plugins: [newsroomPlugin()],
  secret: 'typegen-only',
  telemetry: false,
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
})
