import type { DocumentRule } from './environment-document'
import { isJsonObject, isScalar } from './json-shape'
import { RULE_TYPES } from './segment-rule'
import type { FeatureContext, FlagValue, SegmentContext, VariantContext } from './types'
import { VexilError } from './vexil-error'

// PERFORMANCE NOTE: checking and mapping are one walk, with the checks written out where each member is read. A
// document is compiled about once a minute, so V8 rarely optimises this code: unoptimised, every call and every pass
// over the document shows, and a separate validating walk made up about a third of compiling.

/**
 * @internal An environment document read into evaluation-context parts: identity overrides kept by identifier, and
 * segment rules as the document spells them (compiling reads either spelling; see `contextFromEnvironment`).
 */
export interface MappedDocument {
  environment: { key: string; name: string }
  id: number | undefined
  updatedAt: string | undefined
  hideDisabledFlags: boolean
  features: FeatureContext[]
  segments: (Omit<SegmentContext, 'rules'> & { rules: DocumentRule[] })[]
  identityOverrides: Map<string, FeatureContext[]>
}

// Deeper rule nesting than this is no real segment; refusing it keeps recursion far from the stack limit.
const MAX_RULE_DEPTH = 32

/**
 * A failed check. Its path starts where it was thrown; each enclosing reader that catches it prepends its part, so a
 * document that passes builds no paths at all.
 */
class Problem {
  constructor(
    readonly path: (string | number)[],
    readonly problem: string,
  ) {}
}

function fail(path: (string | number)[], problem: string): never {
  throw new Problem(path, problem)
}

/** Rethrows `error` with `parts` prepended to its path when it is a {@link Problem}. */
function within(error: unknown, ...parts: (string | number)[]): never {
  if (error instanceof Problem) error.path.unshift(...parts)
  throw error
}

function object(value: unknown, key?: string): Record<string, unknown> {
  return isJsonObject(value) ? value : fail(key === undefined ? [] : [key], 'expected an object')
}

const NO_ITEMS: readonly never[] = []

/** The list `value`, the member `key`; absent counts as empty unless `required`. */
function list(value: unknown, key: string, required: boolean): readonly unknown[] {
  if (Array.isArray(value)) return value
  return !required && (value === undefined || value === null) ? NO_ITEMS : fail([key], 'expected an array')
}

/** Fails at `path` for `value`, which is present but not a finite number. */
function notNumber(path: (string | number)[], value: unknown): never {
  fail(path, typeof value === 'number' ? 'expected a finite number' : 'expected a number or null')
}

function notFlagValue(path: (string | number)[]): never {
  fail(path, 'expected a string, number, boolean or null')
}

/**
 * What the states of one document share: per feature id, one metadata object (so compiling shares one frozen copy)
 * and one copy of the name; and one copy of each long string value. JSON.parse makes a string per occurrence, and a
 * document repeats every overridden feature's name and its values in each segment and identity that overrides it. A
 * record and functions rather than a class, for the reason given at `StateCaches` in evaluation-model.ts.
 */
interface SharedParts {
  features: Map<number, SharedFeature>
  strings: Map<string, string>
}

interface SharedFeature {
  name: string
  metadata: Readonly<Record<string, unknown>>
}

/** What states of feature `id` share, named as first read: found by number, cheaper than hashing each fresh name. */
function sharedFeature(shared: SharedParts, id: number, name: string): SharedFeature {
  let feature = shared.features.get(id)
  if (!feature) {
    // Frozen from the start, so compiling can share it rather than copy it.
    feature = { name, metadata: Object.freeze({ id }) }
    shared.features.set(id, feature)
  }
  return feature
}

