import type { DocumentFeatureState, DocumentRule, EnvironmentDocument } from './environment-document'
import type { EvaluationContext, FeatureContext, RuleContext, SegmentContext, Traits, VariantContext } from './types'

/** @internal The name Flagsmith gives the synthetic segments that carry identity overrides. */
export const IDENTITY_OVERRIDES_SEGMENT = 'identity_overrides'

/**
 * @internal An environment document mapped to evaluation-context parts, identity overrides kept by identifier and
 * segment rules as the document spells them (compiling reads either spelling; see {@link contextFromEnvironment}).
 */
export interface MappedDocument {
  environment: { key: string; name: string }
  features: FeatureContext[]
  segments: (Omit<SegmentContext, 'rules'> & { rules: DocumentRule[] })[]
  identityOverrides: Map<string, FeatureContext[]>
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i

function variantPriority(id: number | null | undefined, uuid: string | undefined): number | bigint {
  if (typeof id === 'number') return id
  // Without an id, Flagsmith orders variants by their uuid read as a 128-bit integer.
  if (uuid !== undefined && UUID.test(uuid)) return BigInt(`0x${uuid.replaceAll('-', '')}`)
  return Number.POSITIVE_INFINITY
}

function featureKey(fs: DocumentFeatureState): string {
  const id = fs.django_id ?? fs.id
  if (typeof id === 'number') return String(id)
  return fs.featurestate_uuid ?? String(fs.feature.id)
}

/**
 * What the states of one document share: one metadata object per feature, so compiling shares one frozen copy between
 * them, and one copy of each name and string value. JSON.parse makes a string per occurrence, and a document repeats
 * every overridden feature's name and its values in each segment and identity that overrides it. A record and
 * functions rather than a class, for the reason given at `StateCaches` in evaluation-model.ts.
 */
interface SharedParts {
  metadata: Map<number, Record<string, unknown>>
  strings: Map<string, string>
}

function sharedMetadata(shared: SharedParts, id: number): Record<string, unknown> {
  let metadata = shared.metadata.get(id)
  if (!metadata) {
    // Frozen from the start, so compiling can share it rather than copy it.
    metadata = Object.freeze({ id })
    shared.metadata.set(id, metadata)
  }
  return metadata
}

function sharedString<T>(shared: SharedParts, value: T): T {
  if (typeof value !== 'string') return value
  const known = shared.strings.get(value)
  if (known !== undefined) return known as T
  shared.strings.set(value, value)
  return value
}

function mapFeatureState(fs: DocumentFeatureState, shared: SharedParts, priority?: number): FeatureContext {
  const key = featureKey(fs)
  const name = sharedString(shared, fs.feature.name)
  const enabled = fs.enabled
  const value = sharedString(shared, fs.feature_state_value ?? null)
  const metadata = typeof fs.feature.id === 'number' ? sharedMetadata(shared, fs.feature.id) : undefined
  const values = fs.multivariate_feature_state_values
  // One literal per shape with every member written in it, even when undefined. A member added afterwards lives in a
  // second array, and its hidden class dies with each compile's mapping, which makes V8 drop the optimised code.
  if (values?.length) {
    const variants = values.map((mv): VariantContext => {
      const option = mv.multivariate_feature_option
      return {
        value: sharedString(shared, option.value ?? null),
        weight: mv.percentage_allocation,
        priority: variantPriority(mv.id, mv.mv_fs_value_uuid),
        // Documents name no variants; the option's id is stable across environments, so it names the variant.
        key: typeof option.id === 'number' ? String(option.id) : undefined,
      }
    })
    return { key, name, enabled, value, variants, priority, metadata }
  }
  if (priority !== undefined) return { key, name, enabled, value, priority, metadata }
  return { key, name, enabled, value, metadata }
}

function mapRule(rule: DocumentRule): RuleContext {
  return {
    type: rule.type,
    conditions: (rule.conditions ?? []).map((c) => ({
      property: c.property_ ?? '',
      operator: c.operator,
      value: c.value ?? null,
    })),
    rules: (rule.rules ?? []).map(mapRule),
  }
}

/** @internal Maps a validated document to evaluation-context parts (Flagsmith's document-to-context mapping). */
export function mapDocument(document: EnvironmentDocument): MappedDocument {
  const shared: SharedParts = { metadata: new Map(), strings: new Map() }
  const segments = (document.project.segments ?? []).map((s): MappedDocument['segments'][number] => ({
    key: String(s.id),
    name: s.name,
    rules: s.rules,
    overrides: (s.feature_states ?? []).map((fs) =>
      mapFeatureState(fs, shared, fs.feature_segment?.priority ?? undefined),
    ),
    metadata: Object.freeze({ source: 'api', id: s.id }),
  }))
  const identityOverrides = new Map<string, FeatureContext[]>()
  for (const identity of document.identity_overrides ?? []) {
    if (identityOverrides.has(identity.identifier)) continue
    identityOverrides.set(
      identity.identifier,
      (identity.identity_features ?? []).map((fs) => mapFeatureState(fs, shared, Number.NEGATIVE_INFINITY)),
    )
  }
  return {
    environment: { key: document.api_key, name: document.name ?? '' },
    features: document.feature_states.map((fs) => mapFeatureState(fs, shared)),
    segments,
    identityOverrides,
  }
}

function identityOverrideSegments(overrides: Map<string, FeatureContext[]>): SegmentContext[] {
  const groups = new Map<string, { identifiers: string[]; overrides: FeatureContext[] }>()
  for (const [identifier, features] of overrides) {
    if (features.length === 0) continue
    const signature = JSON.stringify(features.map((f) => [f.name, f.key, f.enabled, f.value]))
    const group = groups.get(signature)
    if (group) group.identifiers.push(identifier)
    else groups.set(signature, { identifiers: [identifier], overrides: features })
  }
  return [...groups.values()].map((group, i) => ({
    key: `${IDENTITY_OVERRIDES_SEGMENT}:${i}`,
    name: IDENTITY_OVERRIDES_SEGMENT,
    // An array rather than Flagsmith's comma-joined string, so identifiers containing commas stay whole.
    rules: [
      { type: 'ALL', conditions: [{ property: '$.identity.identifier', operator: 'IN', value: group.identifiers }] },
    ],
    overrides: group.overrides,
    metadata: { source: IDENTITY_OVERRIDES_SEGMENT },
  }))
}

/** @internal The identity key Flagsmith derives when a context gives none. */
export function identityKey(environmentKey: string, identifier: string): string {
  return `${environmentKey}_${identifier}`
}

/**
 * Maps a validated environment document (and optionally an identity) to Flagsmith's evaluation context, the input of
 * {@link evaluate}. Identity overrides become `identity_overrides` segments, one per group of identities with the same
 * overrides. {@link compileEnvironment} evaluates the same mapping faster; this is for tests and tools. Never throws on
 * a document that {@link compileEnvironment} accepts.
 *
 * @example
 * evaluate(contextFromEnvironment(document, { identifier: 'user-1', traits: { plan: 'pro' } }))
 */
export function contextFromEnvironment(
  document: EnvironmentDocument,
  identity?: { identifier: string; traits?: Traits },
): EvaluationContext {
  const mapped = mapDocument(document)
  const features: Record<string, FeatureContext> = {}
  for (const feature of mapped.features) features[feature.name] = feature
  const segments: Record<string, SegmentContext> = {}
  for (const segment of mapped.segments) segments[segment.key] = { ...segment, rules: segment.rules.map(mapRule) }
  for (const segment of identityOverrideSegments(mapped.identityOverrides)) segments[segment.key] = segment
  const context: EvaluationContext = { environment: mapped.environment, features, segments }
  if (identity) {
    context.identity = {
      identifier: identity.identifier,
      key: identityKey(mapped.environment.key, identity.identifier),
      traits: identity.traits ?? {},
    }
  }
  return context
}
