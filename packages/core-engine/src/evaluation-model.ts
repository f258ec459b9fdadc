import { compilePropertyReader, EvaluationScope, type IdentityView, type PropertyReader } from './evaluation-scope'
import { hashedPercentageOf } from './hashed-percentage'
import { toPythonString } from './python-string'
import { compileSegmentRules } from './segment-rule'
import type {
  EvaluationResult,
  FeatureContext,
  FlagResult,
  SegmentContext,
  SegmentResult,
  VariantContext,
} from './types'

/** @internal What a model is compiled from: evaluation-context parts, with identity overrides optionally by identifier. */
export interface ModelInput {
  features: readonly FeatureContext[]
  segments: readonly SegmentContext[]
  /** Overrides by identifier: equivalent to Flagsmith's `identity_overrides` segments, without a scan per group. */
  identityOverrides?: ReadonlyMap<string, readonly FeatureContext[]>
  /** Segment result of an identity that has overrides in `identityOverrides`. */
  identityOverridesSegment?: SegmentResult
  /** Resolves a JSONPath's first member other than `identity` (`environment`, `features`, …). */
  root: (member: string) => unknown
}

interface Variant {
  weight: number
  result: FlagResult
}

/** A feature context with every result that does not depend on the identity built (and frozen) in advance. */
interface FeatureState {
  /** The feature context's key and a comma: what the identity key is appended to for bucketing. */
  hashPrefix: string
  /** The result without a split: reason `DEFAULT` or `TARGETING_MATCH; …`, variant `null`. */
  result: FlagResult
  /** Variants by priority, or `undefined` for a feature without any. */
  variants: Variant[] | undefined
  /** The result when a split falls through every variant: variant `"control"`. */
  control: FlagResult | undefined
}

interface CompiledFeature {
  name: string
  default: FeatureState
  /** Segment overrides in the order Flagsmith picks them: by priority, then segment order. */
  overrides: { segment: number; state: FeatureState }[]
}

function freezeResult(
  name: string,
  feature: FeatureContext,
  reason: string,
  metadata: Readonly<Record<string, unknown>> | undefined,
  value = feature.value,
  variant: string | null = null,
) {
  const result: FlagResult = { name, enabled: feature.enabled, value, reason, variant }
  if (metadata) result.metadata = metadata
  return Object.freeze(result)
}

/** A frozen copy. Not `{ ...record }`: freezing a spread copy gives every object its own hidden class, slowly. */
function frozenCopy(record: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(record)) {
    // An own `__proto__` key (JSON.parse makes them) must stay a key, not become the prototype.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: record[key], enumerable: true })
    else copy[key] = record[key]
  }
  return Object.freeze(copy)
}

function byPriority<T extends { priority: number | bigint }>(a: T, b: T): number {
  return a.priority < b.priority ? -1 : a.priority > b.priority ? 1 : 0
}

function compileState(name: string, feature: FeatureContext, reason: string): FeatureState {
  // Copied once, so results can share it frozen without freezing the caller's object.
  const metadata = feature.metadata && frozenCopy(feature.metadata)
  const result = freezeResult(name, feature, reason, metadata)
  if (!feature.variants?.length)
    return { hashPrefix: `${feature.key},`, result, variants: undefined, control: undefined }
  const variants = [...feature.variants]
    .map((v: VariantContext) => ({ ...v, priority: v.priority ?? Number.POSITIVE_INFINITY }))
    .sort(byPriority)
    .map((v) => ({
      weight: v.weight,
      result: freezeResult(
        name,
        feature,
        `SPLIT; weight=${toPythonString(v.weight)}`,
        metadata,
        v.value,
        v.key ?? null,
      ),
    }))
  return {
    hashPrefix: `${feature.key},`,
    result,
    variants,
    control: freezeResult(name, feature, reason, metadata, feature.value, 'control'),
  }
}

function resolve(state: FeatureState, identityKey: string | null): FlagResult {
  if (identityKey === null || state.variants === undefined) return state.result
  // Same as hashedPercentage([key, identityKey]), without building an array per flag.
  const percentage = hashedPercentageOf(state.hashPrefix + identityKey)
  let start = 0
  for (const variant of state.variants) {
    const limit = variant.weight + start
    if (start <= percentage && percentage < limit) return variant.result
    start = limit
  }
  return state.control!
}

const targeting = (segment: string) => `TARGETING_MATCH; segment=${segment}`

/**
 * @internal Segments and features compiled once; evaluation walks closures and precomputed results only.
 * PERFORMANCE NOTE: a flag that does not split by identity is returned as the same frozen object on every call, so an
 * evaluation allocates only its flags map and segment list.
 */
