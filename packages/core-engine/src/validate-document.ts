import type { EnvironmentDocument } from './environment-document'
import { isJsonObject, isScalar } from './json-shape'
import { RULE_TYPES } from './segment-rule'
import { VexilError } from './vexil-error'

// Deeper rule nesting than this is no real segment; refusing it keeps recursion far from the stack limit.
const MAX_RULE_DEPTH = 32

/**
 * Where the check is in the document: member names and item indexes from the root, pushed on the way down and popped
 * on the way back, and spelled out only when a check fails. Validating a large document would otherwise build a path
 * for every item of every list. One per validation, never shared: a document's getters may compile another.
 */
type Trail = (string | number)[]

class Problem {
  constructor(
    readonly path: readonly (string | number)[],
    readonly problem: string,
  ) {}
}

/** Fails at the trail's end, or at its member `key`. */
function fail(trail: Trail, key: string | undefined, problem: string): never {
  throw new Problem(key === undefined ? [...trail] : [...trail, key], problem)
}

// The checks take the value itself, read at the call site: there each read of a member sees documents of one shape,
// which V8 reads fastest, where a shared helper reading `parent[key]` would see every shape and every key.

function object(value: unknown, trail: Trail, key?: string): Record<string, unknown> {
  return isJsonObject(value) ? value : fail(trail, key, 'expected an object')
}

/**
 * Checks each item of the array `items`, the member `key` of the trail's end; absent counts as empty unless
 * `required`. `depth` is passed on to `check`.
 */
function each(
  items: unknown,
  trail: Trail,
  key: string,
  check: (item: unknown, trail: Trail, depth: number) => void,
  required: boolean,
  depth = 0,
): void {
  if (!Array.isArray(items)) {
    if (!required && (items === undefined || items === null)) return
    fail(trail, key, 'expected an array')
  }
  if (items.length === 0) return
  trail.push(key)
  for (let i = 0; i < items.length; i++) {
    trail.push(i)
    check(items[i], trail, depth)
    trail.pop()
  }
  trail.pop()
}

function string(value: unknown, trail: Trail, key: string): void {
  if (typeof value !== 'string') fail(trail, key, 'expected a string')
}

function optional(value: unknown, trail: Trail, key: string, type: 'string' | 'number' | 'boolean'): void {
  if (value === undefined || value === null) return
  if (typeof value !== type) fail(trail, key, `expected a ${type} or null`)
  if (type === 'number' && !Number.isFinite(value)) fail(trail, key, 'expected a finite number')
}

function flagValue(value: unknown, trail: Trail, key: string): void {
  if (value !== undefined && !isScalar(value)) fail(trail, key, 'expected a string, number, boolean or null')
}

function multivariateValue(item: unknown, trail: Trail): void {
  const mv = object(item, trail)
  if (typeof mv.percentage_allocation !== 'number' || !Number.isFinite(mv.percentage_allocation)) {
    fail(trail, 'percentage_allocation', 'expected a number')
  }
  optional(mv.id, trail, 'id', 'number')
  optional(mv.mv_fs_value_uuid, trail, 'mv_fs_value_uuid', 'string')
  const option = object(mv.multivariate_feature_option, trail, 'multivariate_feature_option')
  trail.push('multivariate_feature_option')
  flagValue(option.value, trail, 'value')
  trail.pop()
}

function featureState(value: unknown, trail: Trail): void {
  const fs = object(value, trail)
  const feature = object(fs.feature, trail, 'feature')
  trail.push('feature')
  string(feature.name, trail, 'name')
  optional(feature.id, trail, 'id', 'number')
  trail.pop()
  if (typeof fs.enabled !== 'boolean') fail(trail, 'enabled', 'expected a boolean')
  flagValue(fs.feature_state_value, trail, 'feature_state_value')
  optional(fs.id, trail, 'id', 'number')
  optional(fs.django_id, trail, 'django_id', 'number')
  optional(fs.featurestate_uuid, trail, 'featurestate_uuid', 'string')
  if (fs.feature_segment !== undefined && fs.feature_segment !== null) {
    const segment = object(fs.feature_segment, trail, 'feature_segment')
    trail.push('feature_segment')
    optional(segment.priority, trail, 'priority', 'number')
    trail.pop()
  }
  each(fs.multivariate_feature_state_values, trail, 'multivariate_feature_state_values', multivariateValue, false)
}

function condition(item: unknown, trail: Trail): void {
  const c = object(item, trail)
  string(c.operator, trail, 'operator')
  optional(c.property_, trail, 'property_', 'string')
}

function rule(value: unknown, trail: Trail, depth: number): void {
  if (depth > MAX_RULE_DEPTH) fail(trail, undefined, `rules nested deeper than ${MAX_RULE_DEPTH} levels`)
  const r = object(value, trail)
  if (typeof r.type !== 'string' || !RULE_TYPES.has(r.type)) fail(trail, 'type', 'expected "ALL", "ANY" or "NONE"')
  each(r.conditions, trail, 'conditions', condition, false)
  each(r.rules, trail, 'rules', rule, false, depth + 1)
}

function segment(value: unknown, trail: Trail): void {
  const s = object(value, trail)
  if (typeof s.id !== 'number' && typeof s.id !== 'string') fail(trail, 'id', 'expected a number')
  string(s.name, trail, 'name')
  each(s.rules, trail, 'rules', rule, true, 1)
  each(s.feature_states, trail, 'feature_states', featureState, false)
}

function identityOverride(item: unknown, trail: Trail): void {
  const override = object(item, trail)
  string(override.identifier, trail, 'identifier')
  each(override.identity_features, trail, 'identity_features', featureState, false)
}

/** `feature_states[3].feature.name`; `$` for the document itself. */
function describe({ path, problem }: Problem): string {
  let where = ''
  for (const part of path) where += typeof part === 'number' ? `[${part}]` : where === '' ? part : `.${part}`
  return `${where || '$'}: ${problem}`
}

/**
 * @internal Checks that `json` has the shape of an environment document, as far as evaluation relies on it. Throws a
 * `VexilError` (`INVALID_DOCUMENT`) whose message starts with the JSON path of the first problem.
 */
export function validateDocument(json: unknown): asserts json is EnvironmentDocument {
  const trail: Trail = []
  try {
    const doc = object(json, trail)
    string(doc.api_key, trail, 'api_key')
    optional(doc.name, trail, 'name', 'string')
    optional(doc.updated_at, trail, 'updated_at', 'string')
    each(doc.feature_states, trail, 'feature_states', featureState, true)
    const project = object(doc.project, trail, 'project')
    trail.push('project')
    optional(project.hide_disabled_flags, trail, 'hide_disabled_flags', 'boolean')
    each(project.segments, trail, 'segments', segment, false)
    trail.pop()
    each(doc.identity_overrides, trail, 'identity_overrides', identityOverride, false)
  } catch (error) {
    if (error instanceof Problem) throw new VexilError('INVALID_DOCUMENT', describe(error))
    throw error
  }
}
