export type {
  CompiledEnvironment,
  EnvironmentDocument,
  FlagsSnapshot,
  FlagValue,
  SegmentResult,
  TraitInput,
  TraitValue,
  VexilErrorCode,
} from '@vexil/core-engine'
export { VexilError } from '@vexil/core-engine'
export { BaseFlag, DefaultFlag } from './default-flag'
export { FlagsmithAPIError, FlagsmithClientError } from './errors'
export type { FlagInit } from './flag'
export { Flag } from './flag'
export type { FeatureTracker, FlagsInit } from './flags'
export { Flags } from './flags'
export type { ReadyOptions, TraitsInput } from './flagsmith'
export { Flagsmith, Flagsmith as default } from './flagsmith'
export type { FlagsmithCache, FlagsmithConfig, FlagsmithValue, TraitConfig } from './flagsmith-config'
export type { FlagsmithEvent, FlagsmithListener } from './flagsmith-event'
export type { IdentityCacheOptions } from './identity-cache'
export type { OfflineHandler } from './local-file-handler'
export { BaseOfflineHandler, LocalFileHandler } from './local-file-handler'
export type { Logger } from './logger'
