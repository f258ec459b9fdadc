import type { DocumentRule, EnvironmentDocument } from './environment-document'
import { readDocument } from './read-document'
import type { EvaluationContext, FeatureContext, RuleContext, SegmentContext, Traits } from './types'

/** @internal The name Flagsmith gives the synthetic segments that carry identity overrides. */
export const IDENTITY_OVERRIDES_SEGMENT = 'identity_overrides'

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
 * Maps an environment document (and optionally an identity) to Flagsmith's evaluation context, the input of
 * {@link evaluate}. Identity overrides become `identity_overrides` segments, one per group of identities with the same
 * overrides. {@link compileEnvironment} evaluates the same mapping faster; this is for tests and tools. Checks the
 * document as {@link compileEnvironment} does: never throws on a document that it accepts, and throws the same
 * `VexilError` on one that it rejects.
 *
 * @example
 * evaluate(contextFromEnvironment(document, { identifier: 'user-1', traits: { plan: 'pro' } }))
 */
export function contextFromEnvironment(
  document: EnvironmentDocument,
  identity?: { identifier: string; traits?: Traits },
): EvaluationContext {
  const mapped = readDocument(document)
  // Without a prototype, a feature named `__proto__` is a key like any other rather than the object's prototype.
  const features: Record<string, FeatureContext> = Object.create(null)
  for (const feature of mapped.features) features[feature.name] = feature
  const segments: Record<string, SegmentContext> = Object.create(null)
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
