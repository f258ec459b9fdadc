export type { CompiledEnvironment, EnvironmentDocument } from '@vexil/core-engine'
export type { LocalClient, LocalClientOptions } from './create-local-client'
export { createLocalClient } from './create-local-client'
