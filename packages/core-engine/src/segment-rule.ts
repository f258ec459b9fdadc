import { type CompiledCondition, compileCondition, conditionHolds, type TypedOperand } from './condition'
import type { DocumentCondition, DocumentRule } from './environment-document'
import type { EvaluationScope } from './evaluation-scope'
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

/**
 * Sorts `items` in place by `cost`, keeping equal items in order. Rules and conditions come in short lists, and
 * `Array#sort` allocates a sort state on every call (about a megabyte of garbage per compile of a large document), so
 * short lists get an insertion sort; long ones, whose quadratic time would show, still get `Array#sort`.
 */
function sortByCost<T>(items: T[], cost: (item: T) => number): T[] {
  if (items.length > 16) return items.sort((a, b) => cost(a) - cost(b))
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!
    const itemCost = cost(item)
    let j = i - 1
    for (; j >= 0 && cost(items[j]!) > itemCost; j--) items[j + 1] = items[j]!
    items[j + 1] = item
  }
  return items
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

function conditionCost(operator: unknown): number {
  if (operator === 'PERCENTAGE_SPLIT') return 3
  if (operator === 'REGEX') return 2
  return 1
}

function ruleType(type: string): number {
  return type === 'ALL' ? ALL : type === 'ANY' ? ANY : type === 'NONE' ? NONE : INVALID
}

/**
 * @internal Compiles a segment rule. Its type applies to its conditions and to its sub-rules alike, and the rule
 * matches when both groups do; an empty group does not constrain.
 */
export function compileRule(rule: RuleInput, segmentKey: string, compiler: RuleCompiler): CompiledRule {
  // Conditions have no side effects, so ALL, ANY and NONE may test them in any order: cheap ones first lets the
  // short circuit skip most regexes and hashes.
  let cost = 0
  const conditions = sortByCost([...(rule.conditions ?? [])], (c) => conditionCost(c.operator)).map((c) => {
    cost += conditionCost(c.operator)
    const property = propertyOf(c)
    return compileCondition(
      String(c.operator),
      c.value ?? null,
      segmentKey,
      compiler.slots(property),
      property !== '',
      compiler.operands,
    )
  })
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
  return sortByCost(
    rules.map((r: RuleInput) => compileRule(r, segmentKey, compiler)),
    (r) => r.cost,
  )
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
