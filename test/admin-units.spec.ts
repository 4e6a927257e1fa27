/**
 * Unit tests of the pure pieces behind the editors' admin UI (src/components): one-click actions per
 * status, list-URL filters, the REST query string the bulk actions send, excerpts, field placement,
 * and the plugin's translations.
 */
import type { Field } from 'payload'

import { describe, expect, it } from '@jest/globals'
import * as qs from 'qs-esm'

import { actionsFor, MODERATION_STATUSES, queueSearch } from '../src/components/comments/moderationStatus.js'
import { toQueryString } from '../src/components/comments/setCommentStatus.js'
import { insertAfter, mapFieldByName, someFieldDeep } from '../src/utilities/fieldTree.js'
import { excerpt } from '../src/components/shared/excerpt.js'
import { hasNoFilter, isBareListVisit, singleFilter } from '../src/components/shared/searchParams.js'
import { COMMENT_STATUSES } from '../src/moderation/commentStatus.js'
import { mergeNewsroomTranslations, newsroomTranslations } from '../src/translations/index.js'

describe('one-click moderation actions', () => {
  it('covers exactly the collection’s statuses, in queue order', () => {
    expect([...MODERATION_STATUSES].sort()).toEqual([...COMMENT_STATUSES].sort())
    expect(MODERATION_STATUSES[0]).toBe('pending')
  })

  it.each([
    ['pending', ['approved', 'spam', 'trash']],
    ['approved', ['pending', 'spam', 'trash']],
    ['spam', ['approved', 'pending', 'trash']],
    ['trash', ['approved', 'pending']],
    [undefined, ['approved', 'spam', 'trash']],
  ])('a %s comment offers %j, never its own status', (status, expected) => {
    expect(actionsFor(status)).toEqual(expected)
    if (status) expect(actionsFor(status)).not.toContain(status)
  })
})

describe('list URL filters', () => {
  it.each([
    ['pending', { where: { status: { equals: 'pending' } } }],
    ['spam', { where: { status: { equals: 'spam' } } }],
  ] as const)('the %s tab links to a status filter Payload parses', (status, parsed) => {
    expect(qs.parse(queueSearch(status).slice(1))).toEqual(parsed)
  })

  it('the All tab has a query, so it is not mistaken for a plain visit', () => {
    expect(isBareListVisit(Object.fromEntries(new URLSearchParams(queueSearch().slice(1))))).toBe(false)
  })

  it.each([
    [{}, 'status', 'equals', undefined, true, true],
    [{ 'where[status][equals]': 'spam' }, 'status', 'equals', 'spam', false, false],
    [{ 'where[status][equals]': 'spam', limit: '10' }, 'status', 'equals', 'spam', false, false],
    // Two filters: no single tab describes the list.
    [{ 'where[status][equals]': 'spam', 'where[article][equals]': 'a1' }, 'status', 'equals', undefined, false, false],
    [{ 'where[premium][not_equals]': 'true' }, 'premium', 'not_equals', 'true', false, false],
    [{ 'where[premium][not_equals]': 'true' }, 'premium', 'equals', undefined, false, false],
    [{ page: '1' }, 'status', 'equals', undefined, true, false],
    [undefined, 'status', 'equals', undefined, true, false],
  ] as const)('%j: %s %s → %s (unfiltered %s, bare visit %s)', (params, field, operator, value, unfiltered, bare) => {
    const searchParams = params as Record<string, string> | undefined
    expect(singleFilter(searchParams, field, operator)).toBe(value)
    expect(hasNoFilter(searchParams)).toBe(unfiltered)
    expect(isBareListVisit(searchParams)).toBe(bare)
  })
})

describe('the bulk-update query string', () => {
  it.each([
    { where: { id: { in: ['a1', 'b2'] } } },
    { depth: '0', select: { status: 'true' }, where: { id: { equals: '6b0a2e40e68fc821d0f28dbb' } } },
    {
      where: {
        and: [
          { status: { equals: 'pending' } },
          { or: [{ body: { like: 'a & b=c' } }, { authorName: { like: 'Zoë?' } }] },
        ],
      },
    },
  ])('round-trips through the parser Payload uses: %j', (value) => {
    // The options of payload/dist/utilities/createPayloadRequest.js.
    expect(qs.parse(toQueryString(value), { allowEmptyArrays: true, arrayLimit: 1000, depth: 10 })).toEqual(value)
  })

  it('leaves out undefined values and encodes reserved characters', () => {
    expect(toQueryString({ a: undefined, b: 'x&y=z' })).toBe('b=x%26y%3Dz')
  })
})

describe('excerpt', () => {
  it.each([
    ['Short comment.', 140, 'Short comment.'],
    ['  spaced\n\nout   text ', 140, 'spaced out text'],
    ['one two three four five six', 14, 'one two three…'],
    // A word boundary that would drop most of the excerpt is not used.
    ['one two three four five six', 12, 'one two thre…'],
    ['abcdefghijklmnopqrstuvwxyz', 10, 'abcdefghij…'],
    [null, 10, ''],
  ])('%j (max %d) → %j', (text, max, expected) => {
    expect(excerpt(text, max)).toBe(expected)
  })
})

