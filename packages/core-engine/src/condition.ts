import type { ContextValue } from './context-value'
import type { EvaluationScope } from './evaluation-scope'
import { hashedPercentageOf } from './hashed-percentage'
import { IntegralFloat } from './integral-float'
import { parsePythonFloat, parsePythonInt } from './parse-python-number'
import { compareCodePoints, pythonModulo } from './python-compare'
import { toPythonString } from './python-string'
import { compileRegexCondition } from './regex-condition'
import { compareSemver, parseSemver, type Semver } from './semver'

/** @internal A condition compiled once per document: everything that does not depend on the identity is done. */
export type CompiledCondition = (scope: EvaluationScope) => boolean

const never: CompiledCondition = () => false

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

/** The condition value cast once to each type a context value may have, as Python casts it per evaluation. */
interface TypedOperand {
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

type Comparison = (sign: number) => boolean

const COMPARISONS = /* @__PURE__ */ new Map<string, Comparison>([
  ['EQUAL', (sign) => sign === 0],
  ['NOT_EQUAL', (sign) => sign !== 0],
  ['GREATER_THAN', (sign) => sign > 0],
  ['GREATER_THAN_INCLUSIVE', (sign) => sign >= 0],
  ['LESS_THAN', (sign) => sign < 0],
  ['LESS_THAN_INCLUSIVE', (sign) => sign <= 0],
])

function compileIn(c: unknown): Set<string> {
  if (Array.isArray(c)) return new Set(c.map(toPythonString))
  const text = toPythonString(c)
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text)
      if (Array.isArray(parsed)) return new Set(parsed.map(toPythonString))
    } catch {
      // Not JSON after all: Flagsmith falls back to the comma-separated form.
    }
  }
  return new Set(text.split(','))
}

function compileModulo(c: unknown): [divisor: number, remainder: number] | undefined {
  const parts = toPythonString(c).split('|')
  if (parts.length !== 2) return undefined
  const divisor = parsePythonFloat(parts[0]!)
  const remainder = parsePythonFloat(parts[1]!)
  return divisor === undefined || remainder === undefined ? undefined : [divisor, remainder]
}

function numericValue(v: ContextValue): number | undefined {
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  if (v instanceof IntegralFloat) return v.value
  return undefined
}

/**
 * @internal Compiles one condition of the segment keyed `segmentKey`. `slot` is where the scope caches the condition's
 * context value. Unknown operators compile to a condition that never matches.
 */
export function compileCondition(
  operator: string,
  c: unknown,
  segmentKey: string,
  slot: number,
  hasProperty: boolean,
): CompiledCondition {
  switch (operator) {
    case 'IS_SET':
      return (scope) => scope.value(slot) !== null
    case 'IS_NOT_SET':
      return (scope) => scope.value(slot) === null
    case 'IN': {
      const values = compileIn(c)
      return (scope) => {
        const v = scope.value(slot)
        if (typeof v === 'string') return values.has(v)
        if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v)))
          return values.has(toPythonString(v))
        return false
      }
    }
    case 'NOT_CONTAINS': {
      const text = toPythonString(c)
      return (scope) => {
        const v = scope.value(slot)
        return typeof v === 'string' && !v.includes(text)
      }
    }
    case 'REGEX': {
      const matches = compileRegexCondition(toPythonString(c))
      return (scope) => {
        const v = scope.value(slot)
        return v !== null && matches(toPythonString(v))
      }
    }
    case 'MODULO': {
      const operands = compileModulo(c)
      if (!operands) return never
      const [divisor, remainder] = operands
      return (scope) => {
        const n = numericValue(scope.value(slot))
        return n !== undefined && pythonModulo(n, divisor) === remainder
      }
    }
    case 'PERCENTAGE_SPLIT': {
      const threshold = castFloat(c)
      if (threshold === undefined) return never
      const prefix = `${segmentKey},`
      return (scope) => {
        const v = hasProperty ? scope.value(slot) : scope.identityKey
        return v !== null && hashedPercentageOf(prefix + toPythonString(v)) <= threshold
      }
    }
    case 'CONTAINS': {
      const operand = typedOperand(c)
      return (scope) => {
        const v = scope.value(slot)
        return typeof v === 'string' && operand.semver === undefined && v.includes(operand.text)
      }
    }
    default: {
      const comparison = COMPARISONS.get(operator)
      if (!comparison) return never
      const operand = typedOperand(c)
      return (scope) => {
        const v = scope.value(slot)
        if (v === null) return false
        const sign = compareTyped(v, operand, scope, slot)
        return sign !== undefined && comparison(sign)
      }
    }
  }
}
