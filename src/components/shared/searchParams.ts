/** Search params as Next.js hands them to a server component (bracket keys are not parsed). */
export type RawSearchParams = Record<string, string | string[] | undefined> | undefined

/** The value of one `where[field][operator]` filter, when it is the list's only filter. */
export const singleFilter = (searchParams: RawSearchParams, field: string, operator = 'equals'): string | undefined => {
  if (!searchParams) return undefined
  const whereKeys = Object.keys(searchParams).filter((key) => key.startsWith('where'))
  const key = `where[${field}][${operator}]`
  if (whereKeys.length !== 1 || whereKeys[0] !== key) return undefined
  const value = searchParams[key]
  return Array.isArray(value) ? value[0] : value
}

/** True when the list has no `where` filter at all. */
export const hasNoFilter = (searchParams: RawSearchParams): boolean =>
  !Object.keys(searchParams ?? {}).some((key) => key.startsWith('where'))

/** The list was opened plainly (from the nav or a bare link), not from within the list's own controls. */
export const isBareListVisit = (searchParams: RawSearchParams): boolean =>
  searchParams !== undefined && Object.keys(searchParams).length === 0
