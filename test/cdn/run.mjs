// @ts-check
/**
 * The dev app over real HTTP with `next start` (`npm run test:cdn`; no browser). Issue #11 finding 5 and "Beyond".
 *
 * A. Plain `next start` with the defaults (no proxy, trustedProxies 0): a client that sends its own
 *    X-Forwarded-For / X-Real-IP / CF-Connecting-IP cannot buy a fresh email quota or dodge flood control.
 * B. The same build behind a real nginx `proxy_cache` (test/cdn/nginx-site.conf, the README's configuration),
 *    with `trustedProxies: 1` and `cache.publicMaxAge`: anonymous reads of a published article are served from
 *    the cache; a subscriber's response is never stored or served to anyone else; logins and logouts never see
 *    another identity's body; an editor's change is visible after the cache lifetime. Prints the hit/miss figures.
 *
 * 1. builds the dev app into dev/.next/browser-tests (the browser tests' build; NEWSROOM_BROWSER_SKIP_BUILD=1 reuses it),
 * 2. starts one embedded database, two `next start` servers and nginx (from Debian: `apt-get install -y nginx`;
 *    elsewhere set NGINX_PATH), each on a free loopback port,
 * 3. always stops them; exits 1 when a check failed.
 *
 * Env: NEWSROOM_BROWSER_SKIP_BUILD=1, NEWSROOM_BROWSER_DIST_DIR (default .next/browser-tests), NGINX_PATH
 * (/usr/sbin/nginx), NEWSROOM_CDN_SHOW_SERVER_LOG=1.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { request } from 'node:http'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import {
  freePort,
  prepareDatabase,
  repoRoot,
  spawnNext,
  stopProcessGroup,
  waitForHttp,
} from '../../dev/scripts/devServer.mjs'
import { withDatabaseName } from '../harness/embeddedMongo.mjs'

const DIST_DIR = process.env.NEWSROOM_BROWSER_DIST_DIR || '.next/browser-tests'
const SKIP_BUILD = process.env.NEWSROOM_BROWSER_SKIP_BUILD === '1'
const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx'
const SHOW_SERVER_LOG = process.env.NEWSROOM_CDN_SHOW_SERVER_LOG === '1'
/** Seconds the proxy may keep an anonymous published read (`cache.publicMaxAge`). */
const PUBLIC_MAX_AGE = 3

const PREMIUM_SLUG = 'russian-president-vladimir-putins-rare-visit-to-north-korea'
// Sentences after the paywall break of the seeded premium article: only entitled readers may ever receive them.
const PREMIUM_BODY = [
  'At the invitation of the Chairman of State Affairs of the DPRK',
  'This landmark visit underscores',
]
const EDITOR = { email: 'editor@newsroom.test', password: 'editor-password-1' }
const READERS = {
  free: { email: 'free@newsroom.test', password: 'reader-password-1' },
  premium: { email: 'premium@newsroom.test', password: 'reader-password-1' },
}
const SPOOFED = ['198.51.100.1', '198.51.100.2', '203.0.113.3', '203.0.113.4']

const started = Date.now()
const log = (/** @type {string} */ message) =>
  console.log(`[cdn-tests ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}`)

/** @param {import('node:child_process').ChildProcess} child @param {string} label */
const collectOutput = (child, label) => {
  const state = { output: '' }
  const keep = (/** @type {Buffer} */ chunk) => {
    state.output = (state.output + chunk.toString()).slice(-30_000)
    if (SHOW_SERVER_LOG) process.stdout.write(`[${label}] ${chunk}`)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return state
}

/** @param {import('node:child_process').ChildProcess} child @param {string} label */
const completion = (child, label) => {
  const out = collectOutput(child, label)
  return new Promise((resolve, reject) =>
    child.once('exit', (code, signal) =>
      code === 0 ? resolve(undefined) : reject(new Error(`${label} failed (${signal ?? code}):\n${out.output}`)),
    ),
  )
}

// ---------------------------------------------------------------------------------------------
// HTTP as a client sees it.

/**
 * @param {string} base
 * @param {string} pathname
 * @param {{ method?: string, body?: unknown, token?: string, cookie?: string, headers?: Record<string, string> }} [options]
 */
const http = async (base, pathname, { body, cookie, headers = {}, method = 'GET', token } = {}) => {
  const res = await fetch(`${base}${pathname}`, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `JWT ${token}` } : {}),
      // A browser on the site sends its cookie with the site's Origin (Payload checks it against `csrf`).
      ...(cookie ? { Cookie: cookie, Origin: base } : {}),
      ...headers,
    },
    method,
    redirect: 'manual',
  })
  const text = await res.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { cacheStatus: res.headers.get('x-cache-status') ?? '-', headers: res.headers, json, status: res.status, text }
}

