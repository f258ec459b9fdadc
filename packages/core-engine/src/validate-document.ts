import type { EnvironmentDocument } from './environment-document'
import { isJsonObject, isScalar } from './json-shape'
import { RULE_TYPES } from './segment-rule'
import { VexilError } from './vexil-error'

// Deeper rule nesting than this is no real segment; refusing it keeps recursion far from the stack limit.
const MAX_RULE_DEPTH = 32

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

function each(value: unknown, path: string, check: (item: unknown, at: string) => void, isOptional = true): void {
  const items = list(value, path, isOptional)
  for (let i = 0; i < items.length; i++) check(items[i], `${path}[${i}]`)
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
  each(fs.multivariate_feature_state_values, `${path}.multivariate_feature_state_values`, (item, at) => {
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
  each(r.conditions, `${path}.conditions`, (item, at) => {
    const condition = object(item, at)
    string(condition.operator, `${at}.operator`)
    optional(condition.property_, `${at}.property_`, 'string')
  })
  each(r.rules, `${path}.rules`, (item, at) => rule(item, at, depth + 1))
}

function segment(value: unknown, path: string): void {
  const s = object(value, path)
  if (typeof s.id !== 'number' && typeof s.id !== 'string') fail(`${path}.id`, 'expected a number')
  string(s.name, `${path}.name`)
  each(s.rules, `${path}.rules`, (item, at) => rule(item, at, 1), false)
  each(s.feature_states, `${path}.feature_states`, featureState)
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
    each(doc.feature_states, 'feature_states', featureState, false)
    const project = object(doc.project, 'project')
    optional(project.hide_disabled_flags, 'project.hide_disabled_flags', 'boolean')
    each(project.segments, 'project.segments', segment)
    each(doc.identity_overrides, 'identity_overrides', (item, at) => {
      const override = object(item, at)
      string(override.identifier, `${at}.identifier`)
      each(override.identity_features, `${at}.identity_features`, featureState)
    })
  } catch (error) {
    if (error instanceof Problem) {
      throw new VexilError('INVALID_DOCUMENT', `${error.path}: ${error.problem}`)
    }
    throw error
  }
}
