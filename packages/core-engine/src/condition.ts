import type { ContextValue } from './context-value'
import type { EvaluationScope } from './evaluation-scope'
import { hashedPercentageOfPair } from './hashed-percentage'
import { IntegralFloat } from './integral-float'
import { HashHead, HashTail } from './md5'
import { parsePythonFloat, parsePythonInt } from './parse-python-number'
import { compareCodePoints, pythonModulo } from './python-compare'
import { toPythonString } from './python-string'
import { RegexCondition } from './regex-condition'
import { compareSemver, parseSemver, type Semver } from './semver'

/** Python's `int(c)`, or `undefined` where it would raise. */
function castInt(c: unknown): bigint | undefined {
  if (typeof c === 'string') {
    const parsed = parsePythonInt(c)
    return parsed === undefined ? undefined : BigInt(parsed)
  }
  if (typeof c === 'number') return Number.isFinite(c) ? BigInt(Math.trunc(c)) : undefined
  if (typeof c === 'boolean') return c ? 1n : 0n
  return undefined
}

/** Python's `float(c)`, or `undefined` where it would raise. */
function castFloat(c: unknown): number | undefined {
  if (typeof c === 'string') return parsePythonFloat(c)
  if (typeof c === 'number') return c
  if (typeof c === 'boolean') return c ? 1 : 0
  return undefined
}

function order<T extends number | bigint>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : a === b ? 0 : Number.NaN
}

/** @internal The condition value cast once to each type a context value may have, as Python casts it per evaluation. */
export interface TypedOperand {
  text: string
  int: bigint | undefined
  float: number | undefined
  bool: boolean
  /** Set when the condition asks for a semver comparison (`"1.2.3:semver"`); `null` when that version is invalid. */
  semver: Semver | null | undefined
}

function typedOperand(c: unknown): TypedOperand {
  const isSemver = typeof c === 'string' && c.endsWith(':semver')
  return {
    text: toPythonString(c),
    int: castInt(c),
    float: castFloat(c),
    bool: c !== 'False' && c !== 'false',
    semver: isSemver ? (parseSemver(c.slice(0, -':semver'.length)) ?? null) : undefined,
  }
}

/** Orders the context value against the operand: sign of the comparison, `NaN` when unordered, `undefined` when Python raises. */
function compareTyped(
  v: ContextValue,
  operand: TypedOperand,
  scope: EvaluationScope,
  slot: number,
): number | undefined {
  switch (typeof v) {
    case 'string': {
      if (operand.semver === undefined) return compareCodePoints(v, operand.text)
      const version = scope.semver(slot)
      return version && operand.semver ? compareSemver(version, operand.semver) : undefined
    }
    case 'boolean':
      return order(Number(v), Number(operand.bool))
    case 'bigint':
      return operand.int === undefined ? undefined : order(v, operand.int)
    case 'number':
      // A caller's number cannot say whether it was `2` or `2.0`; it compares as a float, as the official SDKs do.
      return operand.float === undefined ? undefined : order(v, operand.float)
    default:
      if (v instanceof IntegralFloat) return operand.float === undefined ? undefined : order(v.value, operand.float)
      return undefined
  }
}

function compileIn(c: unknown): ReadonlySet<string> | readonly string[] {
  let values: string[] | undefined
  if (Array.isArray(c)) values = c.map(toPythonString)
  else {
    const text = toPythonString(c)
    if (text.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(text)
        if (Array.isArray(parsed)) values = parsed.map(toPythonString)
      } catch {
        // Not JSON after all: Flagsmith falls back to the comma-separated form.
      }
    }
    values ??= text.split(',')
  }
  // A short list is smaller and as quick to scan as a set is to probe.
  return values.length > 8 ? new Set(values) : values
}

function compileModulo(c: unknown): Modulo | undefined {
  const parts = toPythonString(c).split('|')
  if (parts.length !== 2) return undefined
  const divisor = parsePythonFloat(parts[0]!)
  const remainder = parsePythonFloat(parts[1]!)
  return divisor === undefined || remainder === undefined ? undefined : { divisor, remainder }
}

function numericValue(v: ContextValue): number | undefined {
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  if (v instanceof IntegralFloat) return v.value
  return undefined
}

interface Modulo {
  divisor: number
  remainder: number
}

interface PercentageSplit {
  /** The segment key and a comma: what the value is appended to for hashing. */
  prefix: HashHead
  threshold: number
}

// Operators as small integers, so evaluation is one switch rather than a call through a closure per condition.
const NEVER = 0
const IS_SET = 1
const IS_NOT_SET = 2
const IN = 3
const CONTAINS = 4
const NOT_CONTAINS = 5
const REGEX = 6
const MODULO = 7
const PERCENTAGE_SPLIT = 8
const EQUAL = 9
const NOT_EQUAL = 10
const GREATER_THAN = 11
const GREATER_THAN_INCLUSIVE = 12
const LESS_THAN = 13
const LESS_THAN_INCLUSIVE = 14

const COMPARISONS: Readonly<Record<string, number>> = {
  EQUAL,
  NOT_EQUAL,
  GREATER_THAN,
  GREATER_THAN_INCLUSIVE,
  LESS_THAN,
  LESS_THAN_INCLUSIVE,
}

/**
 * @internal A condition compiled once per document: everything that does not depend on the identity is done. Plain
 * data rather than a closure, which costs a function and a context object per condition.
 */
