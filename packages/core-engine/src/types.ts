/** A trait value as Flagsmith stores it. */
export type TraitValue = string | number | boolean | null

/** Traits of an identity by trait key. Keys such as `__proto__` or `constructor` are ordinary traits. */
export type Traits = Record<string, TraitValue>

/** A flag's value: Flagsmith stores strings, numbers, booleans or nothing. */
export type FlagValue = string | number | boolean | null

/** The operators a segment condition may use. Unknown operators never match. */
export type ConditionOperator =
  | 'EQUAL'
  | 'NOT_EQUAL'
  | 'GREATER_THAN'
  | 'GREATER_THAN_INCLUSIVE'
  | 'LESS_THAN'
  | 'LESS_THAN_INCLUSIVE'
  | 'CONTAINS'
  | 'NOT_CONTAINS'
  | 'REGEX'
  | 'PERCENTAGE_SPLIT'
  | 'MODULO'
  | 'IS_SET'
  | 'IS_NOT_SET'
  | 'IN'

/** One multivariate option of a feature in an evaluation context. */
export interface VariantContext {
  value: FlagValue
  weight: number
  /** Lower sorts first. A bigint when the document only had a 128-bit uuid to order by. */
  priority: number | bigint
  key?: string
}

/** A feature (or a segment's override of one) in an evaluation context. */
export interface FeatureContext {
  key: string
  name: string
  enabled: boolean
  value: FlagValue
  variants?: VariantContext[]
  /** Only on segment overrides: lower wins; missing means weakest. */
  priority?: number
  metadata?: Record<string, unknown>
}

/** A condition of a segment rule. */
export interface ConditionContext {
  property: string
  operator: ConditionOperator | (string & {})
  value: string | unknown[] | null
}

/** A segment rule: its type applies to its conditions and to its sub-rules. */
export interface RuleContext {
  type: 'ALL' | 'ANY' | 'NONE'
  conditions?: ConditionContext[]
  rules?: RuleContext[]
}

/** A segment in an evaluation context. */
export interface SegmentContext {
  key: string
  name: string
  rules: RuleContext[]
  overrides?: FeatureContext[]
  metadata?: Record<string, unknown>
}

/** Flagsmith's evaluation context: the input of {@link evaluate}. */
export interface EvaluationContext {
  environment: { key: string; name: string }
  identity?: { identifier: string; key?: string; traits?: Traits } | null
  features?: Record<string, FeatureContext>
  segments?: Record<string, SegmentContext>
}

/** One evaluated flag, in exactly the shape of Flagsmith's evaluation result. */
export interface FlagResult {
  name: string
  enabled: boolean
  value: FlagValue
  /** `DEFAULT`, `TARGETING_MATCH; segment=<name>` or `SPLIT; weight=<n>`. */
  reason: string
  /** The multivariate variant key, `"control"` when a split fell through, `null` without variants. */
  variant: string | null
  metadata?: Record<string, unknown>
}

/** A segment the context matched. */
export interface SegmentResult {
  name: string
  metadata?: Record<string, unknown>
}

/** Flagsmith's evaluation result: the output of {@link evaluate}. */
export interface EvaluationResult {
  flags: Record<string, FlagResult>
  segments: SegmentResult[]
}