/** @param {string} base @param {'readers' | 'users'} collection @param {{ email: string, password: string }} login */
const logIn = async (base, collection, login) => {
  const res = await http(base, `/api/${collection}/login`, { body: login, method: 'POST' })
  assert.equal(res.status, 200, `${collection} login of ${login.email}: ${res.status} ${res.text.slice(0, 300)}`)
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('payload-token='))
  assert.ok(setCookie, 'the login sets the session cookie')
  return { cookie: setCookie.split(';')[0], token: /** @type {string} */ (res.json.token), via: res.cacheStatus }
}

/** @param {string} text */
const hasPremiumBody = (text) => PREMIUM_BODY.some((sentence) => text.includes(sentence))

// ---------------------------------------------------------------------------------------------
// A. Plain `next start`, defaults: the client does not choose its address.

/** @param {string} base */
const spoofedHeaders = (base, /** @type {number} */ i) => {
  const ip = SPOOFED[i % SPOOFED.length]
  return { 'CF-Connecting-IP': ip, 'User-Agent': 'cdn-test', 'X-Forwarded-For': ip, 'X-Real-IP': ip, Referer: base }
}

/** @param {string} base */
async function directChecks(base) {
  const article = await http(base, `/api/articles?where[slug][equals]=${PREMIUM_SLUG}&limit=1&depth=0`)
  const id = article.json?.docs?.[0]?.id
  assert.ok(id, `the seeded article is listed (${article.status})`)

  // 20 article emails from one client cycling through 4 spoofed addresses; the quota is 10 an hour.
  const statuses = []
  for (let i = 0; i < 20; i++) {
    const res = await http(base, `/api/articles/${id}/email`, {
      body: { senderName: 'Spoofer', to: `friend${i}@example.org` },
      headers: spoofedHeaders(base, i),
      method: 'POST',
    })
    statuses.push(res.status)
  }
  const accepted = statuses.filter((s) => s === 202).length
  log(
    `A: 20 email attempts with 4 spoofed addresses: ${accepted} accepted, ${statuses.filter((s) => s === 429).length} refused (429)`,
  )
  assert.ok(
    accepted <= 10,
    `at most 10 emails an hour, whatever X-Forwarded-For says (got ${accepted}: ${statuses.join(' ')})`,
  )
  assert.ok(
    statuses.every((s) => s === 202 || s === 429),
    `only 202 or 429 (${statuses.join(' ')})`,
  )

  // Flood control (15 s by default): four comments in a row, each "from" another spoofed address and email.
  const free = await http(base, '/api/articles?where[premium][equals]=false&limit=1&depth=0')
  const freeId = free.json?.docs?.[0]?.id
  const comments = []
  for (let i = 0; i < 4; i++) {
    const res = await http(base, '/api/comments', {
      body: {
        article: freeId,
        authorEmail: `spoof${i}-${Date.now()}@example.org`,
        authorName: `Spoof ${i}`,
        body: `Flood attempt number ${i} ${Date.now()}`,
      },
      headers: spoofedHeaders(base, i),
      method: 'POST',
    })
    comments.push(res.status)
  }
  log(`A: 4 comments in a row with 4 spoofed addresses: ${comments.join(' ')}`)
  assert.equal(comments[0], 201, `the first comment is taken (${comments.join(' ')})`)
  assert.ok(
    comments.slice(1).every((s) => s === 429),
    `the others are a flood, whatever X-Forwarded-For says (${comments.join(' ')})`,
  )
}

// ---------------------------------------------------------------------------------------------
// B. Behind nginx proxy_cache.

/** @type {Record<string, number>} */
const figures = {}
/**
 * @template {{ cacheStatus: string }} T
 * @param {T} res @param {string} who
 * @returns {T}
 */
const count = (res, who) => {
  const key = `${who} ${res.cacheStatus}`
  figures[key] = (figures[key] ?? 0) + 1
  return res
}

/**
 * The Vary header lines of the app's own answer, as nginx receives them: nginx before 1.23 keeps only the last
 * line, and caches nothing when that line is longer than 128 bytes.
 * @param {number} port @param {string} pathname
 */
