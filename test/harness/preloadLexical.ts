/*
 * Node 20 often leaves Lexical's top-level awaits unsettled when its packages are first reached through a
 * cycle of static imports, and exits with code 13 before running anything. Plain Node/tsx entry points
 * (benchmarks, cluster processes) call this first, then reach the plugin through dynamic imports.
 */
const LEXICAL_PACKAGES = [
  'lexical',
  '@lexical/utils',
  '@lexical/selection',
  '@lexical/clipboard',
  '@lexical/headless',
  '@lexical/html',
  '@lexical/link',
  '@lexical/list',
  '@lexical/mark',
  '@lexical/rich-text',
  '@lexical/table',
]

/** Loads `lexical` and the `@lexical/*` packages one by one, in dependency order. */
export const preloadLexical = async (): Promise<void> => {
  for (const name of LEXICAL_PACKAGES) await import(name)
}
