import { createRequire } from 'node:module'

/**
 * Node's own `createRequire`, also inside a host's bundle: webpack and Turbopack replace the imported one with a
 * stand-in that cannot resolve packages at run time (fonts, hyphenation patterns). Node ≥ 20.16 hands out the
 * real one through `process.getBuiltinModule`; older Nodes run unbundled code, where the import is the real one.
 */
export const nodeCreateRequire: typeof createRequire =
  (
    process as unknown as { getBuiltinModule?: (id: string) => { createRequire: typeof createRequire } | undefined }
  ).getBuiltinModule?.('node:module')?.createRequire ?? createRequire
