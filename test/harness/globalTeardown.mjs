// @ts-check
/** Jest globalTeardown: stop the embedded server started by globalSetup (if any). */
export default async function globalTeardown() {
  const g = /** @type {any} */ (globalThis)
  const server = g.__NEWSROOM_EMBEDDED_MONGO__
  if (server) {
    g.__NEWSROOM_EMBEDDED_MONGO__ = undefined
    await server.stop()
    delete process.env.MONGODB_URI
  }
}
