import type { ErrorCode, FlagMetadata, FlagValueType, JsonValue, ResolutionDetails } from '@openfeature/core'
import { mapFlagReason } from './map-flag-reason'

/** What the providers need of a flag: core-engine's `Flag`, which both SDKs hold. */
export interface ResolvableFlag {
  enabled: boolean
  value: unknown
  /** Flagsmith's evaluation reason; only locally evaluated flags have one. */
  reason?: string | undefined
  variant?: string | null | undefined
  /** `id` is the Flagsmith feature id. */
  metadata?: Record<string, unknown> | undefined
}

/**
 * Where boolean evaluations read from: the flag's `enabled` state (Flagsmith's on/off switch, the usual meaning of
 * a boolean flag) or its `value` (for boolean remote config values).
 */
export type BooleanSource = 'enabled' | 'value'

/** How {@link resolveFlag} interprets a flag. */
export interface ResolveFlagOptions {
  booleanSource: BooleanSource
  /** Whether the flag was evaluated for an identity (changes how `DEFAULT` maps). */
  hasIdentity: boolean
  /**
   * Where the flags come from: an evaluation (local or by the API), a persisted cache or bootstrap snapshot
   * (reason `CACHED`), or the client's configured default flags (reason `DEFAULT`).
   * @defaultValue `'evaluation'`
   */
  source?: 'evaluation' | 'cache' | 'default'
}

type Checked = { ok: true; value: JsonValue } | { ok: false; code: ErrorCode; message: string }

// Flagsmith has no float type: values such as 1.5 are stored and served as strings, so numeric strings count.
const NUMERIC_STRING = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

const TYPE_MISMATCH = 'TYPE_MISMATCH' as ErrorCode
const PARSE_ERROR = 'PARSE_ERROR' as ErrorCode
const FLAG_NOT_FOUND = 'FLAG_NOT_FOUND' as ErrorCode

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'no value'
  return `a ${typeof value} value`
}

function mismatch(flagKey: string, value: unknown, type: FlagValueType): Checked {
  return { ok: false, code: TYPE_MISMATCH, message: `Flag "${flagKey}" has ${describe(value)}, not a ${type}` }
}

function checkObject(flagKey: string, value: unknown): Checked {
  if (typeof value !== 'string') return mismatch(flagKey, value, 'object')
  const text = value.trim()
  // Only text that looks like JSON structure is a parse error; any other string is just not an object.
  if (!text.startsWith('{') && !text.startsWith('[')) return mismatch(flagKey, value, 'object')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return { ok: false, code: PARSE_ERROR, message: `Flag "${flagKey}" is not valid JSON: ${(error as Error).message}` }
  }
  return typeof parsed === 'object' && parsed !== null
    ? { ok: true, value: parsed as JsonValue }
    : mismatch(flagKey, parsed, 'object')
}

function checkValue(flagKey: string, value: unknown, type: FlagValueType): Checked {
  switch (type) {
    case 'boolean':
    case 'string':
      return typeof value === type ? { ok: true, value: value as JsonValue } : mismatch(flagKey, value, type)
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value }
      if (typeof value === 'string' && NUMERIC_STRING.test(value.trim())) return { ok: true, value: Number(value) }
      return mismatch(flagKey, value, type)
    case 'object':
      return checkObject(flagKey, value)
  }
}

/**
 * Turns a flag (or its absence) into OpenFeature resolution details for the requested type.
 *
 * - Missing flag → the default with `FLAG_NOT_FOUND`.
 * - Booleans read `enabled` unless `booleanSource` is `'value'`.
 * - A disabled flag read for its value → the default with reason `DISABLED` (not an error).
 * - A value of another type → the default with `TYPE_MISMATCH`; object flags parse JSON strings (`PARSE_ERROR` when
 *   the JSON is broken), number flags accept numeric strings.
 * - `flagMetadata` carries `featureId` and the matched `segment` when known; `variant` the multivariate variant key.
 *
 * Never throws.
 */
export function resolveFlag<T extends JsonValue>(
  flagKey: string,
  flag: ResolvableFlag | undefined,
  type: FlagValueType,
  defaultValue: T,
  options: ResolveFlagOptions,
): ResolutionDetails<T> {
  if (flag === undefined) {
    return {
      value: defaultValue,
      reason: 'ERROR',
      errorCode: FLAG_NOT_FOUND,
      errorMessage: `Flag "${flagKey}" is not in the environment`,
    }
  }
  const mapped = mapFlagReason(flag.reason, options.hasIdentity)
  const flagMetadata: FlagMetadata = {}
  const featureId = flag.metadata?.id
  if (typeof featureId === 'number' && featureId > 0) flagMetadata.featureId = featureId
  if (mapped.segment !== undefined) flagMetadata.segment = mapped.segment
  const reason = options.source === 'cache' ? 'CACHED' : options.source === 'default' ? 'DEFAULT' : mapped.reason

  if (type === 'boolean' && options.booleanSource === 'enabled') {
    return { value: flag.enabled as T, reason, flagMetadata }
  }
  if (!flag.enabled) return { value: defaultValue, reason: 'DISABLED', flagMetadata }
  const checked = checkValue(flagKey, flag.value, type)
  if (!checked.ok) {
    return {
      value: defaultValue,
      reason: 'ERROR',
      errorCode: checked.code,
      errorMessage: checked.message,
      flagMetadata,
    }
  }
  const details: ResolutionDetails<T> = { value: checked.value as T, reason, flagMetadata }
  if (typeof flag.variant === 'string' && flag.variant !== '') details.variant = flag.variant
  return details
}
