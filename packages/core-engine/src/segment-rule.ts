import { type CompiledCondition, compileCondition, conditionCost, conditionHolds, type TypedOperand } from './condition'
import type { DocumentCondition, DocumentRule } from './environment-document'
import type { EvaluationScope } from './evaluation-scope'
import { stableSort } from './stable-sort'
import type { ConditionContext, RuleContext } from './types'

/** @internal Assigns each distinct condition property a slot in the evaluation scope's value cache. */
export type PropertySlots = (property: string) => number

/** @internal The rule types Flagsmith knows. */
export const RULE_TYPES: ReadonlySet<string> = /* @__PURE__ */ new Set(['ALL', 'ANY', 'NONE'])

// Most rules have conditions or sub-rules, not both: the empty group is one shared array, not one per rule.
const NONE_COMPILED: readonly never[] = []

const ALL = 0
const ANY = 1
const NONE = 2
const INVALID = 3

/** @internal A segment rule compiled once per document; plain data that {@link segmentMatches} walks. */
export class CompiledRule {
  constructor(
    readonly type: number,
    readonly conditions: readonly CompiledCondition[],
    readonly rules: readonly CompiledRule[],
    /** A rough price of testing the whole rule, to test cheap rules first. */
    readonly cost: number,
  ) {}
}

/** @internal A rule as an evaluation context or an environment document spells it: compiled without mapping. */
export type RuleInput = RuleContext | DocumentRule

/** The condition's property: `property` in a context, `property_` in a document; `''` for none. */
function propertyOf(condition: ConditionContext | DocumentCondition): string {
  const property = 'property' in condition ? condition.property : condition.property_
  return typeof property === 'string' ? property : ''
}

/** @internal What compiling a document's segments shares: property slots and typed operands. */
export interface RuleCompiler {
  slots: PropertySlots
  operands: Map<string, TypedOperand>
}

const byConditionCost = (a: CompiledCondition, b: CompiledCondition) => conditionCost(a) - conditionCost(b)
const byRuleCost = (a: CompiledRule, b: CompiledRule) => a.cost - b.cost

function ruleType(type: string): number {
  return type === 'ALL' ? ALL : type === 'ANY' ? ANY : type === 'NONE' ? NONE : INVALID
}

/**
 * @internal Compiles a segment rule. Its type applies to its conditions and to its sub-rules alike, and the rule
 * matches when both groups do; an empty group does not constrain.
 */
export function compileRule(rule: RuleInput, segmentKey: string, compiler: RuleCompiler): CompiledRule {
  const source = rule.conditions ?? NONE_COMPILED
  const conditions = new Array<CompiledCondition>(source.length)
  let cost = 0
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    const property = propertyOf(c)
    const slot = compiler.slots(property)
    conditions[i] = compileCondition(
      String(c.operator),
      c.value ?? null,
      segmentKey,
      slot,
      property !== '',
      compiler.operands,
    )
    cost += conditionCost(conditions[i]!)
  }
  // Conditions have no side effects, so ALL, ANY and NONE may test them in any order: cheap ones first lets the
  // short circuit skip most regexes and hashes.
  stableSort(conditions, byConditionCost)
  const rules = compileRules(rule.rules, segmentKey, compiler)
  for (const r of rules) cost += r.cost
  return new CompiledRule(ruleType(rule.type), conditions.length > 0 ? conditions : NONE_COMPILED, rules, cost)
}

/**
 * @internal Compiles a segment's rules, or a rule's sub-rules, cheapest first: a group of rules holds or fails as a
 * whole, whatever the order.
 */
export function compileRules(
  rules: readonly RuleInput[] | undefined,
  segmentKey: string,
  compiler: RuleCompiler,
): readonly CompiledRule[] {
  if (!rules?.length) return NONE_COMPILED
  const compiled = new Array<CompiledRule>(rules.length)
  for (let i = 0; i < rules.length; i++) compiled[i] = compileRule(rules[i]!, segmentKey, compiler)
  return stableSort(compiled, byRuleCost)
}

// One function per rule, its loops written out, rather than helpers per group: this walk runs for every segment of
// every evaluation, and each call it saves shows.
function ruleMatches(rule: CompiledRule, scope: EvaluationScope): boolean {
  const type = rule.type
  if (type === INVALID) return false
  const conditions = rule.conditions
  if (conditions.length > 0) {
    if (type === ALL) {
      for (let i = 0; i < conditions.length; i++) if (!conditionHolds(conditions[i]!, scope)) return false
    } else {
      // ANY needs one condition to hold, NONE needs none to.
      let held = false
      for (let i = 0; i < conditions.length && !held; i++) held = conditionHolds(conditions[i]!, scope)
      if (held !== (type === ANY)) return false
    }
  }
  const rules = rule.rules
  if (rules.length > 0) {
    if (type === ALL) {
      for (let i = 0; i < rules.length; i++) if (!ruleMatches(rules[i]!, scope)) return false
    } else {
      let held = false
      for (let i = 0; i < rules.length && !held; i++) held = ruleMatches(rules[i]!, scope)
      if (held !== (type === ANY)) return false
    }
  }
  return true
}

/** @internal Whether a segment with these compiled rules matches: it needs rules, and every one of them to match. */
export function segmentMatches(rules: readonly CompiledRule[], scope: EvaluationScope): boolean {
  if (rules.length === 0) return false
  for (let i = 0; i < rules.length; i++) if (!ruleMatches(rules[i]!, scope)) return false
  return true
}
