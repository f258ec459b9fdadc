export type {
  ApiTrait,
  Flag,
  FlagMap,
  FlagsSnapshot,
  FlagValue,
  TraitInput,
  Traits,
  TraitValue,
  VexilErrorCode,
} from '@vexil/core-engine'
export { VexilError } from '@vexil/core-engine'
export type { ClientOptions, DefaultFlag, EventSourceLike, FlagStorage, Logger } from './client-options'
export { createClient } from './create-client'
export type { ValueOf } from './flag-value'
export { flagValue } from './flag-value'
export type {
  ClientContext,
  ClientState,
  ClientStatus,
  FlagsListener,
  FlagsSource,
  VexilClient,
} from './vexil-client'
