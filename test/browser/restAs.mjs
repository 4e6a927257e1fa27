// @ts-check
/**
 * The REST API as a seeded account would call it from outside the browser (a JWT from the collection's login),
 * for the steps the browser scenarios need from the newsroom side.
 */
import assert from 'node:assert/strict'

export const EDITOR = { email: 'editor@newsroom.test', password: 'editor-password-1' }

/**
 * Logs `account` in to `collection` and answers a caller of the API with its token: `{ json, status }` per call.
 * @param {string} baseURL @param {string} collection @param {{ email: string, password: string }} account
 */
export const restAs = async (baseURL, collection, account) => {
  const login = await fetch(`${baseURL}/api/${collection}/login`, {
    body: JSON.stringify(account),
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  const { token } = /** @type {{ token?: string }} */ (await login.json())
  assert.ok(token, `${collection} login of ${account.email} failed (${login.status})`)
  /** @param {string} method @param {string} pathname @param {unknown} [body] */
  return async (method, pathname, body) => {
    const res = await fetch(`${baseURL}/api${pathname}`, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
      method,
    })
    return { json: await res.json().catch(() => undefined), status: res.status }
  }
}

/** REST as the seeded editor (what the admin panel's own requests amount to). @param {string} baseURL */
export const editorREST = (baseURL) => restAs(baseURL, 'users', EDITOR)