export class EvaluationModel {
  readonly #readers: PropertyReader[] = []
  readonly #segments: { matches: (scope: EvaluationScope) => boolean; result: SegmentResult }[]
  readonly #features: CompiledFeature[]
  readonly #byName = new Map<string, CompiledFeature>()
  readonly #identityOverrides = new Map<string, Map<string, FeatureState>>()
  readonly #identityOverridesSegment: SegmentResult | undefined

  constructor(input: ModelInput) {
    const slotOf = new Map<string, number>()
    const slots = (property: string) => {
      let slot = slotOf.get(property)
      if (slot === undefined) {
        slot = this.#readers.push(compilePropertyReader(property, input.root)) - 1
        slotOf.set(property, slot)
      }
      return slot
    }
    this.#segments = input.segments.map((s) => {
      const result: SegmentResult = { name: s.name }
      if (s.metadata) result.metadata = frozenCopy(s.metadata)
      return { matches: compileSegmentRules(s.rules ?? [], s.key, slots), result: Object.freeze(result) }
    })
    this.#features = input.features.map((f) => {
      const compiled: CompiledFeature = { name: f.name, default: compileState(f.name, f, 'DEFAULT'), overrides: [] }
      this.#byName.set(f.name, compiled)
      return compiled
    })
    const ranked: { segment: number; priority: number; feature: CompiledFeature; state: FeatureState }[] = []
    input.segments.forEach((s, segment) => {
      for (const override of s.overrides ?? []) {
        const feature = this.#byName.get(override.name)
        if (!feature) continue
        const state = compileState(feature.name, override, targeting(s.name))
        ranked.push({ segment, priority: override.priority ?? Number.POSITIVE_INFINITY, feature, state })
      }
    })
    // Stable sort: equal priorities keep segment order, as Flagsmith keeps the first override it met.
    for (const entry of ranked.sort(byPriority)) entry.feature.overrides.push(entry)
    for (const [identifier, overrides] of input.identityOverrides ?? []) {
      const states = new Map<string, FeatureState>()
      for (const override of overrides) {
        if (this.#byName.has(override.name) && !states.has(override.name)) {
          states.set(
            override.name,
            compileState(override.name, override, targeting(input.identityOverridesSegment!.name)),
          )
        }
      }
      if (states.size > 0) this.#identityOverrides.set(identifier, states)
    }
    this.#identityOverridesSegment = input.identityOverridesSegment
  }

  #scope(identity: IdentityView | undefined): EvaluationScope {
    return new EvaluationScope(this.#readers, identity)
  }

  /** Evaluates every segment and feature; `hideDisabled` drops disabled flags from the result. */
  evaluate(identity: IdentityView | undefined, hideDisabled = false): EvaluationResult {
    const scope = this.#scope(identity)
    const matched = new Uint8Array(this.#segments.length)
    const segments: SegmentResult[] = []
    for (let i = 0; i < this.#segments.length; i++) {
      const segment = this.#segments[i]!
      if (segment.matches(scope)) {
        matched[i] = 1
        segments.push(segment.result)
      }
    }
    const overridden = identity ? this.#identityOverrides.get(identity.identifier) : undefined
    if (overridden) segments.push(this.#identityOverridesSegment!)
    const flags: Record<string, FlagResult> = Object.create(null)
    for (const feature of this.#features) {
      let state = overridden?.get(feature.name)
      if (!state) {
        for (const override of feature.overrides) {
          if (matched[override.segment]) {
            state = override.state
            break
          }
        }
      }
      const flag = resolve(state ?? feature.default, scope.identityKey)
      if (!hideDisabled || flag.enabled) flags[feature.name] = flag
    }
    return { flags, segments }
  }

  /** Evaluates one feature, and only the segments that override it, best priority first. */
  evaluateFlag(name: string, identity: IdentityView | undefined): FlagResult | undefined {
    const feature = this.#byName.get(name)
    if (!feature) return undefined
    const scope = this.#scope(identity)
    let state = identity ? this.#identityOverrides.get(identity.identifier)?.get(name) : undefined
    if (!state) {
      for (const override of feature.overrides) {
        if (this.#segments[override.segment]!.matches(scope)) {
          state = override.state
          break
        }
      }
    }
    return resolve(state ?? feature.default, scope.identityKey)
  }

  /** The segments the identity is in, in segment order (identity overrides are not among them). */
  matchSegments(identity: IdentityView | undefined): SegmentResult[] {
    const scope = this.#scope(identity)
    return this.#segments.filter((segment) => segment.matches(scope)).map((segment) => segment.result)
  }
}
