/**
 * Regenerates the files the dev app commits from its Payload config:
 *   dev/app/(payload)/admin/importMap.js, dev/payload-types.ts, dev/schema.graphql.
 *
 *   npx tsx dev/scripts/generate.ts          write them
 *   npx tsx dev/scripts/generate.ts --check  write nothing; exit 1 when any is stale
 *
 * (Same output as `payload generate:importmap|generate:types` and `payload-graphql generate:schema`,
 * which exit silently half-way on Node 20 when loading this config through their tsx loader.)
 */
import { configToSchema } from '@payloadcms/graphql'
import { printSchema } from 'graphql'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { generateImportMap } from 'payload'
import { generateTypes } from 'payload/node'

import configPromise from '../payload.config.js'

const check = process.argv.includes('--check')
const config = await configPromise

const committed = {
  importMap: config.admin.importMap.importMapFile!,
  schema: config.graphQL.schemaOutputFile,
  types: config.typescript.outputFile,
}

const scratch = check ? await mkdtemp(path.join(tmpdir(), 'newsroom-generate-')) : undefined
// The import map's relative imports depend on its folder: the check copy sits next to the real one.
const target = {
  importMap: check
    ? path.join(path.dirname(committed.importMap), `.importMap.check-${process.pid}.js`)
    : committed.importMap,
  schema: scratch ? path.join(scratch, 'schema.graphql') : committed.schema,
  types: scratch ? path.join(scratch, 'payload-types.ts') : committed.types,
}

try {
  await generateImportMap(
    {
      ...config,
      admin: { ...config.admin, importMap: { ...config.admin.importMap, importMapFile: target.importMap } },
    },
    { force: true, log: false },
  )
  process.env.PAYLOAD_TS_OUTPUT_PATH = target.types
  await generateTypes(config, { log: false })
  await writeFile(target.schema, printSchema(configToSchema(config).schema))

  if (!check) {
    console.log(
      `Wrote ${Object.values(committed)
        .map((file) => path.relative(process.cwd(), file))
        .join(', ')}`,
    )
  } else {
    const stale: string[] = []
    for (const key of Object.keys(committed) as (keyof typeof committed)[]) {
      const [want, have] = await Promise.all([
        readFile(target[key], 'utf8'),
        readFile(committed[key], 'utf8').catch(() => ''),
      ])
      if (want.trim() !== have.trim()) stale.push(path.relative(process.cwd(), committed[key]))
    }
    if (stale.length) {
      console.error(`Out of date: ${stale.join(', ')}. Run \`npm run generate\` and commit the result.`)
      process.exitCode = 1
    } else {
      console.log('Import map, payload-types.ts and schema.graphql are up to date.')
    }
  }
} finally {
  if (check) await rm(target.importMap, { force: true })
  if (scratch) await rm(scratch, { force: true, recursive: true })
}
