/** src/hooks/refuseUnresolvedSorts.ts `sortPathResolves`: which sort paths name a field (pure, table-driven). */
import type { FlattenedField } from 'payload'

import { describe, expect, it } from '@jest/globals'

import { sortPathResolves } from '../src/hooks/refuseUnresolvedSorts.js'
import { joinSortsOf, sortEntriesOf, sortPathOf } from '../src/hooks/sortEntries.js'

const fields = [
  { name: 'title', type: 'text', localized: true },
  { name: 'authorEmail', type: 'email' },
  { name: 'content', type: 'richText', localized: true },
  { name: 'meta', type: 'json' },
  { name: 'subscription', type: 'group', flattenedFields: [{ name: 'plan', type: 'select' }] },
  { name: 'article', type: 'relationship', relationTo: 'articles' },
  { name: 'comments', type: 'join', collection: 'comments', on: 'article' },
] as unknown as FlattenedField[]
const LOCALES = ['en', 'de']

describe('sortPathResolves', () => {
  it.each([
    'title',
    '-title',
    'title.en',
    'id',
    '-id',
    'authorEmail',
    'subscription.plan',
    'subscription__plan',
    'content.root',
    'content.en.root.children',
    'meta.a_b',
    'article',
    'article.title',
    'comments',
  ])('%s names a field', (path) => expect(sortPathResolves(path, fields, LOCALES)).toBe(true))

  it.each([
    'nothing',
    'authorEmail.x',
    'authorEmail.en',
    'authorEmail.0',
    'authorEmail.$',
    'title.fr',
    'title.en.x',
    'subscription.x',
    'subscription.plan.x',
    'content.a-b',
    'content.en.a-b',
    'meta.$where',
    'id.x',
    // A space is part of the path Payload checks and the database sorts by: never trimmed away.
    'content.root.children.children.text ',
    ' content.root',
    'title ',
    ' -title',
    'authorEmail.title',
  ])('%s names none', (path) => expect(sortPathResolves(path, fields, LOCALES)).toBe(false))

  it('without localization a locale code is no segment', () => {
    expect(sortPathResolves('title.en', fields, [])).toBe(false)
  })
})

describe('sort entries as Payload passes them on', () => {
  it('an array entry by entry, a string as one entry (the operation and db-mongodb do not split at commas)', () => {
    expect(sortEntriesOf(['title', '-createdAt'])).toEqual(['title', '-createdAt'])
    expect(sortEntriesOf('title,authorEmail')).toEqual(['title,authorEmail'])
    expect(sortEntriesOf('')).toEqual([])
    expect(sortEntriesOf(undefined)).toEqual([])
  })
  it('the path without a leading - and with GraphQL’s __ as a dot, nothing trimmed', () => {
    expect(sortPathOf('-subscription__plan')).toBe('subscription.plan')
    expect(sortPathOf(' -title ')).toBe(' -title ')
  })
  it('each join’s entries with its name', () => {
    expect(joinSortsOf({ comments: { sort: '-createdAt' }, other: false })).toEqual([
      { entries: ['-createdAt'], name: 'comments' },
    ])
    expect(joinSortsOf(undefined)).toEqual([])
  })
})
