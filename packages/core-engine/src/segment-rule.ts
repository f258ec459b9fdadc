import { type CompiledCondition, compileCondition } from './condition'
import type { EvaluationScope } from './evaluation-scope'
import type { RuleContext } from './types'

/** @internal Assigns each distinct condition property a slot in the evaluation scope's value cache. */
export type PropertySlots = (property: string) => number

type Check = (scope: EvaluationScope) => boolean

/** @internal The rule types Flagsmith knows. */
export const RULE_TYPES: ReadonlySet<string> = /* @__PURE__ */ new Set(['ALL', 'ANY', 'NONE'])

function combine(type: string, checks: Check[]): Check | undefined {
  if (checks.length === 0) return undefined
  switch (type) {
    case 'ANY':
      return (scope) => {
        for (const check of checks) if (check(scope)) return true
        return false
      }
    case 'NONE':
      return (scope) => {
        for (const check of checks) if (check(scope)) return false
        return true
      }
    default:
      return (scope) => {
        for (const check of checks) if (!check(scope)) return false
        return true
      }
  }
}

function conditionCost(operator: unknown): number {
  if (operator === 'PERCENTAGE_SPLIT') return 3
  if (operator === 'REGEX') return 2
  return 1
}

/**
 * @internal Compiles a segment rule. Its type applies to its conditions and to its sub-rules alike, and the rule
 * matches when both groups do; an empty group does not constrain.
 */
export function compileRule(rule: RuleContext, segmentKey: string, slots: PropertySlots): Check {
  if (!RULE_TYPES.has(rule.type)) return () => false
  // Conditions have no side effects, so ALL, ANY and NONE may test them in any order: cheap ones first lets the
  // short circuit skip most regexes and hashes.
  const conditions: CompiledCondition[] = [...(rule.conditions ?? [])]
    .sort((a, b) => conditionCost(a.operator) - conditionCost(b.operator))
    .map((c) => {
      const property = typeof c.property === 'string' ? c.property : ''
      return compileCondition(String(c.operator), c.value, segmentKey, slots(property), property !== '')
    })
  const conditionsMatch = combine(rule.type, conditions)
  const rulesMatch = combine(
    rule.type,
    (rule.rules ?? []).map((r) => compileRule(r, segmentKey, slots)),
  )
  if (conditionsMatch && rulesMatch) return (scope) => conditionsMatch(scope) && rulesMatch(scope)
  return conditionsMatch ?? rulesMatch ?? (() => true)
}

/** @internal Compiles a segment's rules: it matches when it has rules and every one of them matches. */
export function compileSegmentRules(rules: readonly RuleContext[], segmentKey: string, slots: PropertySlots): Check {
  const checks = rules.map((r) => compileRule(r, segmentKey, slots))
  if (checks.length === 0) return () => false
  return combine('ALL', checks)!
}