const upstreamVaryLines = (port, pathname) =>
  new Promise((resolve, reject) => {
    const req = request({ headers: { 'Accept-Encoding': 'gzip' }, host: '127.0.0.1', path: pathname, port }, (res) => {
      res.resume()
      const lines = []
      for (let i = 0; i < res.rawHeaders.length; i += 2)
        if (res.rawHeaders[i].toLowerCase() === 'vary') lines.push(res.rawHeaders[i + 1])
      resolve(lines)
    })
    req.once('error', reject)
    req.end()
  })

/** @param {string} cdn @param {number} upstreamPort */
async function cdnChecks(cdn, upstreamPort) {
  const listed = await http(cdn, `/api/articles?where[slug][equals]=${PREMIUM_SLUG}&limit=1&depth=0`)
  const id = listed.json?.docs?.[0]?.id
  assert.ok(id, 'the seeded article is listed')
  const articleURL = `/api/articles/${id}?depth=1`
  const vary = /** @type {string[]} */ (await upstreamVaryLines(upstreamPort, articleURL))
  log(`B: the app's Vary lines: ${JSON.stringify(vary)}`)
  assert.equal(vary.length, 1, 'one Vary line (nginx 1.22 reads only the last)')
  assert.match(vary[0], /Authorization, Cookie/)
  assert.ok(vary[0].length <= 128, `Vary fits nginx's 128 bytes (${vary[0].length})`)

  // 1. Anonymous readers: the teaser version, from the cache after the first request.
  const anonymous = []
  for (let i = 0; i < 10; i++) anonymous.push(count(await http(cdn, articleURL), 'anonymous'))
  for (const res of anonymous) {
    assert.equal(res.status, 200)
    assert.equal(res.json.locked, true, 'anonymous readers get the locked article')
    assert.ok(!hasPremiumBody(res.text), 'no premium body for anonymous readers')
  }
  assert.match(anonymous[0].headers.get('cache-control') ?? '', /public.*s-maxage=3/)
  assert.ok(
    anonymous.filter((r) => r.cacheStatus === 'HIT').length >= 8,
    `anonymous reads are served from the cache (${anonymous.map((r) => r.cacheStatus).join(' ')}; headers ${JSON.stringify([...anonymous[1].headers])})`,
  )

  // 2. A subscriber (bearer token, then session cookie), interleaved with anonymous readers.
  const subscriber = await logIn(cdn, 'readers', READERS.premium)
  const free = await logIn(cdn, 'readers', READERS.free)
  for (let round = 0; round < 3; round++) {
    for (const [who, auth] of /** @type {const} */ ([
      ['subscriber (token)', { token: subscriber.token }],
      ['subscriber (cookie)', { cookie: subscriber.cookie }],
    ])) {
      const res = count(await http(cdn, articleURL, auth), who)
      assert.equal(res.status, 200)
      assert.equal(res.json.locked, false, `${who}: the full article`)
      assert.ok(hasPremiumBody(res.text), `${who}: the premium body`)
      assert.notEqual(res.cacheStatus, 'HIT', `${who}: never served from the cache`)
      assert.match(res.headers.get('cache-control') ?? '', /private/)
      assert.match(res.headers.get('cache-control') ?? '', /no-store/)
    }
    for (const [who, auth] of /** @type {const} */ ([
      ['anonymous', {}],
      ['free reader (cookie)', { cookie: free.cookie }],
      ['free reader (token)', { token: free.token }],
    ])) {
      const res = count(await http(cdn, articleURL, auth), who)
      assert.equal(res.status, 200)
      assert.ok(
        !hasPremiumBody(res.text),
        `${who} after a subscriber: never the subscriber's body (${res.cacheStatus})`,
      )
      assert.equal(res.json.locked, true)
    }
  }

  // 3. The article page (HTML) and /me across logins and logouts: nobody sees another identity's body.
  const page = `/news/${PREMIUM_SLUG}`
  const identities = /** @type {const} */ ([
    ['anonymous', {}, null],
    ['subscriber', { cookie: subscriber.cookie }, READERS.premium.email],
    ['anonymous', {}, null],
    ['free reader', { cookie: free.cookie }, READERS.free.email],
    ['subscriber', { cookie: subscriber.cookie }, READERS.premium.email],
    ['anonymous', {}, null],
  ])
  for (const [who, auth, email] of identities) {
    const me = count(await http(cdn, '/api/readers/me', auth), `${who} /me`)
    assert.equal(
      me.json?.user?.email ?? null,
      email,
      `${who}: /api/readers/me answers for the asker (${me.cacheStatus})`,
    )
    assert.notEqual(me.cacheStatus, 'HIT')
    const html = count(await http(cdn, page, auth), `${who} page`)
    assert.equal(html.status, 200)
    assert.notEqual(html.cacheStatus, 'HIT', `${who}: pages are rendered per request, never from the cache`)
    assert.equal(
      hasPremiumBody(html.text),
      who === 'subscriber',
      `${who}: the article page shows the body only to the subscriber (${html.cacheStatus})`,
    )
  }
  // Logging out ends the session: the old cookie is anonymous again, and no cached body of the subscriber answers it.
  const logout = count(await http(cdn, '/api/readers/logout', { cookie: subscriber.cookie, method: 'POST' }), 'logout')
  assert.equal(logout.status, 200, `logout: ${logout.status} ${logout.text.slice(0, 200)}`)
  const afterLogout = count(await http(cdn, articleURL, { cookie: subscriber.cookie }), 'after logout')
  assert.ok(
    !hasPremiumBody(afterLogout.text),
    `after logout the old cookie gets no premium body (${afterLogout.cacheStatus})`,
  )
  const meAfterLogout = count(await http(cdn, '/api/readers/me', { cookie: subscriber.cookie }), 'after logout /me')
  assert.equal(meAfterLogout.json?.user ?? null, null, 'after logout /me is nobody')

  // 4. An editor's change reaches anonymous readers once the cache lifetime is over (and not from a stale copy after).
  const editor = await logIn(cdn, 'users', EDITOR)
  const before = count(await http(cdn, articleURL), 'anonymous')
  const newTitle = `${before.json.title} (updated ${Date.now()})`
  const patch = count(
    await http(cdn, `/api/articles/${id}`, { body: { title: newTitle }, method: 'PATCH', token: editor.token }),
    'editor',
  )
  assert.equal(patch.status, 200, `editor PATCH: ${patch.status} ${patch.text.slice(0, 200)}`)
  const changedAt = Date.now()
  let seenAt = 0
  while (Date.now() - changedAt < (PUBLIC_MAX_AGE + 10) * 1000) {
    const res = count(await http(cdn, articleURL), 'anonymous')
    if (res.json?.title === newTitle) {
      seenAt = Date.now()
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  assert.ok(seenAt, `the edited title reached anonymous readers within ${PUBLIC_MAX_AGE}s + 10s`)
  log(
    `B: the editor's change was visible to anonymous readers after ${((seenAt - changedAt) / 1000).toFixed(1)}s (cache lifetime ${PUBLIC_MAX_AGE}s)`,
  )
  const fresh = count(await http(cdn, articleURL), 'anonymous')
  assert.equal(fresh.json.title, newTitle, 'no stale copy after the change was seen')

  // 5. Behind one proxy (trustedProxies 1), spoofed headers still buy no email quota: nginx appends the real peer.
  const statuses = []
  for (let i = 0; i < 20; i++) {
    const res = await http(cdn, `/api/articles/${id}/email`, {
      body: { senderName: 'Spoofer', to: `friend${i}@example.org` },
      headers: spoofedHeaders(cdn, i),
      method: 'POST',
    })
    statuses.push(res.status)
  }
  const accepted = statuses.filter((s) => s === 202).length
  log(`B: 20 email attempts through nginx with 4 spoofed addresses: ${accepted} accepted`)
  assert.ok(accepted <= 10, `at most 10 emails an hour through the proxy (got ${accepted}: ${statuses.join(' ')})`)
}

// ---------------------------------------------------------------------------------------------

/** @type {import('node:child_process').ChildProcess[]} */
const servers = []
/** @type {import('../harness/embeddedMongo.mjs').EmbeddedMongo | undefined} */
let mongo
/** @type {import('node:child_process').ChildProcess | undefined} */
let nginx
/** @type {string | undefined} */
let workDir

const cleanUp = async () => {
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((resolve) => nginx?.once('exit', resolve))
    nginx.kill('SIGQUIT')
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))])
    if (nginx.exitCode === null) nginx.kill('SIGKILL')
  }
  for (const server of servers) await stopProcessGroup(server)
  await mongo?.stop()
  if (workDir) await rm(workDir, { force: true, recursive: true })
}
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)))
}

