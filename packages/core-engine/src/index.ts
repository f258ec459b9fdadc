export type { ApiFlag, ToApiFlagsOptions } from './api-flags'
export { parseApiFlags, toApiFlags } from './api-flags'
export type { ApiIdentity } from './api-identity'
export { parseApiIdentity } from './api-identity'
export { compileEnvironment } from './compile-environment'
export type { CompiledEnvironment } from './compiled-environment'
export { contextFromEnvironment } from './context-from-environment'
export type {
  DocumentCondition,
  DocumentFeature,
  DocumentFeatureState,
  DocumentIdentityOverride,
  DocumentMultivariateValue,
  DocumentRule,
  DocumentSegment,
  EnvironmentDocument,
} from './environment-document'
export { evaluate } from './evaluate'
export type { Flag, FlagMap } from './flag'
export type { FlagsSnapshot } from './flags-snapshot'
export { parseFlagsSnapshot } from './flags-snapshot'
export { hashedPercentage } from './hashed-percentage'
export type { ApiTrait, IdentityRequest, TraitInput } from './identity-request'
export { createIdentityRequest, parseIdentityRequest } from './identity-request'
export { mergeFlags } from './merge-flags'
export { normalizeApiUrl } from './normalize-api-url'
export { parseRealtimeEvent } from './realtime-event'
export type { Result } from './result'
export { isRejectedKeyError, isRetryableError, isRetryableStatus } from './retryable'
export type {
  ConditionContext,
  ConditionOperator,
  EvaluationContext,
  EvaluationResult,
  FeatureContext,
  FlagResult,
  FlagValue,
  RuleContext,
  SegmentContext,
  SegmentResult,
  Traits,
  TraitValue,
  VariantContext,
} from './types'
export type { VexilErrorCode } from './vexil-error'
export { VexilError } from './vexil-error'
