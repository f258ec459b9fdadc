import type { CompiledEnvironment, FlagMap, FlagsSnapshot, Result, SegmentResult, TraitInput } from '@vexil/core-engine'
import type { FetchLike } from 'eventsource'
import { AnalyticsProcessor } from './analytics-processor'
import { ClientHealth } from './client-health'
import type { BaseFlag } from './default-flag'
import { FlagsmithClientError } from './errors'
import { Flags } from './flags'
import { flagsCacheKey } from './flags-cache-key'
import type { FlagsmithConfig } from './flagsmith-config'
import type { FlagsmithListener } from './flagsmith-event'
import { GuardedCache } from './guarded-cache'
import { HttpClient } from './http-client'
import { evaluateFlags, LocalEvaluation } from './local-evaluation'
import { compileOfflineEnvironment } from './offline-environment'
import { RealtimeUpdates } from './realtime-updates'
import { RemoteEvaluation } from './remote-evaluation'
import { RemoteFlags } from './remote-flags'
import { type ResolvedConfig, resolveConfig } from './resolve-config'
import { toTraitValues } from './trait-values'

/** Traits of an identity: plain values, or `{ value, transient }` for a trait that is used but not stored. */
export type TraitsInput = Record<string, TraitInput>

/** Options of {@link Flagsmith.ready}. */
export interface ReadyOptions {
  /** How long to wait before rejecting. @defaultValue 10000 */
  timeoutMs?: number
}

/**
 * A Flagsmith client with the official flagsmith-nodejs API: remote evaluation against the Flagsmith API (or an edge
 * proxy), local evaluation of the environment document compiled once per version, or offline evaluation of a
 * document file. Flag reads never throw because of the network: they fall back to the last good data, then to the
 * `defaultFlagHandler`; the async reads reject only when there is neither, as the official SDK documents.
 *
 * @example
 * ```ts
 * const flagsmith = new Flagsmith({ environmentKey: 'ser.…', enableLocalEvaluation: true, realtime: true })
 * await flagsmith.ready({ timeoutMs: 5000 })
 * const flags = flagsmith.getIdentityFlagsSync('user-42', { plan: 'pro' })
 * if (flags.isFeatureEnabled('new_checkout')) renderNewCheckout()
 * ```
 */
export class Flagsmith implements AsyncDisposable {
  #config: ResolvedConfig
  #health: ClientHealth
  #http: HttpClient | undefined
  #local: LocalEvaluation | undefined
  #remote: RemoteEvaluation | undefined
  #offline: CompiledEnvironment | undefined
  #analytics: AnalyticsProcessor | undefined
  #realtime: RealtimeUpdates | undefined
  #cache: GuardedCache | undefined
  #defaultFlagHandler: ((featureName: string) => BaseFlag) | undefined
  #warming: Promise<unknown> | undefined
  #closing: Promise<void> | undefined

  /** Throws a `FlagsmithClientError` (code `INVALID_OPTIONS` or `INVALID_DOCUMENT`) for unusable options. */
  constructor(config: FlagsmithConfig) {
    const resolved = resolveConfig(config)
    this.#config = resolved
    this.#health = new ClientHealth(resolved.logger)
    if (config.cache) this.#cache = new GuardedCache(config.cache, resolved.logger)
    this.#defaultFlagHandler = config.defaultFlagHandler
    const offline = config.offlineHandler && compileOfflineEnvironment(config.offlineHandler)
    this.#offline = offline?.environment
    if (this.#offline) this.#health.readiness.markReady()
    if (resolved.mode === 'offline') {
      this.#local = LocalEvaluation.offline(this.#offline!)
      return
    }

    const http = new HttpClient(resolved.http)
    this.#http = http
    if (config.enableAnalytics) {
      this.#analytics = new AnalyticsProcessor({
        http,
        url: `${resolved.apiUrl}analytics/flags/`,
        logger: resolved.logger,
      })
      this.#analytics.start()
    }
    // The callbacks below live as long as the client, so they must not capture `config`: its offlineHandler may
    // hold a whole environment document.
    const { onEnvironmentChange: listener, realtime, random } = config
    const onEnvironmentChange: NonNullable<FlagsmithConfig['onEnvironmentChange']> = (error, environment) => {
      try {
        listener?.(error, environment)
      } catch (cause) {
        resolved.logger.error('onEnvironmentChange threw', cause)
      }
    }

