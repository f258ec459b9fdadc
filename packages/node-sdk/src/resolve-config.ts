import { normalizeApiUrl } from '@vexil/core-engine'
import { Headers } from 'undici'
import { FlagsmithClientError } from './errors'
import type { FlagsmithConfig } from './flagsmith-config'
import type { FetchFunction, HttpClientOptions } from './http-client'
import type { IdentityCacheOptions } from './identity-cache'
import { createDefaultLogger, type Logger } from './logger'
import { version } from './version'

/** Default of `apiUrl`: Flagsmith's edge API. */
export const DEFAULT_API_URL = 'https://edge.api.flagsmith.com/api/v1/'
/** Default of `realtimeUrl`. */
export const DEFAULT_REALTIME_URL = 'https://realtime.flagsmith.com/'

/**
 * {@link FlagsmithConfig} with defaults applied and checked.
 * @internal
 */
export interface ResolvedConfig {
  mode: 'remote' | 'local' | 'offline'
  environmentKey: string
  apiUrl: string
  realtimeUrl: string
  /** Options of the client's HTTP client. */
  http: HttpClientOptions
  refreshIntervalMs: number
  identityCache: IdentityCacheOptions | false
  logger: Logger
}

function invalid(message: string): FlagsmithClientError {
  return new FlagsmithClientError('INVALID_OPTIONS', message)
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalid(`${name} must be a non-negative number, got ${String(value)}`)
  }
  return value
}

/**
 * Applies the official SDK's defaults and rejects contradictory options.
 * Throws a `FlagsmithClientError` (code `INVALID_OPTIONS`) that says what to change.
 * @internal
 */
export function resolveConfig(config: FlagsmithConfig): ResolvedConfig {
  const { environmentKey = '', offlineMode = false, offlineHandler, enableLocalEvaluation = false } = config
  if (offlineMode && !offlineHandler)
    throw invalid('offlineMode needs an offlineHandler, e.g. new LocalFileHandler(path)')
  if (config.defaultFlagHandler && offlineHandler) {
    throw invalid('Use either defaultFlagHandler or offlineHandler, not both (as in flagsmith-nodejs)')
  }
  if (!offlineMode && !environmentKey) throw invalid('environmentKey is required unless offlineMode is on')
  if (!offlineMode && enableLocalEvaluation && !environmentKey.startsWith('ser.')) {
    throw invalid('enableLocalEvaluation needs a server-side environment key (one starting with "ser.")')
  }
  if (config.realtime && offlineMode) throw invalid('realtime cannot be combined with offlineMode')
  // The stream is keyed by the client-side key, which local evaluation reads from the document.
  if (config.realtime && !offlineMode && !enableLocalEvaluation && environmentKey.startsWith('ser.')) {
    throw invalid('realtime in remote evaluation needs the client-side key; with a server key, enableLocalEvaluation')
  }
  const retries = nonNegative('retries', config.retries, 3)
  if (!Number.isInteger(retries)) throw invalid(`retries must be an integer, got ${retries}`)
  const refreshSeconds = nonNegative('environmentRefreshIntervalSeconds', config.environmentRefreshIntervalSeconds, 60)
  const timeoutSeconds = nonNegative('requestTimeoutSeconds', config.requestTimeoutSeconds, 10)
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': `vexil-node-sdk/${version}`,
  }
  if (environmentKey) headers['x-environment-key'] = environmentKey
  // Custom headers come last so they can override ours, as in the official SDK; `Headers` lower-cases names,
  // which is why ours are lower-case too.
  for (const [name, value] of new Headers(config.customHeaders ?? {})) headers[name] = value
  const identityCache = config.identityCache ?? {}
  if (identityCache) {
    nonNegative('identityCache.max', identityCache.max, 1)
    nonNegative('identityCache.ttlMs', identityCache.ttlMs, 0)
  }
  const logger = config.logger ?? createDefaultLogger()
  return {
    mode: offlineMode ? 'offline' : enableLocalEvaluation ? 'local' : 'remote',
    environmentKey,
    apiUrl: normalizeApiUrl(config.apiUrl || DEFAULT_API_URL),
    realtimeUrl: normalizeApiUrl(config.realtimeUrl || DEFAULT_REALTIME_URL),
    http: {
      headers,
      timeoutMs: timeoutSeconds * 1000,
      retries,
      retryBaseMs: nonNegative('requestRetryDelayMilliseconds', config.requestRetryDelayMilliseconds, 1000),
      // A Retry-After longer than this ends the retries: the caller is better served by its fallback.
      retryMaxMs: 30_000,
      logger,
      fetch: config.fetch as FetchFunction | undefined,
      agent: config.agent,
      random: config.random,
    },
    // The official SDK treats 0 as "use the default" (`||`); so do we, rather than poll in a tight loop.
    refreshIntervalMs: (refreshSeconds || 60) * 1000,
    identityCache,
    logger,
  }
}
