export type { EdgeProxy, EdgeProxyOptions, EdgeProxyUpstreamOptions } from './create-edge-proxy'
export { createEdgeProxy } from './create-edge-proxy'
export type { EdgeProxyLogger } from './edge-proxy-logger'
export { consoleLogger } from './edge-proxy-logger'