    if (resolved.mode === 'local') {
      this.#local = LocalEvaluation.poll({
        http,
        documentUrl: `${resolved.apiUrl}environment-document/`,
        refreshIntervalMs: resolved.refreshIntervalMs,
        logger: resolved.logger,
        random,
        initial: offline,
        onInstall: (environment, changed) => {
          if (realtime) this.#startRealtime(environment.key, random)
          onEnvironmentChange(null, environment)
          if (changed.length > 0) this.#health.emit({ type: 'change', flagsChanged: changed })
        },
        onSuccess: () => this.#health.succeed(),
        onFailure: (error) => {
          this.#health.fail(error)
          onEnvironmentChange(error)
        },
      })
      return
    }

    const remote = new RemoteFlags({
      http,
      apiUrl: resolved.apiUrl,
      cache: config.cache ? false : resolved.identityCache,
    })
    this.#remote = new RemoteEvaluation({ remote, health: this.#health, offline: this.#offline })
    if (realtime) this.#startRealtime(resolved.environmentKey, random)
  }

  /** Whether the client has flags to serve (a document, an offline document, or one answer of the API). */
  get isReady(): boolean {
    return this.#health.readiness.isReady
  }

  /**
   * Resolves once the client has flags; in remote mode, it asks the API for the environment flags to find out.
   * Rejects, never hangs: after `timeoutMs`, when the API rejects the key (401/403), or when the client closes.
   */
  ready(options: ReadyOptions = {}): Promise<void> {
    if (this.#remote && !this.isReady && !this.#closing) {
      this.#warming ??= this.#remote.evaluate(undefined, {}, false).finally(() => {
        this.#warming = undefined
      })
    }
    return this.#health.readiness.wait(options.timeoutMs ?? 10_000)
  }

  /**
   * The environment's flags (no identity). Falls back to the last good flags, then to the `defaultFlagHandler`;
   * rejects with the failure only when neither is available.
   */
  getEnvironmentFlags(): Promise<Flags> {
    return this.#read(flagsCacheKey(), () => this.#evaluate(undefined, {}, false))
  }

  /**
   * An identity's flags. Traits are values or `{ value, transient }`; remotely, non-transient traits are stored by
   * the API and `transient: true` keeps the identity itself from being stored. Falls back like
   * {@link Flagsmith.getEnvironmentFlags}; throws a `FlagsmithClientError` at once for an empty identifier.
   */
  async getIdentityFlags(identifier: string, traits: TraitsInput = {}, transient = false): Promise<Flags> {
    checkIdentifier(identifier)
    return this.#read(flagsCacheKey(identifier, traits), () => this.#evaluate(identifier, traits, transient))
  }

  /**
   * The environment's flags, evaluated synchronously from the document held (local and offline modes). Before the
   * first document, every read returns the `defaultFlagHandler`'s flag (or a disabled one). Never throws, except a
   * `FlagsmithClientError` in remote mode, where there is nothing to evaluate.
   */
  getEnvironmentFlagsSync(): Flags {
    return this.#wrap(this.#requireLocal('getEnvironmentFlagsSync').evaluateSync(undefined, {}) ?? emptyFlags())
  }

  /** An identity's flags, evaluated synchronously; see {@link Flagsmith.getEnvironmentFlagsSync}. */
  getIdentityFlagsSync(identifier: string, traits: TraitsInput = {}): Flags {
    checkIdentifier(identifier)
    return this.#wrap(this.#requireLocal('getIdentityFlagsSync').evaluateSync(identifier, traits) ?? emptyFlags())
  }

  /**
   * The segments an identity is in, by local evaluation. In remote mode it logs an error and resolves with `[]`,
   * as the official SDK does; without a document yet it resolves with `[]` too. Never rejects.
   */
  async getIdentitySegments(identifier: string, traits: TraitsInput = {}): Promise<SegmentResult[]> {
    checkIdentifier(identifier)
    if (!this.#local) {
      this.#config.logger.error('getIdentitySegments needs enableLocalEvaluation or offlineMode')
      return []
    }
    const environment = await this.#local.environment()
    return environment.ok ? environment.value.getIdentitySegments(identifier, toTraitValues(traits)) : []
  }

  /**
   * The flags of an identity (or of the environment) as a JSON-serialisable snapshot, to hand to the browser SDK as
   * `bootstrap`. Rejects when there are no flags to snapshot, and with a `FlagsmithClientError` in remote mode with a
   * server-side key, whose client-side key the snapshot would need is unknown.
   */
  async getSnapshot(identifier?: string, traits: TraitsInput = {}): Promise<FlagsSnapshot> {
    if (identifier !== undefined) checkIdentifier(identifier)
    const identity = identifier === undefined ? null : { identifier, traits: toTraitValues(traits) }
    if (this.#local) {
      const environment = await this.#local.environment()
      if (!environment.ok) throw environment.error
      const flags = evaluateFlags(environment.value, identifier, traits)
      return { environmentKey: environment.value.key, identity, flags, fetchedAt: Date.now() }
    }
    const { environmentKey } = this.#config
    if (environmentKey.startsWith('ser.')) {
      throw new FlagsmithClientError(
        'INVALID_OPTIONS',
        'getSnapshot in remote mode needs the client-side environment key',
      )
    }
    const flags = await this.#remote!.evaluate(identifier, traits, false)
    if (!flags.ok) throw flags.error
    return { environmentKey, identity, flags: flags.value, fetchedAt: Date.now() }
  }

  /**
   * The compiled environment served by local or offline evaluation, fetching it first if needed. Rejects when there
   * is none, and with a `FlagsmithClientError` in remote mode.
   */
  async getEnvironment(): Promise<CompiledEnvironment> {
    const environment = await this.#requireLocal('getEnvironment').environment()
    if (!environment.ok) throw environment.error
    return environment.value
  }

  /**
   * Refetches now: the environment document in local mode (a fetch in flight is followed by a new one); in remote
   * mode it empties the identity cache so the next reads ask the API. Never rejects: failures are logged, reported
   * to `onEnvironmentChange` and the last good document keeps serving.
   */
  async updateEnvironment(): Promise<void> {
    this.#remote?.clear()
    await this.#local?.refresh()
  }

  /** Registers a listener for changes, staleness and recovery; returns the function that unsubscribes. */
  subscribe(listener: FlagsmithListener): () => void {
    return this.#health.subscribe(listener)
  }

  /**
   * Stops polling and the realtime stream, posts pending analytics, closes sockets and settles pending `ready()`
   * calls. Idempotent: every call returns the same promise. Flags already fetched keep serving afterwards.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#local?.stop()
      this.#realtime?.close()
      this.#health.close()
      await this.#analytics?.close()
      await this.#http?.close()
    })()
    return this.#closing
  }

  /** Same as {@link Flagsmith.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close()
  }

  #startRealtime(clientKey: string, random: (() => number) | undefined): void {
    if (this.#realtime || this.#closing || !this.#http) return
    const local = this.#local
    this.#realtime = new RealtimeUpdates({
      url: `${this.#config.realtimeUrl}sse/environments/${encodeURIComponent(clientKey)}/stream`,
      fetch: this.#http.fetch as unknown as FetchLike,
      logger: this.#config.logger,
      random,
      heldUpdatedAt: () => local?.current()?.updatedAt,
      refetch: async () => (local ? (await local.refresh()).ok : this.#remote!.refetch()),
    })
    this.#realtime.start()
  }

  #evaluate(identifier: string | undefined, traits: TraitsInput, transient: boolean): Promise<Result<FlagMap>> {
    if (this.#local) return this.#local.evaluate(identifier, traits)
    return this.#remote!.evaluate(identifier, traits, transient)
  }

  #wrap(flags: FlagMap): Flags {
    return Flags.fromFlagMap(flags, {
      defaultFlagHandler: this.#defaultFlagHandler,
      analyticsProcessor: this.#analytics,
    })
  }

  #requireLocal(method: string): LocalEvaluation {
    if (this.#local) return this.#local
    throw new FlagsmithClientError('INVALID_OPTIONS', `${method} needs enableLocalEvaluation or offlineMode`)
  }

  /**
   * Consults the user's `cache` first and fills it with evaluated flags, never with defaults. Without flags, the
   * `defaultFlagHandler` stands in, or the failure is thrown.
   */
  async #read(key: string, load: () => Promise<Result<FlagMap>>): Promise<Flags> {
    const hit = await this.#cache?.get(key)
    if (hit) return hit
    const result = await load()
    if (!result.ok) {
      if (this.#defaultFlagHandler) return this.#wrap(emptyFlags())
      throw result.error
    }
    const flags = this.#wrap(result.value)
    await this.#cache?.set(key, flags)
    return flags
  }
}

function emptyFlags(): FlagMap {
  return Object.create(null)
}

function checkIdentifier(identifier: unknown): void {
  if (typeof identifier !== 'string' || identifier === '') {
    throw new FlagsmithClientError('INVALID_OPTIONS', '`identifier` must be a non-empty string')
  }
}
