import { IDENTITY_OVERRIDES_SEGMENT } from './context-from-environment'
import { compilePropertyReader, EvaluationScope, type IdentityView, type PropertyReader } from './evaluation-scope'
import { hashedPercentageOfPair, hashedPercentagesOfPairs } from './hashed-percentage'
import { HashHead } from './md5'
import { toPythonString } from './python-string'
import { type CompiledRule, compileRules, type RuleCompiler, type RuleInput, segmentMatches } from './segment-rule'
import { stableSort } from './stable-sort'
import type { EvaluationResult, FeatureContext, FlagResult, SegmentContext, SegmentResult } from './types'

/** @internal What a model is compiled from: evaluation-context parts, with identity overrides optionally by identifier. */
export interface ModelInput {
  features: readonly FeatureContext[]
  segments: readonly (Omit<SegmentContext, 'rules'> & { rules: readonly RuleInput[] })[]
  /**
   * Overrides by identifier: equivalent to Flagsmith's `identity_overrides` segments, without a scan per group. The
   * model takes the map over: it compiles an identity's entry in place the first time that identity is evaluated.
   */
  identityOverrides?: Map<string, readonly FeatureContext[]>
  /** Resolves a JSONPath's first member other than `identity` (`environment`, `features`, …); only called here. */
  root: (member: string) => unknown
  /** The model will evaluate many identities, so preparing a template of their flags pays off. */
  reused?: boolean
}

/**
 * A state whose result depends on the identity: a multivariate split. Every other state is its frozen result itself,
 * which keeps the model small (most states are plain) and makes resolving them free.
 */
class SplitState {
  constructor(
    /** The feature context's key and a comma: what the identity key is appended to for bucketing. */
    readonly head: HashHead,
    /** Variant weights and results, by priority. */
    readonly weights: readonly number[],
    readonly results: readonly FlagResult[],
    /** The result when the split falls through every variant: variant `"control"`. */
    readonly control: FlagResult,
    /** The result without an identity to split by: variant `null`. */
    readonly unsplit: FlagResult,
    /** The result for every identity, when the weights leave no choice (one variant at 100%, all at 0%). */
    readonly settled: FlagResult | undefined,
  ) {}
}

type FeatureState = FlagResult | SplitState

interface SegmentOverride {
  segment: number
  state: FeatureState
}

/** An identity's override of the feature at `feature` (an index into the model's features). */
interface IdentityOverride {
  feature: number
  state: FeatureState
}

/** An identity's overrides compiled, sorted by feature index. */
class IdentityOverrides {
  constructor(readonly overrides: readonly IdentityOverride[]) {}
}

interface CompiledSegment {
  rules: readonly CompiledRule[]
  result: SegmentResult
}

const NO_OVERRIDES: SegmentOverride[] = []

// Lower priorities first; none sorts last.
function byPriority(
  a: { priority?: number | bigint | undefined },
  b: { priority?: number | bigint | undefined },
): number {
  const p = a.priority ?? Number.POSITIVE_INFINITY
  const q = b.priority ?? Number.POSITIVE_INFINITY
  return p < q ? -1 : p > q ? 1 : 0
}

const targeting = (segment: string) => `TARGETING_MATCH; segment=${segment}`

// What Flagsmith reports for an identity with overrides of its own: shared by every model.
const IDENTITY_OVERRIDES_RESULT: SegmentResult = /* @__PURE__ */ Object.freeze({
  name: IDENTITY_OVERRIDES_SEGMENT,
  metadata: /* @__PURE__ */ Object.freeze({ source: IDENTITY_OVERRIDES_SEGMENT }),
})
const IDENTITY_OVERRIDES_REASON = /* @__PURE__ */ targeting(IDENTITY_OVERRIDES_SEGMENT)

/** The result of a split at `percentage`. */
function pick(weights: readonly number[], results: readonly FlagResult[], control: FlagResult, percentage: number) {
  let start = 0
  for (let i = 0; i < weights.length; i++) {
    const limit = weights[i]! + start
    if (start <= percentage && percentage < limit) return results[i]!
    start = limit
  }
  return control
}

