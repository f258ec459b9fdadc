export type { BooleanSource } from './resolve-flag'
export type { ProviderBehaviourOptions } from './provider-options'
export { VexilWebProvider, type VexilWebProviderOptions } from './vexil-web-provider'