function sharedString<T>(shared: SharedParts, value: T): T {
  // V8's JSON.parse already shares strings of up to 10 characters (measured with Node 20).
  if (typeof value !== 'string' || value.length <= 10) return value
  const known = shared.strings.get(value)
  if (known !== undefined) return known as T
  shared.strings.set(value, value)
  return value
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i

function variantPriority(id: unknown, uuid: unknown): number | bigint {
  if (typeof id === 'number') return id
  // Without an id, Flagsmith orders variants by their uuid read as a 128-bit integer.
  if (typeof uuid === 'string' && UUID.test(uuid)) return BigInt(`0x${uuid.replaceAll('-', '')}`)
  return Number.POSITIVE_INFINITY
}

function readVariant(value: unknown, shared: SharedParts): VariantContext {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail([], 'expected an object')
  const mv = value as Record<string, unknown>
  const { percentage_allocation: weight, id, mv_fs_value_uuid: uuid, multivariate_feature_option: option } = mv
  if (typeof weight !== 'number' || !Number.isFinite(weight)) fail(['percentage_allocation'], 'expected a number')
  if (id !== undefined && id !== null && !Number.isFinite(id)) notNumber(['id'], id)
  if (typeof uuid !== 'string' && uuid !== undefined && uuid !== null) {
    fail(['mv_fs_value_uuid'], 'expected a string or null')
  }
  if (typeof option !== 'object' || option === null || Array.isArray(option)) {
    fail(['multivariate_feature_option'], 'expected an object')
  }
  const { value: optionValue, id: optionId } = option as Record<string, unknown>
  if (optionValue !== undefined && !isScalar(optionValue)) notFlagValue(['multivariate_feature_option', 'value'])
  return {
    value: sharedString(shared, optionValue ?? null),
    weight,
    priority: variantPriority(id, uuid),
    // Documents name no variants; the option's id is stable across environments, so it names the variant.
    key: typeof optionId === 'number' ? String(optionId) : undefined,
  }
}

/** A segment override's priority is its own, read from the state. */
const SEGMENT_PRIORITY = 'segment'

// The most numerous part of a document: its checks are written out rather than calls to helpers (see the PERFORMANCE
// NOTE), and only a failing check calls one.
function readFeatureState(
  value: unknown,
  shared: SharedParts,
  priority: number | typeof SEGMENT_PRIORITY | undefined,
): FeatureContext {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail([], 'expected an object')
  const fs = value as Record<string, unknown>
  const feature = fs.feature
  if (typeof feature !== 'object' || feature === null || Array.isArray(feature)) fail(['feature'], 'expected an object')
  const { name, id: featureId } = feature as Record<string, unknown>
  if (typeof name !== 'string') fail(['feature', 'name'], 'expected a string')
  if (featureId !== undefined && featureId !== null && !Number.isFinite(featureId))
    notNumber(['feature', 'id'], featureId)
  const {
    enabled,
    feature_state_value: stateValue,
    id,
    django_id: djangoId,
    featurestate_uuid: uuid,
    feature_segment: segmentPart,
    multivariate_feature_state_values: values,
  } = fs
  if (typeof enabled !== 'boolean') fail(['enabled'], 'expected a boolean')
  if (stateValue !== undefined && !isScalar(stateValue)) notFlagValue(['feature_state_value'])
  if (id !== undefined && id !== null && !Number.isFinite(id)) notNumber(['id'], id)
  if (djangoId !== undefined && djangoId !== null && !Number.isFinite(djangoId)) notNumber(['django_id'], djangoId)
  if (typeof uuid !== 'string' && uuid !== undefined && uuid !== null) {
    fail(['featurestate_uuid'], 'expected a string or null')
  }
  let segmentPriority: number | undefined
  if (segmentPart !== undefined && segmentPart !== null) {
    if (typeof segmentPart !== 'object' || Array.isArray(segmentPart)) fail(['feature_segment'], 'expected an object')
    const ranking = (segmentPart as Record<string, unknown>).priority
    if (ranking !== undefined && ranking !== null && !Number.isFinite(ranking)) {
      notNumber(['feature_segment', 'priority'], ranking)
    }
    segmentPriority = (ranking as number | null | undefined) ?? undefined
  }
  if (!Array.isArray(values) && values !== undefined && values !== null) {
    fail(['multivariate_feature_state_values'], 'expected an array')
  }
  const key =
    typeof djangoId === 'number'
      ? String(djangoId)
      : typeof id === 'number'
        ? String(id)
        : typeof uuid === 'string'
          ? uuid
          : String(featureId)
  const sharedValue = sharedString(shared, (stateValue as FlagValue | undefined) ?? null)
  let sharedName = name
  let metadata: Readonly<Record<string, unknown>> | undefined
  if (typeof featureId === 'number') {
    const known = sharedFeature(shared, featureId, name)
    if (known.name === name) sharedName = known.name
    metadata = known.metadata
  }
  const ranked = priority === SEGMENT_PRIORITY ? segmentPriority : priority
  // One literal per shape with every member written in it, even when undefined. A member added afterwards lives in a
  // second array, and its hidden class dies with each compile's mapping, which makes V8 drop the optimised code.
  if (values?.length) {
    const variants = new Array<VariantContext>(values.length)
    let i = 0
    try {
      for (; i < values.length; i++) variants[i] = readVariant(values[i], shared)
    } catch (error) {
      within(error, 'multivariate_feature_state_values', i)
    }
    return { key, name: sharedName, enabled, value: sharedValue, variants, priority: ranked, metadata }
  }
  if (ranked !== undefined) return { key, name: sharedName, enabled, value: sharedValue, priority: ranked, metadata }
  return { key, name: sharedName, enabled, value: sharedValue, metadata }
}

/** Reads the states in `value`, the member `key`, as the states of a default, a segment or an identity. */
function readFeatureStates(
  value: unknown,
  key: string,
  required: boolean,
  shared: SharedParts,
  priority: number | typeof SEGMENT_PRIORITY | undefined,
): FeatureContext[] {
  const states = list(value, key, required)
  // Exactly as long as the list, unlike an array grown by `push`: an identity's states are kept until first used.
  const features = new Array<FeatureContext>(states.length)
  let i = 0
  try {
    for (; i < states.length; i++) features[i] = readFeatureState(states[i], shared, priority)
  } catch (error) {
    within(error, key, i)
  }
  return features
}

/** Checks the rules in `value`, the member `key`, nested `depth` deep; compiling reads them as they are. */
function checkRules(value: unknown, key: string, required: boolean, depth: number): DocumentRule[] {
  const rules = list(value, key, required)
  let i = 0
  try {
    for (; i < rules.length; i++) {
      if (depth > MAX_RULE_DEPTH) fail([], `rules nested deeper than ${MAX_RULE_DEPTH} levels`)
      const rule = object(rules[i])
      if (typeof rule.type !== 'string' || !RULE_TYPES.has(rule.type)) fail(['type'], 'expected "ALL", "ANY" or "NONE"')
      checkConditions(rule.conditions)
      checkRules(rule.rules, 'rules', false, depth + 1)
    }
  } catch (error) {
    within(error, key, i)
  }
  return rules as DocumentRule[]
}

function checkConditions(value: unknown): void {
  const conditions = list(value, 'conditions', false)
  let i = 0
  try {
    for (; i < conditions.length; i++) {
      const condition = conditions[i]
      if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
        fail([], 'expected an object')
      }
      const { operator, property_: property } = condition as Record<string, unknown>
      if (typeof operator !== 'string') fail(['operator'], 'expected a string')
      if (typeof property !== 'string' && property !== undefined && property !== null) {
        fail(['property_'], 'expected a string or null')
      }
    }
  } catch (error) {
    within(error, 'conditions', i)
  }
}