/**
 * What every identity gets from a split whose weights leave no choice, or `undefined`. Variants cover consecutive
 * ranges of percentages in order, so when weights are not negative and the lowest and highest percentages pick the
 * same result, so does every percentage between.
 */
function settledResult(weights: readonly number[], results: readonly FlagResult[], control: FlagResult) {
  if (!weights.every((weight) => weight >= 0)) return undefined
  const lowest = pick(weights, results, control, 0)
  // The highest percentage hashing gives, from remainder 9997 (9998 makes 100, which is hashed again).
  return lowest === pick(weights, results, control, (9997 / 9998) * 100) ? lowest : undefined
}

/** The variant of a split for the identity key, or the unsplit result without an identity. */
function split(state: SplitState, scope: EvaluationScope): FlagResult {
  if (scope.identityKey === null) return state.unsplit
  if (state.settled) return state.settled
  // Same as hashedPercentage([key, identityKey]), without joining strings per flag.
  return pick(state.weights, state.results, state.control, hashedPercentageOfPair(state.head, scope.identityKeyTail()))
}

/**
 * Gives each flag in `flags` that waits for its split the variant the identity's percentage picks. The splits of one
 * evaluation are hashed together, four at a time, which takes about half as long again as one.
 */
function settleSplits(flags: Record<string, FlagResult>, splits: readonly SplitState[], scope: EvaluationScope) {
  const heads = splits.map((state) => state.head)
  const percentages: number[] = []
  hashedPercentagesOfPairs(heads, scope.identityKeyTail(), percentages)
  for (let i = 0; i < splits.length; i++) {
    const { weights, results, control } = splits[i]!
    // The key is in place already, so the flag keeps its position in the result.
    flags[control.name] = pick(weights, results, control, percentages[i]!)
  }
}

function resolve(state: FeatureState, scope: EvaluationScope): FlagResult {
  return state instanceof SplitState ? split(state, scope) : state
}

/**
 * Puts an identity's flag for `state` over the template's in `flags`. A split waiting for its variant joins `splits`
 * instead: the template holds its key in place already.
 */
function putOver(flags: Record<string, FlagResult>, name: string, state: FeatureState, splits: SplitState[]) {
  if (!(state instanceof SplitState)) flags[name] = state
  else if (state.settled) flags[name] = state.settled
  else splits.push(state)
}

/**
 * V8 keeps up to 1,020 properties in an object's hidden class; past that, a copy of the template would be a hash table
 * again, and copying one measured far slower than building the flags one by one.
 */
const MAX_TEMPLATE_FLAGS = 1000

/**
 * Every feature's flag as an identity gets it without overrides, in feature order: what an identity's flags start from.
 * Built as a hash table, as any object with that many keys is, then copied by spreading: the copy is an object with
 * fixed properties, and copying such an object is a block copy rather than one hashed insert per flag.
 */
function identityTemplate(names: readonly string[], defaults: readonly FeatureState[]): Record<string, FlagResult> {
  const flags: Record<string, FlagResult> = Object.create(null)
  for (let i = 0; i < names.length; i++) {
    const state = defaults[i]!
    flags[names[i]!] = state instanceof SplitState ? (state.settled ?? state.control) : state
  }
  return { ...flags }
}

function flagResult(
  name: string,
  enabled: boolean,
  value: FlagResult['value'],
  reason: string,
  variant: string | null,
  metadata: FlagResult['metadata'],
): FlagResult {
  // Two literals rather than one with `metadata` added later: the added property would need a separate array.
  return Object.freeze(
    metadata ? { name, enabled, value, reason, variant, metadata } : { name, enabled, value, reason, variant },
  )
}

/**
 * What compiling one model shares between its frozen parts: metadata and split reasons. A record and functions, not a
 * class: V8 drops optimised code that depends on the hidden class of objects that have all died, and these die with
 * every compile, so a class made each compile after a garbage collection run unoptimised.
 */
interface StateCaches {
  metadata: Map<object, Readonly<Record<string, unknown>>>
  splitReasons: Map<number, string>
}

function stateCaches(): StateCaches {
  return { metadata: new Map(), splitReasons: new Map() }
}

