import type { ASTVisitor, FragmentDefinitionNode, ValidationContext, ValidationRule } from 'graphql'

import { GraphQLError } from 'graphql'

/**
 * A fragment that spreads itself (`fragment A on X { ...B } fragment B on X { ...A }`) is invalid GraphQL,
 * but Payload's complexity rule (@payloadcms/graphql/dist/packages/graphql-query-complexity/QueryComplexity.js,
 * `nodeComplexity`) follows spreads without a guard and overflows the stack while validating, before the
 * spec's NoFragmentCycles error can be returned: a 500 with an empty body. Rules run side by side on each
 * node and the document is entered before any operation, so this rule finds cycles first, reports them,
 * and stops validation — the client gets graphql's own 400-class validation errors instead.
 */
export const refuseFragmentCycles: ValidationRule = (context: ValidationContext): ASTVisitor => ({
  Document(document) {
    const fragments = new Map<string, FragmentDefinitionNode>()
    for (const d of document.definitions) if (d.kind === 'FragmentDefinition') fragments.set(d.name.value, d)
    const cycle = findCycle(fragments, context)
    if (!cycle) return
    context.reportError(
      new GraphQLError(
        `Cannot spread fragment "${cycle[0]}" within itself${
          cycle.length > 1
            ? ` via ${cycle
                .slice(1)
                .map((n) => `"${n}"`)
                .join(', ')}`
            : ''
        }.`,
      ),
    )
    abortValidation(context)
  },
})

/** The names along the first fragment cycle, or undefined. Iterative, so a long chain cannot overflow either. */
function findCycle(fragments: Map<string, FragmentDefinitionNode>, context: ValidationContext): string[] | undefined {
  const done = new Set<string>()
  for (const start of fragments.keys()) {
    if (done.has(start)) continue
    // Depth-first, with the current path kept explicitly.
    const path: string[] = []
    const onPath = new Set<string>()
    const stack: { name: string; next: number; spreads: string[] }[] = []
    const enter = (name: string) => {
      const fragment = fragments.get(name)
      const spreads = fragment ? context.getFragmentSpreads(fragment.selectionSet).map((s) => s.name.value) : []
      stack.push({ name, next: 0, spreads })
      path.push(name)
      onPath.add(name)
    }
    enter(start)
    while (stack.length) {
      const top = stack[stack.length - 1]!
      if (top.next >= top.spreads.length) {
        stack.pop()
        path.pop()
        onPath.delete(top.name)
        done.add(top.name)
        continue
      }
      const spread = top.spreads[top.next++]!
      if (onPath.has(spread)) return path.slice(path.indexOf(spread))
      if (!done.has(spread) && fragments.has(spread)) enter(spread)
    }
  }
  return undefined
}

/**
 * Stops `validate()` without an exception escaping it: graphql 16 aborts (and returns the errors so far)
 * when a rule reports more errors than its limit (`maxErrors`, 100 by default), and newer 16.x also when
 * a rule exhausts the context's fragment budget — the abort used for exactly this kind of runaway document.
 */
function abortValidation(context: ValidationContext): void {
  const spend = (context as unknown as { spendFragmentWork?: (cost: number) => void }).spendFragmentWork
  if (typeof spend === 'function') spend.call(context, Number.POSITIVE_INFINITY)
  for (let i = 0; i < 1000; i++) context.reportError(new GraphQLError('Validation aborted: fragment cycle.'))
}
