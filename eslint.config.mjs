// @ts-check
/**
 * Lint (`npm run lint`, part of `npm test`): ESLint's and typescript-eslint's recommended rules, as Payload's
 * shared config (@payloadcms/eslint-config) builds on them, plus the layout's import directions (./eslint/layers.mjs).
 * Formatting is Prettier's alone (`npm run format:check`), so no stylistic rules here.
 */
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

import layers from './eslint/layers.mjs'

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'coverage/**',
      'test-output/**',
      '**/.next/**',
      // Generated: Payload's import maps and types, Next's env file.
      '**/importMap.js',
      '**/payload-types.ts',
      '**/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are errors, except the deliberate `_`-prefixed ones (ignored arguments, rest-omitted keys).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true, varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // CommonJS by definition (preloads for `node --require`).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Off in tests only: responses and fixtures are untyped JSON the assertions look into; in shipped code
    // (src, collections, fields) `any` stays an error.
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Code that runs in the page (admin components, browser scenarios' page.evaluate callbacks).
    files: ['src/components/**', 'dev/app/**', 'test/browser/**', 'test/cdn/**', 'test/host-app/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  ...layers,
)