/**
 * `record` if it is frozen already, else a frozen copy, one per source object. Not `Object.freeze({ ...record })`:
 * V8 gives every frozen spread copy a hidden class of its own, which costs far more time and memory than the copy.
 */
function frozenMetadata(
  caches: StateCaches,
  record: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  if (Object.isFrozen(record)) return record
  let copy = caches.metadata.get(record)
  if (!copy) {
    const target: Record<string, unknown> = {}
    for (const key of Object.keys(record)) {
      // An own `__proto__` key (JSON.parse makes them) must stay a key, not become the prototype.
      if (key === '__proto__') Object.defineProperty(target, key, { value: record[key], enumerable: true })
      else target[key] = record[key]
    }
    copy = Object.freeze(target)
    caches.metadata.set(record, copy)
  }
  return copy
}

function splitReason(caches: StateCaches, weight: number): string {
  let reason = caches.splitReasons.get(weight)
  if (reason === undefined) {
    reason = `SPLIT; weight=${toPythonString(weight)}`
    caches.splitReasons.set(weight, reason)
  }
  return reason
}

/** The frozen state of the feature (or override) named `name`, reporting `reason` unless a split picks a variant. */
function compileState(caches: StateCaches, name: string, feature: FeatureContext, reason: string): FeatureState {
  const metadata = feature.metadata && frozenMetadata(caches, feature.metadata)
  const { enabled, value } = feature
  if (!feature.variants?.length) return flagResult(name, enabled, value, reason, null, metadata)
  const variants = stableSort(feature.variants.slice(), byPriority)
  const weights = variants.map((v) => v.weight)
  const results = variants.map((v) =>
    flagResult(name, enabled, v.value, splitReason(caches, v.weight), v.key ?? null, metadata),
  )
  const control = flagResult(name, enabled, value, reason, 'control', metadata)
  return new SplitState(
    new HashHead(`${feature.key},`),
    weights,
    results,
    control,
    flagResult(name, enabled, value, reason, null, metadata),
    settledResult(weights, results, control),
  )
}

/**
 * @internal Segments and features compiled once; evaluation walks plain data and precomputed results only.
 * PERFORMANCE NOTE: a flag that does not split by identity is returned as the same frozen object on every call, so an
 * evaluation allocates only its flags map and segment list; and a reused model's identity flags start as a copy of a
 * template, so an evaluation writes only the flags that segments, splits or overrides change.
 */
export class EvaluationModel {
  readonly #readers: PropertyReader[] = []
  readonly #segments: CompiledSegment[]
  // Features as parallel arrays by index rather than an object each: thousands of features make the headers add up.
  readonly #names: string[]
  readonly #defaults: FeatureState[]
  /** Each feature's segment overrides in the order Flagsmith picks them: by priority, then segment order. */
  readonly #overrides: SegmentOverride[][]
  readonly #indexByName = new Map<string, number>()
  // Identities with overrides may run to many thousands, and a process evaluates few of them: each identity's are
  // compiled on first use (then sorted by feature index).
  readonly #identityOverrides: Map<string, readonly FeatureContext[] | IdentityOverrides> | undefined
  /** Whether identities' flags start from a template (built on first use). */
  readonly #templated: boolean
  #template: Record<string, FlagResult> | undefined
  /** With a template: the features whose flag can differ between identities other than by identity overrides. */
  readonly #varying: readonly number[]