/**
 * `next start` of the build on a free port with the given database and environment; resolves once it answers.
 * @param {NodeJS.ProcessEnv} env @param {string} label
 */
const startApp = async (env, label) => {
  const port = await freePort()
  const server = spawnNext('start', { env: { ...env, PORT: String(port) }, port, stdio: ['ignore', 'pipe', 'pipe'] })
  servers.push(server)
  const out = collectOutput(server, label)
  await waitForHttp(`http://127.0.0.1:${port}/api/articles?limit=1`, { child: server, timeoutMs: 3 * 60_000 }).catch(
    (error) => {
      throw new Error(`${label}: ${error.message}\n${out.output}`)
    },
  )
  return { out, port }
}

let failed = false
try {
  assert.ok(
    await readFile(NGINX).then(
      () => true,
      () => false,
    ),
    `nginx not found at ${NGINX} (Debian: apt-get install -y nginx; or set NGINX_PATH)`,
  )
  /** @type {NodeJS.ProcessEnv} */
  const baseEnv = { ...process.env, NEWSROOM_NEXT_DIST_DIR: DIST_DIR, NODE_ENV: 'production' }
  delete baseEnv.NEWSROOM_PUBLIC_MAX_AGE
  delete baseEnv.NEWSROOM_TRUSTED_PROXIES
  if (!SKIP_BUILD) {
    log('next build dev …')
    await completion(spawnNext('build', { env: baseEnv, stdio: ['ignore', 'pipe', 'pipe'] }), 'next build')
    log('built')
  }
  assert.ok(!baseEnv.MONGODB_URI, 'the CDN test runs on its own embedded database (unset MONGODB_URI)')
  const prepared = await prepareDatabase(baseEnv, { dbName: 'newsroom_cdn_direct' })
  mongo = prepared.mongo
  assert.ok(mongo)

  // A. Plain next start with the defaults.
  const direct = await startApp(prepared.env, 'direct')
  const directBase = `http://localhost:${direct.port}`
  log(`A: plain next start on ${directBase}`)
  await directChecks(directBase)
  log('A: passed')

  // B. Behind nginx.
  workDir = await mkdtemp(path.join(tmpdir(), 'newsroom-cdn-'))
  // nginx's workers may run as another user when started by root: let them write the cache.
  await chmod(workDir, 0o777)
  const cdnPort = await freePort()
  const cdnBase = `http://localhost:${cdnPort}`
  const behind = await startApp(
    {
      ...prepared.env,
      MONGODB_URI: withDatabaseName(mongo.uri, 'newsroom_cdn_proxy'),
      NEWSROOM_PUBLIC_MAX_AGE: String(PUBLIC_MAX_AGE),
      NEWSROOM_SITE_URL: cdnBase,
      NEWSROOM_TRUSTED_PROXIES: '1',
    },
    'behind-nginx',
  )
  const site = (await readFile(path.join(repoRoot, 'test/cdn/nginx-site.conf'), 'utf8'))
    .replaceAll('{{CACHE_DIR}}', path.join(workDir, 'cache'))
    .replaceAll('{{LISTEN}}', `127.0.0.1:${cdnPort}`)
    .replaceAll('{{UPSTREAM}}', `127.0.0.1:${behind.port}`)
  await writeFile(path.join(workDir, 'site.conf'), site)
  // Process-level settings only: everything about caching is in the publisher's file.
  await writeFile(
    path.join(workDir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${workDir}/nginx.pid;`,
      `error_log ${workDir}/error.log warn;`,
      'events { worker_connections 256; }',
      'http {',
      `  access_log ${workDir}/access.log;`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${workDir}/${t}_temp;`),
      `  include ${workDir}/site.conf;`,
      '}',
      '',
    ].join('\n'),
  )
  nginx = spawn(NGINX, ['-p', workDir, '-c', path.join(workDir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] })
  const nginxOut = collectOutput(nginx, 'nginx')
  await waitForHttp(`${cdnBase}/api/articles?limit=1`, { child: nginx, timeoutMs: 30_000 }).catch(async (error) => {
    throw new Error(
      `nginx: ${error.message}\n${nginxOut.output}\n${await readFile(path.join(workDir ?? '', 'error.log'), 'utf8').catch(() => '')}`,
    )
  })
  log(`B: nginx proxy_cache on ${cdnBase} in front of next start on ${behind.port}`)
  await cdnChecks(cdnBase, behind.port)
  log('B: passed')
  console.log('\nCache figures (requester and X-Cache-Status → responses):')
  for (const [key, n] of Object.entries(figures).sort()) console.log(`  ${key.padEnd(34)} ${n}`)
} catch (error) {
  failed = true
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
} finally {
  await cleanUp()
}
log(failed ? 'FAILED' : 'all passed')
process.exit(failed ? 1 : 0)