function readSegment(value: unknown, shared: SharedParts): MappedDocument['segments'][number] {
  const segment = object(value)
  const id = segment.id
  if (typeof id !== 'number' && typeof id !== 'string') fail(['id'], 'expected a number')
  const name = segment.name
  if (typeof name !== 'string') fail(['name'], 'expected a string')
  return {
    key: String(id),
    name,
    rules: checkRules(segment.rules, 'rules', true, 1),
    overrides: readFeatureStates(segment.feature_states, 'feature_states', false, shared, SEGMENT_PRIORITY),
    metadata: Object.freeze({ source: 'api', id }),
  }
}

function readSegments(value: unknown, shared: SharedParts): MappedDocument['segments'] {
  const items = list(value, 'segments', false)
  const segments: MappedDocument['segments'] = []
  let i = 0
  try {
    for (; i < items.length; i++) segments.push(readSegment(items[i], shared))
  } catch (error) {
    within(error, 'segments', i)
  }
  return segments
}

function readIdentityOverrides(value: unknown, shared: SharedParts): Map<string, FeatureContext[]> {
  const items = list(value, 'identity_overrides', false)
  const overrides = new Map<string, FeatureContext[]>()
  let i = 0
  try {
    for (; i < items.length; i++) {
      const identity = object(items[i])
      const identifier = identity.identifier
      if (typeof identifier !== 'string') fail(['identifier'], 'expected a string')
      const features = readFeatureStates(identity.identity_features, 'identity_features', false, shared, -Infinity)
      // The first entry for an identifier wins, as in Flagsmith; later ones are still checked.
      if (!overrides.has(identifier)) overrides.set(identifier, features)
    }
  } catch (error) {
    within(error, 'identity_overrides', i)
  }
  return overrides
}

