export type { BooleanSource } from './resolve-flag'
export type { ProviderBehaviourOptions } from './provider-options'
export { VexilProvider, type VexilProviderOptions } from './vexil-provider'
