/**
 * The README's GraphQL examples are the very documents the tests execute (dev/graphql/*.graphql, run by
 * graphql-contract.spec.ts): this fails when the README's copy drifts from them.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const readme = readFileSync(path.join(root, 'README.md'), 'utf8')

describe('README GraphQL examples', () => {
  it.each(['articlePage', 'latestVideos', 'submitComment', 'readerLogin'])(
    'README shows dev/graphql/%s.graphql verbatim',
    (name) => {
      const document = readFileSync(path.join(root, 'dev/graphql', `${name}.graphql`), 'utf8').trim()
      expect(readme).toContain(document)
    },
  )
})