describe('placing our fields next to the host’s', () => {
  const ui: Field = { name: 'preview', type: 'ui', admin: { components: { Field: 'x#Y' } } }
  const fields: Field[] = [
    { name: 'title', type: 'text' },
    {
      type: 'row',
      fields: [
        { name: 'url', type: 'text' },
        { name: 'other', type: 'text' },
      ],
    },
    {
      type: 'tabs',
      tabs: [
        { label: 'Body', fields: [{ name: 'content', type: 'richText' }] },
        { name: 'seo', fields: [{ name: 'content', type: 'text' }] },
      ],
    },
    { name: 'group', type: 'group', fields: [{ name: 'url', type: 'text' }] },
  ]
  const names = (list: Field[]): string[] =>
    list.flatMap((f) => {
      if (f.type === 'tabs') return f.tabs.flatMap((tab) => names(tab.fields).map((n) => `${tab.label ?? ''}/${n}`))
      if (f.type === 'row' || f.type === 'collapsible') return names(f.fields)
      return 'name' in f ? [f.name] : []
    })

  it('inserts after the field at the same data level: inside rows and unnamed tabs, not named tabs or groups', () => {
    expect(names(insertAfter(fields, 'url', ui))).toEqual([
      'title',
      'url',
      'preview',
      'other',
      'Body/content',
      '/content',
      'group',
    ])
    expect(names(insertAfter(fields, 'content', ui))).toEqual([
      'title',
      'url',
      'other',
      'Body/content',
      'Body/preview',
      '/content',
      'group',
    ])
    expect(insertAfter(fields, 'missing', ui)).toEqual(fields)
  })

  it('replaces only the named data field and leaves the input untouched', () => {
    const before = JSON.stringify(fields)
    const out = mapFieldByName(fields, 'url', (f) => ({ ...f, label: 'Link' }) as Field)
    expect(JSON.stringify(fields)).toBe(before)
    expect((out[1] as { fields: Field[] }).fields[0]).toMatchObject({ name: 'url', label: 'Link' })
    expect((out[3] as { fields: Field[] }).fields[0]).not.toHaveProperty('label')
  })
})

describe('finding a field at any depth (someFieldDeep)', () => {
  const join = { name: 'usedIn', type: 'join', collection: 'articles', on: 'heroImage' } as Field
  const isJoin = (f: Field) => f.type === 'join'
  it.each([
    ['top level', [join]],
    ['a group', [{ name: 'usage', type: 'group', fields: [join] }]],
    ['a named tab', [{ type: 'tabs', tabs: [{ name: 'meta', fields: [join] }] }]],
    ['an unnamed tab in a row', [{ type: 'row', fields: [{ type: 'tabs', tabs: [{ label: 'A', fields: [join] }] }] }]],
    ['a collapsible', [{ type: 'collapsible', label: 'C', fields: [join] }]],
  ] as [string, Field[]][])('in %s', (_, fields) => expect(someFieldDeep(fields, isJoin)).toBe(true))
  it('none there', () => {
    expect(
      someFieldDeep(
        [
          { name: 'alt', type: 'text' },
          { name: 'g', type: 'group', fields: [] },
        ],
        isJoin,
      ),
    ).toBe(false)
    // Shapes Payload accepts and fills in later (a tab or block without fields, blocks by reference).
    const loose = [
      { type: 'tabs', tabs: [{ label: 'A' }] },
      { name: 'b', type: 'blocks', blockReferences: ['x'] },
    ]
    expect(someFieldDeep(loose as never, isJoin)).toBe(false)
  })
})

describe('translations', () => {
  const keysOf = (obj: object, prefix = ''): string[] =>
    Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' ? keysOf(v, `${prefix}${k}:`) : [`${prefix}${k}`]))
  const english = keysOf(newsroomTranslations.en).sort()

  it('keeps every key under the plugin-newsroom namespace', () => {
    expect(Object.keys(newsroomTranslations.en)).toEqual(['plugin-newsroom'])
    expect(english.length).toBeGreaterThan(30)
  })

  it.each(Object.keys(newsroomTranslations))('%s has exactly the English keys, none empty', (language) => {
    const strings = newsroomTranslations[language]['plugin-newsroom'] as Record<string, string>
    expect(keysOf(newsroomTranslations[language]).sort()).toEqual(english)
    for (const value of Object.values(strings)) expect(value.trim()).not.toBe('')
  })

  it('merges without clobbering the host: its own strings win, its other namespaces stay', () => {
    const merged = mergeNewsroomTranslations({
      supportedLanguages: { en: {} as never, fr: {} as never },
      translations: {
        en: { general: { custom: 'Host string' }, 'plugin-newsroom': { actionApprove: 'Publish comment' } },
      },
    }) as Record<string, Record<string, Record<string, string>>>
    expect(merged.en.general.custom).toBe('Host string')
    expect(merged.en['plugin-newsroom'].actionApprove).toBe('Publish comment')
    expect(merged.en['plugin-newsroom'].actionSpam).toBe('Spam')
    // A language the host supports and we do not ship falls back to English rather than raw keys.
    expect(merged.fr['plugin-newsroom'].actionSpam).toBe('Spam')
    expect(merged.de['plugin-newsroom'].actionApprove).toBe('Freigeben')
  })
})
