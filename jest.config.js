/**
 * Jest config (ESM). Run through the `test:jest` script:
 *   NODE_OPTIONS='--experimental-vm-modules --no-warnings' jest
 *
 * - TS/TSX is compiled by @swc/jest to native ESM; node_modules is NOT
 *   transformed (Payload, @payloadcms/*, mongoose... all run as shipped).
 * - globalSetup starts the embedded MongoDB-compatible server (jongodb) unless
 *   MONGODB_URI is set; see test/README.md.
 */

/** @type {import('jest').Config} */
const config = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.next/'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'jsx', 'json', 'node'],
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: {
    '^.+\\.(ts|tsx)$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true, decorators: false },
          target: 'es2022',
          transform: { react: { runtime: 'automatic' } },
          keepClassNames: true,
        },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  // Nothing in node_modules needs transforming: Payload 3 and its deps ship
  // ESM/CJS that Node runs directly.
  transformIgnorePatterns: ['/node_modules/'],
  // TS sources use `.js` specifiers for relative imports (NodeNext style);
  // map them back to the extensionless path so the .ts/.tsx file is found.
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // Patches the mongodb driver instance of each test file (findOneAndDelete on
  // the embedded server). Must be a setupFile: a --require preload would patch
  // Node's own module cache, which Jest's per-file registry does not use.
  setupFiles: ['<rootDir>/test/harness/jongodb-preload.cjs'],
  // Closes any Payload instance a test file left open (see initPayload.ts).
  setupFilesAfterEnv: ['<rootDir>/test/harness/jestAfterEnv.ts'],
  globalSetup: '<rootDir>/test/harness/globalSetup.mjs',
  globalTeardown: '<rootDir>/test/harness/globalTeardown.mjs',
  testTimeout: 120_000,
  maxWorkers: 2,
}

export default config