function readEnvironment(json: unknown): MappedDocument {
  const document = object(json)
  const key = document.api_key
  if (typeof key !== 'string') fail(['api_key'], 'expected a string')
  const { name, updated_at: updatedAt } = document
  if (typeof name !== 'string' && name !== undefined && name !== null) fail(['name'], 'expected a string or null')
  if (typeof updatedAt !== 'string' && updatedAt !== undefined && updatedAt !== null) {
    fail(['updated_at'], 'expected a string or null')
  }
  const shared: SharedParts = { features: new Map(), strings: new Map() }
  const features = readFeatureStates(document.feature_states, 'feature_states', true, shared, undefined)
  const project = object(document.project, 'project')
  const hideDisabledFlags = project.hide_disabled_flags
  if (typeof hideDisabledFlags !== 'boolean' && hideDisabledFlags !== undefined && hideDisabledFlags !== null) {
    fail(['project', 'hide_disabled_flags'], 'expected a boolean or null')
  }
  let segments: MappedDocument['segments']
  try {
    segments = readSegments(project.segments, shared)
  } catch (error) {
    within(error, 'project')
  }
  return {
    environment: { key, name: name ?? '' },
    id: typeof document.id === 'number' ? document.id : undefined,
    updatedAt: updatedAt ?? undefined,
    hideDisabledFlags: hideDisabledFlags === true,
    features,
    segments,
    identityOverrides: readIdentityOverrides(document.identity_overrides, shared),
  }
}

/** `feature_states[3].feature.name`; `$` for the document itself. */
function describe({ path, problem }: Problem): string {
  let where = ''
  for (const part of path) where += typeof part === 'number' ? `[${part}]` : where === '' ? part : `.${part}`
  return `${where || '$'}: ${problem}`
}

/**
 * @internal Checks that `json` has the shape of an environment document, as far as evaluation relies on it, and maps
 * it to evaluation-context parts (Flagsmith's document-to-context mapping). Throws a `VexilError`
 * (`INVALID_DOCUMENT`) whose message starts with the JSON path of the first problem.
 */
export function readDocument(json: unknown): MappedDocument {
  try {
    return readEnvironment(json)
  } catch (error) {
    if (error instanceof Problem) throw new VexilError('INVALID_DOCUMENT', describe(error))
    throw error
  }
}
