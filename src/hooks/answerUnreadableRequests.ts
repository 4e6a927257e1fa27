import type { AfterErrorHook, PayloadRequest } from 'payload'

/**
 * Payload parses two things before any hook of ours runs, and a client's garbage there throws as a 500:
 * a `where` / `data` query parameter that is a string but not JSON (`?where=notjson`: `JSON.parse` in
 * payload/dist/utilities/parseParams), and a multipart body busboy cannot read or whose `_payload` is not
 * JSON (payload/dist/utilities/addDataAndFileToRequest). No beforeOperation hook can see them first, so on
 * our collections this afterError hook answers exactly those — recognised by re-checking the request,
 * not by the error's wording — as the 400 they are (contract rule 7). Every other error passes through.
 */
export const answerUnreadableRequests: AfterErrorHook = ({ error, req, result }) => {
  const status = (error as { status?: number }).status ?? 500
  if (status !== 500 || !req) return
  const message = unreadableQuery(error, req) ?? unreadableMultipart(error, req)
  if (!message) return
  return { response: { ...result, errors: [{ message }] }, status: 400 }
}

const QUERY_JSON_PARAMS = ['where', 'data'] as const

function unreadableQuery(error: Error, req: PayloadRequest): string | undefined {
  if (error.name !== 'SyntaxError') return undefined
  const query = (req.query ?? {}) as Record<string, unknown>
  // A repeated parameter (`data=a&data=b`) arrives as a list; Payload's global endpoint parses its items too.
  const param = QUERY_JSON_PARAMS.find((key) =>
    [query[key]].flat().some((v) => typeof v === 'string' && v !== '' && !isJSON(v)),
  )
  return param && `Invalid query: ${param} must be JSON or bracket syntax (${param}[field][operator]=value).`
}

function unreadableMultipart(error: Error, req: PayloadRequest): string | undefined {
  const contentType = req.headers?.get('content-type') ?? ''
  // The body was never turned into data or a file: parsing it is what failed (had it succeeded without data,
  // rejectMalformedBody would have answered 400 before anything else could fail).
  if (!/^multipart\//i.test(contentType) || req.data !== undefined || req.file !== undefined) return undefined
  if (error.name === 'SyntaxError') return 'The request body’s _payload field must be JSON.'
  return 'The request body is not readable multipart/form-data.'
}

const isJSON = (text: string) => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** The same for our globals: Payload runs only the config's afterError hooks for a global's routes. */
export const answerUnreadableGlobalRequests =
  (globalSlugs: Set<string>): AfterErrorHook =>
  (args) => {
    const global = (args.req?.routeParams as { global?: unknown } | undefined)?.global
    if (args.collection || typeof global !== 'string' || !globalSlugs.has(global)) return
    return answerUnreadableRequests(args)
  }
