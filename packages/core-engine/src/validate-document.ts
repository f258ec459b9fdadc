import type { EnvironmentDocument } from './environment-document'
import { isJsonObject, isScalar } from './json-shape'
import { RULE_TYPES } from './segment-rule'
import { VexilError } from './vexil-error'

// Deeper rule nesting than this is no real segment; refusing it keeps recursion far from the stack limit.
const MAX_RULE_DEPTH = 32

/**
 * Where a value sits in the document. Built as a chain and spelled out only when a check fails: validating a large
 * document would otherwise concatenate a path string for every field of every feature state.
 */
class Path {
  constructor(
    readonly parent: Path | undefined,
    readonly key: string | number,
  ) {}

  toString(): string {
    const head = this.parent === undefined ? '' : String(this.parent)
    if (typeof this.key === 'number') return `${head}[${this.key}]`
    return head === '' ? this.key : `${head}.${this.key}`
  }
}

const ROOT = new Path(undefined, '$')

class Problem {
  constructor(
    readonly path: Path,
    readonly key: string | undefined,
    readonly problem: string,
  ) {}
}

/** Fails at `path`, or at its member `key`. */
function fail(path: Path, key: string | undefined, problem: string): never {
  throw new Problem(path, key, problem)
}

function object(value: unknown, path: Path, key?: string): Record<string, unknown> {
  return isJsonObject(value) ? value : fail(path, key, 'expected an object')
}

/** Checks each item of the array at `parent[key]`; absent counts as empty unless `required`. */
function each(
  parent: Record<string, unknown>,
  path: Path,
  key: string,
  check: (item: unknown, at: Path) => void,
  required = false,
): void {
  const items = parent[key]
  if (!Array.isArray(items)) {
    if (!required && (items === undefined || items === null)) return
    fail(path, key, 'expected an array')
  }
  if (items.length === 0) return
  const listPath = new Path(path, key)
  for (let i = 0; i < items.length; i++) check(items[i], new Path(listPath, i))
}

function string(parent: Record<string, unknown>, path: Path, key: string): void {
  if (typeof parent[key] !== 'string') fail(path, key, 'expected a string')
}

function optional(
  parent: Record<string, unknown>,
  path: Path,
  key: string,
  type: 'string' | 'number' | 'boolean',
): void {
  const value = parent[key]
  if (value === undefined || value === null) return
  if (typeof value !== type) fail(path, key, `expected a ${type} or null`)
  if (type === 'number' && !Number.isFinite(value)) fail(path, key, 'expected a finite number')
}

function flagValue(parent: Record<string, unknown>, path: Path, key: string): void {
  const value = parent[key]
  if (value !== undefined && !isScalar(value)) fail(path, key, 'expected a string, number, boolean or null')
}

function multivariateValue(item: unknown, at: Path): void {
  const mv = object(item, at)
  if (typeof mv.percentage_allocation !== 'number' || !Number.isFinite(mv.percentage_allocation)) {
    fail(at, 'percentage_allocation', 'expected a number')
  }
  optional(mv, at, 'id', 'number')
  optional(mv, at, 'mv_fs_value_uuid', 'string')
  const option = object(mv.multivariate_feature_option, at, 'multivariate_feature_option')
  flagValue(option, new Path(at, 'multivariate_feature_option'), 'value')
}

function featureState(value: unknown, path: Path): void {
  const fs = object(value, path)
  const feature = object(fs.feature, path, 'feature')
  const featurePath = new Path(path, 'feature')
  string(feature, featurePath, 'name')
  optional(feature, featurePath, 'id', 'number')
  if (typeof fs.enabled !== 'boolean') fail(path, 'enabled', 'expected a boolean')
  flagValue(fs, path, 'feature_state_value')
  optional(fs, path, 'id', 'number')
  optional(fs, path, 'django_id', 'number')
  optional(fs, path, 'featurestate_uuid', 'string')
  if (fs.feature_segment !== undefined && fs.feature_segment !== null) {
    const segment = object(fs.feature_segment, path, 'feature_segment')
    optional(segment, new Path(path, 'feature_segment'), 'priority', 'number')
  }
  each(fs, path, 'multivariate_feature_state_values', multivariateValue)
}

function condition(item: unknown, at: Path): void {
  const c = object(item, at)
  string(c, at, 'operator')
  optional(c, at, 'property_', 'string')
}

function rule(value: unknown, path: Path, depth: number): void {
  if (depth > MAX_RULE_DEPTH) fail(path, undefined, `rules nested deeper than ${MAX_RULE_DEPTH} levels`)
  const r = object(value, path)
  if (typeof r.type !== 'string' || !RULE_TYPES.has(r.type)) fail(path, 'type', 'expected "ALL", "ANY" or "NONE"')
  each(r, path, 'conditions', condition)
  each(r, path, 'rules', (item, at) => rule(item, at, depth + 1))
}

function segment(value: unknown, path: Path): void {
  const s = object(value, path)
  if (typeof s.id !== 'number' && typeof s.id !== 'string') fail(path, 'id', 'expected a number')
  string(s, path, 'name')
  each(s, path, 'rules', (item, at) => rule(item, at, 1), true)
  each(s, path, 'feature_states', featureState)
}

function identityOverride(item: unknown, at: Path): void {
  const override = object(item, at)
  string(override, at, 'identifier')
  each(override, at, 'identity_features', featureState)
}

function describe({ path, key, problem }: Problem): string {
  // Top-level members are named without the `$.` of the root.
  const where = key === undefined ? String(path) : path === ROOT ? key : `${path}.${key}`
  return `${where.startsWith('$.') ? where.slice(2) : where}: ${problem}`
}

/**
 * @internal Checks that `json` has the shape of an environment document, as far as evaluation relies on it. Throws a
 * `VexilError` (`INVALID_DOCUMENT`) whose message starts with the JSON path of the first problem.
 */
export function validateDocument(json: unknown): asserts json is EnvironmentDocument {
  try {
    const doc = object(json, ROOT)
    string(doc, ROOT, 'api_key')
    optional(doc, ROOT, 'name', 'string')
    optional(doc, ROOT, 'updated_at', 'string')
    each(doc, ROOT, 'feature_states', featureState, true)
    const project = object(doc.project, ROOT, 'project')
    const projectPath = new Path(ROOT, 'project')
    optional(project, projectPath, 'hide_disabled_flags', 'boolean')
    each(project, projectPath, 'segments', segment)
    each(doc, ROOT, 'identity_overrides', identityOverride)
  } catch (error) {
    if (error instanceof Problem) throw new VexilError('INVALID_DOCUMENT', describe(error))
    throw error
  }
}
