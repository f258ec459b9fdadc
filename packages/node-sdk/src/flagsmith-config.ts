import type { CompiledEnvironment, FlagValue, TraitValue } from '@vexil/core-engine'
import type { Dispatcher, HeadersInit } from 'undici'
import type { BaseFlag } from './default-flag'
import type { Flags } from './flags'
import type { IdentityCacheOptions } from './identity-cache'
import type { OfflineHandler } from './local-file-handler'
import type { Logger } from './logger'

/**
 * Stores evaluated {@link Flags} outside the client, e.g. in a shared cache; consulted before every evaluation.
 * Keys are `flags` for the environment and `flags-<identifier>[-<hash of traits>]` for identities.
 */
export interface FlagsmithCache {
  /** The cached flags, or `undefined`. A rejection is logged and treated as a miss. */
  get(key: string): Promise<Flags | undefined>
  /** Stores flags. A rejection is logged and ignored. */
  set(key: string, value: Flags): Promise<void>
}

/**
 * Options of {@link Flagsmith}: the official SDK's names and defaults, plus `realtime`, `realtimeUrl` and
 * `identityCache`.
 */
export interface FlagsmithConfig {
  /** The environment's client-side key, or a server-side key (`ser.…`, required for local evaluation). */
  environmentKey?: string
  /** @defaultValue `'https://edge.api.flagsmith.com/api/v1/'` */
  apiUrl?: string
  /** An undici dispatcher for every request, e.g. a proxy agent. @defaultValue a keep-alive `Agent` of the client */
  agent?: Dispatcher
  /** A `fetch` implementation to use instead of undici's. @defaultValue undici's `fetch` */
  fetch?: typeof fetch
  /** Headers sent with every request. */
  customHeaders?: HeadersInit
  /** Timeout of each request attempt, body included. @defaultValue 10 */
  requestTimeoutSeconds?: number
  /** Ceiling of the first retry delay; later ones double, with full jitter. @defaultValue 1000 */
  requestRetryDelayMilliseconds?: number
  /** Retries after a failed attempt (network error, timeout, 429 or 5xx). @defaultValue 3 */
  retries?: number
  /** Evaluate flags in-process from the environment document; needs a server-side key. @defaultValue false */
  enableLocalEvaluation?: boolean
  /** How often local evaluation refetches the document. @defaultValue 60 */
  environmentRefreshIntervalSeconds?: number
  /** Count flag reads and post them to the API every 10 seconds and on close. @defaultValue false */
  enableAnalytics?: boolean
  /** Supplies flags that are missing or could not be fetched. Cannot be combined with `offlineHandler`. */
  defaultFlagHandler?: (featureName: string) => BaseFlag
  /** An external flags cache, consulted before every evaluation; replaces the built-in `identityCache`. */
  cache?: FlagsmithCache
  /** Called when a new environment document is served (`error` null) or a refresh fails (previous one kept). */
  onEnvironmentChange?: (error: Error | null, environment?: CompiledEnvironment) => void
  /** @defaultValue silent except warnings and errors, on the console */
  logger?: Logger
  /** Make no requests at all; evaluate the `offlineHandler`'s document. @defaultValue false */
  offlineMode?: boolean
  /** A document source: served in offline mode, or used until (local) or when (remote) the API cannot answer. */
  offlineHandler?: OfflineHandler
  /** Listen to Flagsmith's realtime stream and refetch as soon as the environment changes. @defaultValue false */
  realtime?: boolean
  /** @defaultValue `'https://realtime.flagsmith.com/'` */
  realtimeUrl?: string
  /** Remote-mode flag cache per identity and traits; `false` turns it off. @defaultValue `{ max: 1000, ttlMs: 10000 }` */
  identityCache?: IdentityCacheOptions | false
  /**
   * Randomness for retry jitter, in [0, 1).
   * @internal
   */
  random?: () => number
}

/** A flag's value, under the official SDK's name. */
export type FlagsmithValue = FlagValue

/** A trait given with options, under the official SDK's name: `transient` traits are used but not stored. */
export interface TraitConfig {
  value: TraitValue
  /** @defaultValue false */
  transient?: boolean
}
