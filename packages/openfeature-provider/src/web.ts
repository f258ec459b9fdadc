export type { ProviderBehaviourOptions } from './provider-options'
export type { BooleanSource } from './resolve-flag'
export { VexilWebProvider, type VexilWebProviderOptions } from './vexil-web-provider'
