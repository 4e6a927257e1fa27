import type { ExecutionArgs, ValidationRule, ValueNode } from 'graphql'

import { GraphQLError, valueFromASTUntyped } from 'graphql'

/** Largest page a GraphQL list (a collection query or a join) may ask for; REST lists share it (src/hooks/boundRestLists.ts). */
export const MAX_LIST_LIMIT = 100

/**
 * Keeps every list bounded, which the complexity limit alone does not (it does not count documents):
 * `limit` must be 1…max (Payload reads `0` as "no limit") and `pagination: false` (everything) is refused.
 * Variables are resolved from the request, or from their default in the document.
 */
export const boundedListsRule =
  (max: number) =>
  (args: ExecutionArgs): ValidationRule =>
  (context) => {
    const defaults = new Map<string, ValueNode>()
    const valueOf = (node: ValueNode): unknown => {
      if (node.kind === 'Variable') {
        const name = node.name.value
        const given = args.variableValues?.[name]
        if (given !== undefined) return given
        const fallback = defaults.get(name)
        return fallback ? valueFromASTUntyped(fallback) : undefined
      }
      return valueFromASTUntyped(node, args.variableValues ?? undefined)
    }
    return {
      Argument(node) {
        const name = node.name.value
        if (name !== 'limit' && name !== 'pagination') return
        const value = valueOf(node.value)
        if (value === undefined || value === null) return
        if (name === 'limit' && !(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max)) {
          context.reportError(new GraphQLError(`"limit" must be between 1 and ${max}.`, { nodes: node }))
        }
        if (name === 'pagination' && value === false) {
          context.reportError(
            new GraphQLError('"pagination: false" is not allowed: page through the results instead.', { nodes: node }),
          )
        }
      },
      VariableDefinition(node) {
        if (node.defaultValue) defaults.set(node.variable.name.value, node.defaultValue)
      },
    }
  }
