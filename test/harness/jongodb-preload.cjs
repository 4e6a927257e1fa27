'use strict'
/**
 * Patch for the embedded jongodb server: its `findAndModify` rejects
 * `remove: true` together with `new` ("new is not allowed when remove=true"),
 * but the mongodb driver (6.x) always sends `new: false, upsert: false`.
 * Mongoose's `Model.findOneAndDelete` (used by @payloadcms/db-mongodb's
 * deleteOne, i.e. every `payload.delete` / REST DELETE by id) therefore fails.
 *
 * We drop `new`/`upsert` from the findAndModify command that
 * `FindOneAndDeleteOperation` builds. For a real MongoDB this is a no-op
 * (both default to false), so the patch is safe to load everywhere.
 *
 * Loaded by:
 *   - Jest: `setupFiles` in jest.config.js (runs inside each test file's module
 *     registry, i.e. patches the same `mongodb` instance that mongoose uses there);
 *   - Node / Next dev server: `NODE_OPTIONS=--require=/abs/path/test/harness/jongodb-preload.cjs`.
 *
 * Idempotent. Set NEWSROOM_JONGODB_PRELOAD_DEBUG=1 to log when it applies.
 */
const path = require('node:path')

function resolveFindAndModify() {
  // Resolve `mongodb` the way mongoose would (from the project root / cwd first,
  // then from this file), then go to its internal operations module.
  const searchPaths = [process.cwd(), __dirname]
  const mongoosePkg = (() => {
    try {
      return require.resolve('mongoose/package.json', { paths: searchPaths })
    } catch {
      return null
    }
  })()
  const fromPaths = mongoosePkg ? [path.dirname(mongoosePkg), ...searchPaths] : searchPaths
  const mongodbMain = require.resolve('mongodb', { paths: fromPaths })
  // mongodbMain = <pkg>/lib/index.js
  return path.join(path.dirname(mongodbMain), 'operations', 'find_and_modify.js')
}

function applyPatch() {
  let file
  try {
    file = resolveFindAndModify()
  } catch {
    return false // mongodb not installed: nothing to patch
  }
  const mod = require(file)
  const Op = mod && mod.FindOneAndDeleteOperation
  if (!Op || typeof Op.prototype.buildCommandDocument !== 'function') {
    throw new Error(`jongodb-preload: FindOneAndDeleteOperation.prototype.buildCommandDocument not found in ${file}`)
  }
  if (Op.prototype.buildCommandDocument.__newsroomJongodbPatched) return true
  const original = Op.prototype.buildCommandDocument
  const patched = function buildCommandDocument(...args) {
    const command = original.apply(this, args)
    delete command.new
    delete command.upsert
    return command
  }
  patched.__newsroomJongodbPatched = true
  Op.prototype.buildCommandDocument = patched
  if (process.env.NEWSROOM_JONGODB_PRELOAD_DEBUG === '1') {
    console.log(`[jongodb-preload] patched FindOneAndDeleteOperation in ${file}`)
  }
  return true
}

applyPatch()

module.exports = { applyPatch }
