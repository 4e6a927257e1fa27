/**
 * `payload generate:types` for the type-check config, called directly: the CLI's own loader sometimes
 * exits half-way on Node 20 without writing anything (seen in dev/scripts/generate.ts too).
 */
import { generateTypes } from 'payload/node'

import config from './payload.config.js'

await generateTypes(await config, { log: false })
