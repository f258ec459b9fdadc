export type { ProviderBehaviourOptions } from './provider-options'
export type { BooleanSource } from './resolve-flag'
export { VexilProvider, type VexilProviderOptions } from './vexil-provider'
