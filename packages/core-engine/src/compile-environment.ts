import type { CompiledEnvironment } from './compiled-environment'
import { contextFromEnvironment, identityKey } from './context-from-environment'
import type { EnvironmentDocument } from './environment-document'
import { EvaluationModel } from './evaluation-model'
import type { IdentityView } from './evaluation-scope'
import { readDocument } from './read-document'
import type { EvaluationResult, FlagResult, SegmentResult, Traits } from './types'

function parseUpdatedAt(text: string | undefined): number | undefined {
  if (!text) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : ms / 1000
}

function isTraits(traits: unknown): traits is Traits {
  return typeof traits === 'object' && traits !== null && !Array.isArray(traits)
}

/**
 * Validates an environment document (the parsed JSON of Flagsmith's `environment-document/` endpoint) and compiles it
 * for evaluation: IN lists, numeric and semver operands, override rankings and variant order are prepared here, once;
 * regexes, each identity's overrides and the environment flags the first time they are needed. The result keeps only
 * what evaluation needs, not the document: changing the document afterwards does not change the result.
 *
 * Throws a `VexilError` with code `INVALID_DOCUMENT` whose message starts with the JSON path of the first problem,
 * e.g. `feature_states[3].feature.name: expected a string`. Evaluating the result never throws.
 *
 * @example
 * const environment = compileEnvironment(JSON.parse(text))
 * environment.getIdentityFlags('user-1', { plan: 'pro' }).flags.pro_export_feature?.enabled
 */
export function compileEnvironment(document: unknown): CompiledEnvironment {
  const mapped = readDocument(document)
  const { environment } = mapped
  let context: Record<string, unknown> | undefined
  const model = new EvaluationModel({
    features: mapped.features,
    segments: mapped.segments,
    identityOverrides: mapped.identityOverrides,
    root: (member) => {
      if (member === 'environment') return environment
      // Conditions on other parts of the context are rare: map the whole context the first time one asks.
      context ??= contextFromEnvironment(document as EnvironmentDocument) as unknown as Record<string, unknown>
      return Object.hasOwn(context, member) ? context[member] : undefined
    },
    reused: true,
  })
  return compiledEnvironment(model, {
    key: environment.key,
    name: environment.name,
    id: mapped.id,
    updatedAt: parseUpdatedAt(mapped.updatedAt),
    featureNames: Object.freeze(mapped.features.map((f) => f.name)),
    hideDisabledFlags: mapped.hideDisabledFlags,
  })
}

type EnvironmentFacts = Omit<
  CompiledEnvironment,
  'getEnvironmentFlags' | 'getIdentityFlags' | 'getIdentityFlag' | 'getIdentitySegments'
>

// A function of its own, not part of compileEnvironment: the methods are closures, and a closure keeps its whole
// enclosing scope alive; compileEnvironment's holds the document and its mapping, which must not outlive compiling.
function compiledEnvironment(model: EvaluationModel, facts: EnvironmentFacts): CompiledEnvironment {
  const { key, hideDisabledFlags } = facts
  const identity = (identifier: string, traits: unknown): IdentityView => {
    const id = String(identifier)
    return { identifier: id, key: identityKey(key, id), traits: isTraits(traits) ? traits : {} }
  }
  // Defence in depth for the never-throw promise: a throwing trait getter must not break a host's request.
  const safely = <T>(evaluateIt: () => T, fallback: () => T): T => {
    try {
      return evaluateIt()
    } catch {
      return fallback()
    }
  }
  // Without an identity nothing varies between calls: one frozen result serves them all.
  // Built on first use: a server that only evaluates identities never needs it.
  let environmentFlags: EvaluationResult | undefined
  const getEnvironmentFlags = (): EvaluationResult => {
    if (!environmentFlags) {
      const result = model.evaluate(undefined, hideDisabledFlags)
      Object.freeze(result.flags)
      Object.freeze(result.segments)
      environmentFlags = Object.freeze(result)
    }
    return environmentFlags
  }
  const fallbackFlags = (): EvaluationResult => ({ flags: getEnvironmentFlags().flags, segments: [] })
  // Listed rather than spread: V8 would give the frozen spread copy a hidden class of its own.
  return Object.freeze({
    key,
    name: facts.name,
    id: facts.id,
    updatedAt: facts.updatedAt,
    featureNames: facts.featureNames,
    hideDisabledFlags,
    getEnvironmentFlags,
    getIdentityFlags: (identifier: string, traits?: Traits): EvaluationResult =>
      safely(() => model.evaluate(identity(identifier, traits), hideDisabledFlags), fallbackFlags),
    getIdentityFlag: (name: string, identifier: string, traits?: Traits): FlagResult | undefined =>
      safely(
        () => {
          const flag = model.evaluateFlag(name, identity(identifier, traits))
          return flag && (!hideDisabledFlags || flag.enabled) ? flag : undefined
        },
        () => getEnvironmentFlags().flags[name],
      ),
    getIdentitySegments: (identifier: string, traits?: Traits): SegmentResult[] =>
      safely(
        () => model.matchSegments(identity(identifier, traits)),
        () => [],
      ),
  })
}
