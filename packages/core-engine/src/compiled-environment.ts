import type { EvaluationResult, FlagResult, SegmentResult, Traits } from './types'

/**
 * An environment document compiled for evaluation: immutable, shareable, and evaluated synchronously without ever
 * throwing. Results share frozen flag objects across calls wherever a flag does not depend on the identity, so an
 * unchanged flag keeps its object identity. Create one with {@link compileEnvironment}.
 */
export interface CompiledEnvironment {
  /** The environment's client-side key (`api_key`). */
  readonly key: string
  /** The environment's name. */
  readonly name: string
  /** The document's numeric `id`, which the Flagsmith API echoes in flag states, when it has one. */
  readonly id: number | undefined
  /** The document's `updated_at` in epoch seconds, when it has a valid one. */
  readonly updatedAt: number | undefined
  /** Every feature's name, in document order (disabled ones included). */
  readonly featureNames: readonly string[]
  /** The project's `hide_disabled_flags`: when true, results omit disabled flags. */
  readonly hideDisabledFlags: boolean
  /**
   * Flags without an identity, as Flagsmith's engine evaluates them (segments whose conditions hold without an identity
   * apply). The same frozen result on every call.
   */
  getEnvironmentFlags(): EvaluationResult
  /** Flags of an identity: identity overrides, then segment overrides by priority, then multivariate splits. */
  getIdentityFlags(identifier: string, traits?: Traits): EvaluationResult
  /**
   * One flag of an identity, evaluating only the segments that override it; `undefined` when the environment has no
   * such feature or `hideDisabledFlags` hides it.
   */
  getIdentityFlag(name: string, identifier: string, traits?: Traits): FlagResult | undefined
  /** The project segments the identity is in (identity overrides are not segments here). */
  getIdentitySegments(identifier: string, traits?: Traits): SegmentResult[]
}
