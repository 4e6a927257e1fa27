/**
 * The sort entries of an operation's arguments, as Payload itself will judge and pass them on: an array as it
 * is, a string as one entry (REST and GraphQL split at commas before the operation; the operation, Payload's
 * path validation and db-mongodb do not). The sort hooks read entries exactly so, never a tidied copy: a path
 * judged after trimming or splitting is not the path Payload checks and the database sorts by
 * (`content.root.children.children.text ` with a trailing space passed a trimmed check, escaped Payload's
 * field-access check, and sorted by `content` on a localized host).
 */
export const sortEntriesOf = (sort: unknown): string[] =>
  Array.isArray(sort) ? sort.map(String) : typeof sort === 'string' && sort !== '' ? [sort] : []

/** The field path of a sort entry, as Payload validates it: without a leading `-`, GraphQL's `a__b` as `a.b`. */
export const sortPathOf = (entry: string): string => entry.replace(/^-/, '').replace(/__/g, '.')

/** The sort entries of each join of the arguments (`joins.<name>.sort`), with the join field's name. */
export const joinSortsOf = (joins: unknown): { entries: string[]; name: string }[] =>
  joins && typeof joins === 'object'
    ? Object.entries(joins as Record<string, unknown>).flatMap(([name, join]) =>
        join && typeof join === 'object' ? [{ entries: sortEntriesOf((join as { sort?: unknown }).sort), name }] : [],
      )
    : []