  constructor(input: ModelInput) {
    const caches = stateCaches()
    const slotOf = new Map<string, number>()
    const rules: RuleCompiler = {
      slots: (property) => {
        let slot = slotOf.get(property)
        if (slot === undefined) {
          slot = this.#readers.push(compilePropertyReader(property, input.root)) - 1
          slotOf.set(property, slot)
        }
        return slot
      },
      operands: new Map(),
    }
    this.#segments = input.segments.map((s) => {
      const result: SegmentResult = s.metadata
        ? { name: s.name, metadata: frozenMetadata(caches, s.metadata) }
        : { name: s.name }
      return {
        rules: compileRules(s.rules, s.key, rules),
        result: Object.freeze(result),
      }
    })
    // Locals, and arrays filled by push: the evaluation loop reads them, and packed arrays read fastest.
    const names: string[] = []
    const defaults: FeatureState[] = []
    const overrides: SegmentOverride[][] = []
    const indexByName = this.#indexByName
    for (const feature of input.features) {
      indexByName.set(feature.name, names.push(feature.name) - 1)
      defaults.push(compileState(caches, feature.name, feature, 'DEFAULT'))
      overrides.push(NO_OVERRIDES)
    }
    this.#names = names
    this.#defaults = defaults
    this.#overrides = overrides
    const ranked: (SegmentOverride & { priority: number | undefined; feature: number })[] = []
    input.segments.forEach((s, segment) => {
      if (!s.overrides?.length) return
      const reason = targeting(s.name)
      for (const override of s.overrides) {
        const feature = this.#indexByName.get(override.name)
        if (feature === undefined) continue
        const state = compileState(caches, override.name, override, reason)
        ranked.push({ segment, priority: override.priority, feature, state })
      }
    })
    // Stable sort: equal priorities keep segment order, as Flagsmith keeps the first override it met.
    for (const { feature, segment, state } of ranked.sort(byPriority)) {
      if (this.#overrides[feature] === NO_OVERRIDES) this.#overrides[feature] = []
      this.#overrides[feature]!.push({ segment, state })
    }
    this.#identityOverrides = input.identityOverrides?.size ? input.identityOverrides : undefined
    this.#templated = input.reused === true && names.length <= MAX_TEMPLATE_FLAGS
    const varying: number[] = []
    if (this.#templated) {
      for (let i = 0; i < names.length; i++) {
        const state = defaults[i]!
        if (this.#overrides[i] !== NO_OVERRIDES || (state instanceof SplitState && !state.settled)) varying.push(i)
      }
    }
    // A copy of exactly that length: `push` leaves spare room, and the model keeps it.
    this.#varying = varying.slice()
  }

  /** The identity's overrides sorted by feature index, compiled on first use; `undefined` when it has none. */
  #overridesOf(identity: IdentityView | undefined): readonly IdentityOverride[] | undefined {
    const entry = identity && this.#identityOverrides?.get(identity.identifier)
    if (entry === undefined) return undefined
    if (entry instanceof IdentityOverrides) return entry.overrides.length > 0 ? entry.overrides : undefined
    const caches = stateCaches()
    const compiled: IdentityOverride[] = []
    for (const override of entry) {
      const feature = this.#indexByName.get(override.name)
      // The first override of a feature wins, as in Flagsmith's segment of identity overrides.
      if (feature === undefined || compiled.some((o) => o.feature === feature)) continue
      compiled.push({ feature, state: compileState(caches, override.name, override, IDENTITY_OVERRIDES_REASON) })
    }
    compiled.sort((a, b) => a.feature - b.feature)
    this.#identityOverrides!.set(identity!.identifier, new IdentityOverrides(compiled))
    return compiled.length > 0 ? compiled : undefined
  }

  #scope(identity: IdentityView | undefined): EvaluationScope {
    return new EvaluationScope(this.#readers, identity)
  }

  /** Evaluates every segment and feature; `hideDisabled` drops disabled flags from the result. */
  evaluate(identity: IdentityView | undefined, hideDisabled = false): EvaluationResult {
    const scope = this.#scope(identity)
    const segmentCount = this.#segments.length
    const matched = new Uint8Array(segmentCount)
    const segments: SegmentResult[] = []
    for (let i = 0; i < segmentCount; i++) {
      const segment = this.#segments[i]!
      if (segmentMatches(segment.rules, scope)) {
        matched[i] = 1
        segments.push(segment.result)
      }
    }
    const overrides = this.#overridesOf(identity)
    if (overrides) segments.push(IDENTITY_OVERRIDES_RESULT)
    const splits: SplitState[] = []
    const flags =
      identity && !hideDisabled && this.#templated
        ? this.#identityFlags(matched, overrides, splits)
        : this.#eachFlag(matched, overrides, splits, scope, hideDisabled)
    if (splits.length > 0) settleSplits(flags, splits, scope)
    return { flags, segments }
  }

  /** An identity's flags: a copy of the template with the flags that differ for this identity put in. */
  #identityFlags(
    matched: Uint8Array,
    overrides: readonly IdentityOverride[] | undefined,
    splits: SplitState[],
  ): Record<string, FlagResult> {
    const names = this.#names
    const defaults = this.#defaults
    this.#template ??= identityTemplate(names, defaults)
    const flags: Record<string, FlagResult> = { ...this.#template }
    // The copy has Object's prototype; flags are a dictionary, where `toString` is no flag.
    Object.setPrototypeOf(flags, null)
    if (overrides) for (const override of overrides) putOver(flags, names[override.feature]!, override.state, splits)
    // Both lists are sorted by feature index, so one cursor skips the identity's overrides.
    let next = 0
    const varying = this.#varying
    const segmentOverrides = this.#overrides
    for (let k = 0; k < varying.length; k++) {
      const i = varying[k]!
      if (overrides) {
        while (next < overrides.length && overrides[next]!.feature < i) next++
        if (next < overrides.length && overrides[next]!.feature === i) continue
      }
      let state: FeatureState = defaults[i]!
      const candidates = segmentOverrides[i]!
      for (let j = 0; j < candidates.length; j++) {
        if (matched[candidates[j]!.segment] === 1) {
          state = candidates[j]!.state
          break
        }
      }
      // The template holds the default already; a default split may still wait for its variant.
      if (state !== defaults[i]) putOver(flags, names[i]!, state, splits)
      else if (state instanceof SplitState && !state.settled) splits.push(state)
    }
    return flags
  }

  /** The flags one by one, each feature in turn: without a template or an identity, or dropping disabled flags. */
  #eachFlag(
    matched: Uint8Array,
    overrides: readonly IdentityOverride[] | undefined,
    splits: SplitState[],
    scope: EvaluationScope,
    hideDisabled: boolean,
  ): Record<string, FlagResult> {
    // Overrides are sorted by feature index, so one cursor walks them alongside the features.
    let next = 0
    let nextFeature = overrides ? overrides[0]!.feature : -1
    const flags: Record<string, FlagResult> = Object.create(null)
    const names = this.#names
    const defaults = this.#defaults
    const segmentOverrides = this.#overrides
    for (let i = 0; i < names.length; i++) {
      let state: FeatureState = defaults[i]!
      if (i === nextFeature) {
        state = overrides![next]!.state
        nextFeature = ++next < overrides!.length ? overrides![next]!.feature : -1
      } else {
        const candidates = segmentOverrides[i]!
        for (let j = 0; j < candidates.length; j++) {
          if (matched[candidates[j]!.segment] === 1) {
            state = candidates[j]!.state
            break
          }
        }
      }
      if (!(state instanceof SplitState)) {
        if (!hideDisabled || state.enabled) flags[names[i]!] = state
      } else if (!hideDisabled || state.control.enabled) {
        if (scope.identityKey === null) flags[names[i]!] = state.unsplit
        else if (state.settled) flags[names[i]!] = state.settled
        else {
          // A placeholder holds the flag's place in the result; its variant comes with the other splits'.
          flags[names[i]!] = state.control
          splits.push(state)
        }
      }
    }
    return flags
  }

  /** Evaluates one feature, and only the segments that override it, best priority first. */
  evaluateFlag(name: string, identity: IdentityView | undefined): FlagResult | undefined {
    const index = this.#indexByName.get(name)
    if (index === undefined) return undefined
    const scope = this.#scope(identity)
    let state = this.#overridesOf(identity)?.find((o) => o.feature === index)?.state
    if (!state) {
      for (const override of this.#overrides[index]!) {
        if (segmentMatches(this.#segments[override.segment]!.rules, scope)) {
          state = override.state
          break
        }
      }
    }
    return resolve(state ?? this.#defaults[index]!, scope)
  }

  /** The segments the identity is in, in segment order (identity overrides are not among them). */
  matchSegments(identity: IdentityView | undefined): SegmentResult[] {
    const scope = this.#scope(identity)
    return this.#segments.filter((segment) => segmentMatches(segment.rules, scope)).map((segment) => segment.result)
  }
}
