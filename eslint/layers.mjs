/**
 * The import direction of the repository, as an ESLint flat config (README "Architecture": the layout and
 * the import rule). Runnable alone — `npx eslint -c eslint/layers.mjs src collections fields` — and spread
 * into the main eslint.config.mjs.
 *
 *   src/index.ts, src/plugin/**   the entry: the only code that imports collections/**
 *   src/exports/**                the package's public entry points: library, fields/, components
 *   collections/<name>/**         one collection (hooks/, endpoints/, fields/ beside it): fields/, library,
 *                                 collections/*.ts helpers; never another collection's folder
 *   fields/**                     reusable field factories: library only
 *   src/components/**             admin UI: library only
 *   library (every other src/ folder, and src/types.ts, src/defaults.ts): never collections/**, fields/**,
 *                                 src/components/**, src/exports/**, the entry; and inside the library only
 *                                 downwards, by the tiers below (a folder imports folders of lower tiers).
 *
 * Paths are resolved (TypeScript's `.js` specifiers map to the `.ts` source), so the rule sees the file an
 * import names however it is spelled; type-only imports count like any other. Every relative import must
 * resolve (`import-x/no-unresolved`), so a typo cannot slip an import past the zones.
 */
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import tseslint from 'typescript-eslint'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dirsIn = (dir) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
    : []

/** src/ folders that are not library code. */
const NOT_LIBRARY = new Set(['components', 'exports', 'plugin'])

/**
 * The library's internal order, lowest first. A folder may import folders of lower tiers only (and itself).
 * utilities are the shared small rules and constants; the middle tiers are the engines (access, moderation,
 * lexical, delivery, graphql); then what composes them (print over lexical, email over print + delivery,
 * jobs over email + globals); endpoints, the plugin-wide HTTP surface, sit on top. A library folder not
 * listed here counts as the top tier.
 */
export const LIBRARY_TIERS = [
  ['utilities'],
  ['translations', 'access', 'lexical', 'delivery', 'moderation', 'commentCount', 'graphql', 'billing'],
  ['globals', 'hooks', 'print'],
  ['email'],
  ['jobs'],
  ['endpoints'],
]

const tierOf = (folder) => {
  const tier = LIBRARY_TIERS.findIndex((names) => names.includes(folder))
  return tier === -1 ? LIBRARY_TIERS.length - 1 : tier
}

const ENTRY = ['src/index.ts', 'src/plugin']
const ABOVE_LIBRARY = ['collections', 'fields', 'src/components', 'src/exports', ...ENTRY]

const zones = () => {
  const library = dirsIn('src').filter((name) => !NOT_LIBRARY.has(name))
  const collections = dirsIn('collections')
  const zone = (target, from, message) => ({ from, message, target })
  return [
    ...['src/types.ts', 'src/defaults.ts', ...library.map((name) => `src/${name}`)].map((target) =>
      zone(
        target,
        ABOVE_LIBRARY,
        'Library code never imports collections/, fields/, admin components, src/exports or the plugin entry (slugs come from options.slugs, or INTERNAL_SLUGS in src/defaults.ts).',
      ),
    ),
    // Inside the library, only downwards.
    ...library.flatMap((name) => {
      const from = library
        .filter((other) => other !== name && tierOf(other) >= tierOf(name))
        .map((other) => `src/${other}`)
      return from.length
        ? [
            zone(
              `src/${name}`,
              from,
              `src/${name} (library tier ${tierOf(name)}) imports only lower tiers; see LIBRARY_TIERS in eslint/layers.mjs.`,
            ),
          ]
        : []
    }),
    zone('fields', ['collections', 'src/components', 'src/exports', ...ENTRY], 'fields/ imports library folders only.'),
    zone(
      'src/components',
      ['collections', 'fields', 'src/exports', ...ENTRY],
      'Admin components import library folders only.',
    ),
    zone(
      'collections',
      ['src/components', 'src/exports', ...ENTRY],
      'A collection imports fields/ and library folders, never admin components or the plugin entry.',
    ),
    ...collections.map((name) =>
      zone(
        `collections/${name}`,
        collections.filter((other) => other !== name).map((other) => `collections/${other}`),
        'A collection never imports another collection; what two collections share lives in a library folder.',
      ),
    ),
  ]
}

export default [
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { ecmaFeatures: { jsx: true }, ecmaVersion: 'latest', sourceType: 'module' },
    },
    // Unused-directive reports belong to the main config, which knows every rule the directives name.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: zones() }],
      'import-x/no-unresolved': ['error', { ignore: ['^[^.]'] }],
    },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.mjs': ['.mts', '.mjs'] },
          extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
        }),
      ],
    },
  },
]