export class CompiledCondition {
  constructor(
    readonly operator: number,
    /** Where the scope caches the condition's context value; `-1` for a percentage split of the identity key. */
    readonly slot: number,
    /** Prepared for the operator: a typed operand, a set of values, a matcher, a split… */
    readonly operand: unknown,
  ) {}
}

const never = /* @__PURE__ */ new CompiledCondition(NEVER, -1, undefined)

/** @internal A rough price of testing the condition, to test cheap ones first. */
export function conditionCost(condition: CompiledCondition): number {
  const operator = condition.operator
  return operator === PERCENTAGE_SPLIT ? 3 : operator === REGEX ? 2 : 1
}

/**
 * @internal Compiles one condition of the segment keyed `segmentKey`. `slot` is where the scope caches the condition's
 * context value; a percentage split without a property splits the identity key. Unknown operators compile to a
 * condition that never matches.
 * `operands` shares typed operands between the conditions of one document.
 */
export function compileCondition(
  operator: string,
  c: unknown,
  segmentKey: string,
  slot: number,
  hasProperty: boolean,
  operands: Map<string, TypedOperand>,
): CompiledCondition {
  switch (operator) {
    case 'IS_SET':
      return new CompiledCondition(IS_SET, slot, undefined)
    case 'IS_NOT_SET':
      return new CompiledCondition(IS_NOT_SET, slot, undefined)
    case 'IN':
      return new CompiledCondition(IN, slot, compileIn(c))
    case 'NOT_CONTAINS':
      return new CompiledCondition(NOT_CONTAINS, slot, toPythonString(c))
    case 'CONTAINS':
      // Python's semver-typed CONTAINS never holds.
      return typedOperand(c).semver === undefined ? new CompiledCondition(CONTAINS, slot, toPythonString(c)) : never
    case 'REGEX':
      return new CompiledCondition(REGEX, slot, new RegexCondition(toPythonString(c)))
    case 'MODULO': {
      const modulo = compileModulo(c)
      return modulo ? new CompiledCondition(MODULO, slot, modulo) : never
    }
    case 'PERCENTAGE_SPLIT': {
      const threshold = castFloat(c)
      if (threshold === undefined) return never
      const split: PercentageSplit = { prefix: new HashHead(`${segmentKey},`), threshold }
      return new CompiledCondition(PERCENTAGE_SPLIT, hasProperty ? slot : -1, split)
    }
    default: {
      const comparison = Object.hasOwn(COMPARISONS, operator) ? COMPARISONS[operator]! : NEVER
      if (comparison === NEVER) return never
      if (typeof c !== 'string') return new CompiledCondition(comparison, slot, typedOperand(c))
      let operand = operands.get(c)
      if (!operand) {
        operand = typedOperand(c)
        operands.set(c, operand)
      }
      return new CompiledCondition(comparison, slot, operand)
    }
  }
}

function includes(values: ReadonlySet<string> | readonly string[], value: string): boolean {
  return values instanceof Set ? values.has(value) : (values as readonly string[]).includes(value)
}

function holds(comparison: number, sign: number): boolean {
  switch (comparison) {
    case EQUAL:
      return sign === 0
    case NOT_EQUAL:
      return sign !== 0
    case GREATER_THAN:
      return sign > 0
    case GREATER_THAN_INCLUSIVE:
      return sign >= 0
    case LESS_THAN:
      return sign < 0
    default:
      return sign <= 0
  }
}

/** @internal Whether the scope's identity meets the condition. Never throws. */
export function conditionHolds(condition: CompiledCondition, scope: EvaluationScope): boolean {
  const { operator, slot } = condition
  switch (operator) {
    case NEVER:
      return false
    case IS_SET:
      return scope.value(slot) !== null
    case IS_NOT_SET:
      return scope.value(slot) === null
    case IN: {
      const v = scope.value(slot)
      const values = condition.operand as ReadonlySet<string> | readonly string[]
      if (typeof v === 'string') return includes(values, v)
      if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) {
        return includes(values, toPythonString(v))
      }
      return false
    }
    case CONTAINS:
    case NOT_CONTAINS: {
      const v = scope.value(slot)
      return typeof v === 'string' && v.includes(condition.operand as string) === (operator === CONTAINS)
    }
    case REGEX: {
      const v = scope.value(slot)
      return v !== null && (condition.operand as RegexCondition).test(toPythonString(v))
    }
    case MODULO: {
      const n = numericValue(scope.value(slot))
      const { divisor, remainder } = condition.operand as Modulo
      return n !== undefined && pythonModulo(n, divisor) === remainder
    }
    case PERCENTAGE_SPLIT: {
      const { prefix, threshold } = condition.operand as PercentageSplit
      if (slot < 0)
        return scope.identityKey !== null && hashedPercentageOfPair(prefix, scope.identityKeyTail()) <= threshold
      const v = scope.value(slot)
      return v !== null && hashedPercentageOfPair(prefix, new HashTail(toPythonString(v))) <= threshold
    }
    default: {
      const v = scope.value(slot)
      if (v === null) return false
      const operand = condition.operand as TypedOperand
      // Equality of strings needs no code-point ordering.
      if (typeof v === 'string' && operand.semver === undefined && (operator === EQUAL || operator === NOT_EQUAL)) {
        return (v === operand.text) === (operator === EQUAL)
      }
      const sign = compareTyped(v, operand, scope, slot)
      return sign !== undefined && holds(operator, sign)
    }
  }
}
