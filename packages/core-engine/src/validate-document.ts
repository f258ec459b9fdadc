import type { EnvironmentDocument } from './environment-document'
import { isJsonObject, isScalar } from './json-shape'
import { VexilError } from './vexil-error'

// Deeper rule nesting than this is no real segment; refusing it keeps recursion far from the stack limit.
const MAX_RULE_DEPTH = 32
const RULE_TYPES = new Set(['ALL', 'ANY', 'NONE'])

class Problem {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {}
}

function fail(path: string, problem: string): never {
  throw new Problem(path, problem)
}

function object(value: unknown, path: string): Record<string, unknown> {
  return isJsonObject(value) ? value : fail(path, 'expected an object')
}

function list(value: unknown, path: string, optional = true): unknown[] {
  if (Array.isArray(value)) return value
  if (optional && (value === undefined || value === null)) return []
  return fail(path, 'expected an array')
}

function string(value: unknown, path: string): void {
  if (typeof value !== 'string') fail(path, 'expected a string')
}

function optional(value: unknown, path: string, type: 'string' | 'number' | 'boolean'): void {
  if (value !== undefined && value !== null && typeof value !== type) fail(path, `expected a ${type} or null`)
  if (type === 'number' && typeof value === 'number' && !Number.isFinite(value)) fail(path, 'expected a finite number')
}

function flagValue(value: unknown, path: string): void {
  if (value !== undefined && !isScalar(value)) fail(path, 'expected a string, number, boolean or null')
}

function featureState(value: unknown, path: string): void {
  const fs = object(value, path)
  const feature = object(fs.feature, `${path}.feature`)
  string(feature.name, `${path}.feature.name`)
  optional(feature.id, `${path}.feature.id`, 'number')
  if (typeof fs.enabled !== 'boolean') fail(`${path}.enabled`, 'expected a boolean')
  flagValue(fs.feature_state_value, `${path}.feature_state_value`)
  optional(fs.id, `${path}.id`, 'number')
  optional(fs.django_id, `${path}.django_id`, 'number')
  optional(fs.featurestate_uuid, `${path}.featurestate_uuid`, 'string')
  if (fs.feature_segment !== undefined && fs.feature_segment !== null) {
    const segment = object(fs.feature_segment, `${path}.feature_segment`)
    optional(segment.priority, `${path}.feature_segment.priority`, 'number')
  }
  list(fs.multivariate_feature_state_values, `${path}.multivariate_feature_state_values`).forEach((item, i) => {
    const at = `${path}.multivariate_feature_state_values[${i}]`
    const mv = object(item, at)
    if (typeof mv.percentage_allocation !== 'number' || !Number.isFinite(mv.percentage_allocation)) {
      fail(`${at}.percentage_allocation`, 'expected a number')
    }
    optional(mv.id, `${at}.id`, 'number')
    optional(mv.mv_fs_value_uuid, `${at}.mv_fs_value_uuid`, 'string')
    const option = object(mv.multivariate_feature_option, `${at}.multivariate_feature_option`)
    flagValue(option.value, `${at}.multivariate_feature_option.value`)
  })
}

function rule(value: unknown, path: string, depth: number): void {
  if (depth > MAX_RULE_DEPTH) fail(path, `rules nested deeper than ${MAX_RULE_DEPTH} levels`)
  const r = object(value, path)
  if (typeof r.type !== 'string' || !RULE_TYPES.has(r.type)) fail(`${path}.type`, 'expected "ALL", "ANY" or "NONE"')
  list(r.conditions, `${path}.conditions`).forEach((item, i) => {
    const condition = object(item, `${path}.conditions[${i}]`)
    string(condition.operator, `${path}.conditions[${i}].operator`)
    optional(condition.property_, `${path}.conditions[${i}].property_`, 'string')
  })
  list(r.rules, `${path}.rules`).forEach((item, i) => rule(item, `${path}.rules[${i}]`, depth + 1))
}

function segment(value: unknown, path: string): void {
  const s = object(value, path)
  if (typeof s.id !== 'number' && typeof s.id !== 'string') fail(`${path}.id`, 'expected a number')
  string(s.name, `${path}.name`)
  list(s.rules, `${path}.rules`, false).forEach((item, i) => rule(item, `${path}.rules[${i}]`, 1))
  list(s.feature_states, `${path}.feature_states`).forEach((item, i) =>
    featureState(item, `${path}.feature_states[${i}]`),
  )
}

/**
 * @internal Checks that `json` has the shape of an environment document, as far as evaluation relies on it. Throws a
 * `VexilError` (`INVALID_DOCUMENT`) whose message starts with the JSON path of the first problem.
 */
export function validateDocument(json: unknown): asserts json is EnvironmentDocument {
  try {
    const doc = object(json, '$')
    string(doc.api_key, 'api_key')
    optional(doc.name, 'name', 'string')
    optional(doc.updated_at, 'updated_at', 'string')
    list(doc.feature_states, 'feature_states', false).forEach((item, i) => featureState(item, `feature_states[${i}]`))
    const project = object(doc.project, 'project')
    optional(project.hide_disabled_flags, 'project.hide_disabled_flags', 'boolean')
    list(project.segments, 'project.segments').forEach((item, i) => segment(item, `project.segments[${i}]`))
    list(doc.identity_overrides, 'identity_overrides').forEach((item, i) => {
      const override = object(item, `identity_overrides[${i}]`)
      string(override.identifier, `identity_overrides[${i}].identifier`)
      list(override.identity_features, `identity_overrides[${i}].identity_features`).forEach((fs, j) =>
        featureState(fs, `identity_overrides[${i}].identity_features[${j}]`),
      )
    })
  } catch (error) {
    if (error instanceof Problem) {
      throw new VexilError('INVALID_DOCUMENT', `${error.path}: ${error.problem}`)
    }
    throw error
  }
}
