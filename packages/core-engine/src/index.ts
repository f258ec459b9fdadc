export type { ApiFlag, ToApiFlagsOptions } from './api-flags'
export { parseApiFlags, toApiFlags } from './api-flags'
export type { ApiIdentity } from './api-identity'
export { parseApiIdentity } from './api-identity'
export type { EnvironmentDocument } from './environment-document'
export type { Flag, FlagMap } from './flag'
export type { FlagsSnapshot } from './flags-snapshot'
export { parseFlagsSnapshot } from './flags-snapshot'
export type { ApiTrait, IdentityRequest, TraitInput } from './identity-request'
export { createIdentityRequest, parseIdentityRequest } from './identity-request'
export { mergeFlags } from './merge-flags'
export { normalizeApiUrl } from './normalize-api-url'
export { parseRealtimeEvent } from './realtime-event'
export type { Result } from './result'
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
