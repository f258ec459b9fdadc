import {
  type EvaluationContext,
  type FlagValueType,
  type JsonValue,
  OpenFeatureEventEmitter,
  type Provider,
  type ProviderEmittableEvents,
  ProviderFatalError,
  type ResolutionDetails,
} from '@openfeature/web-sdk'
import { type ClientOptions, createClient, type VexilClient } from '@vexil/browser-sdk'
import { isRejectedKeyError } from '@vexil/core-engine'
import { contextToIdentity, type Identity, type IdentityTraitValue, isSameIdentity } from './context-to-identity'
import { ProviderEventRelay } from './provider-event-relay'
import { type ProviderBehaviourOptions, splitBehaviourOptions } from './provider-options'
import { type BooleanSource, resolveFlag } from './resolve-flag'

/**
 * Options of {@link VexilWebProvider}: a browser-sdk client to use (the provider never closes it), or browser-sdk
 * options for a client the provider creates and closes. Either way with the provider's own options.
 */
export type VexilWebProviderOptions = ({ client: VexilClient } | ClientOptions) & ProviderBehaviourOptions

const STORED_SOURCES: ReadonlySet<string> = new Set(['cache', 'bootstrap'])

function currentIdentity(client: VexilClient): Identity | null {
  const context = client.getContext()
  return context && { identifier: context.identifier, traits: context.traits }
}

/**
 * Traits to send so the client ends up with exactly `next`'s traits: browser-sdk merges traits of the same
 * identifier, so a trait the new context dropped is sent as `null`, which deletes it in Flagsmith.
 */
function traitsFor(previous: Identity | null, next: Identity): Record<string, IdentityTraitValue> {
  if (previous?.identifier !== next.identifier) return next.traits
  const traits: Record<string, IdentityTraitValue> = Object.assign(Object.create(null), next.traits)
  for (const key of Object.keys(previous.traits)) {
    if (!Object.hasOwn(traits, key) && previous.traits[key] !== null) traits[key] = null
  }
  return traits
}

/**
 * An OpenFeature provider for `@openfeature/web-sdk` (and so `@openfeature/react-sdk`), backed by
 * `@vexil/browser-sdk`. Follows OpenFeature's static-context paradigm: the global context picks the identity
 * (`targetingKey` → identity, other attributes → traits) and resolvers read the flags already held, synchronously.
 * Resolvers never throw: failures return the caller's default with an error code.
 *
 * @example
 * await OpenFeature.setProviderAndWait(new VexilWebProvider({ environmentKey: 'client-key', realtime: true }))
 * await OpenFeature.setContext({ targetingKey: 'user-42', plan: 'pro' })
 * OpenFeature.getClient().getBooleanValue('new_dashboard', false)
 */
export class VexilWebProvider implements Provider {
  /** Names the provider in events, hooks and telemetry (spec 2.1.1). */
  readonly metadata = { name: 'vexil-web' } as const
  /** Which OpenFeature SDK the provider is for. */
  readonly runsOn = 'client'
  /** Where the provider emits `PROVIDER_CONFIGURATION_CHANGED`, `PROVIDER_STALE` and `PROVIDER_READY`. */
  readonly events = new OpenFeatureEventEmitter()
  #client: VexilClient
  readonly #clientOptions: ClientOptions | undefined
  readonly #booleanSource: BooleanSource
  readonly #readyTimeoutMs: number
  readonly #relay = new ProviderEventRelay((event, details) =>
    this.events.emit(event as ProviderEmittableEvents, details),
  )
  #unsubscribe: (() => void) | undefined
  #isClientClosed = false
  #pendingContextChanges = 0

  /** Throws a `TypeError` for invalid provider options, and whatever browser-sdk throws for invalid client options. */
  constructor(options: VexilWebProviderOptions) {
    const { behaviour, clientOptions } = splitBehaviourOptions(options)
    this.#booleanSource = behaviour.booleanSource
    this.#readyTimeoutMs = behaviour.readyTimeoutMs
    if ('client' in clientOptions) {
      this.#client = clientOptions.client
    } else {
      this.#clientOptions = clientOptions
      this.#client = createLazyClient(clientOptions)
    }
  }

  /** The browser-sdk client flags are read from. */
  get client(): VexilClient {
    return this.#client
  }

  /**
   * Switches the client to the context's identity and waits for its flags. Rejects (status `ERROR`) when no flags
   * can be served within `readyTimeoutMs`, and with `ProviderFatalError` (status `FATAL`) when the API rejects
   * the key.
   */
  async initialize(context?: EvaluationContext): Promise<void> {
    if (this.#isClientClosed && this.#clientOptions) {
      this.#client = createLazyClient(this.#clientOptions)
      this.#isClientClosed = false
    }
    try {
      // Identify before subscribing: subscribing starts a lazy client, which would first fetch anonymous flags.
      await this.#switchIdentity(contextToIdentity(context))
      this.#unsubscribe ??= this.#client.subscribe((changed) => this.#onClientChange(changed))
      await this.#client.ready({ timeoutMs: this.#readyTimeoutMs })
    } catch (error) {
      throw this.#failed(error)
    }
    this.#relay.initialized()
  }

  /**
   * Loads the flags of the new context's identity; the returned promise (status `RECONCILING` meanwhile) settles
   * when they are served. Returns nothing when the identity and traits did not change. Rejects when the new
   * identity has no flags to serve (neither fetched nor cached).
   */
  onContextChange(_oldContext: EvaluationContext, newContext: EvaluationContext): Promise<void> | void {
    const next = contextToIdentity(newContext)
    if (isSameIdentity(currentIdentity(this.#client), next)) return
    return this.#switchIdentity(next).then(() => {
      const status = this.#client.getStatus()
      // Cached flags of the new identity still count as served; only the bare defaults mean the switch failed.
      if (status.error && status.source === 'default') throw this.#failed(status.error)
      this.#relay.initialized()
      // Stored flags stand in because the request failed. The SDK reports READY once this promise settles, so say
      // afterwards that they may be out of date (spec 5.3.4.1 allows STALE around a context change).
      if (status.error) setTimeout(() => this.#staleAfterSwitch(), 0)
    })
  }

  /** Stops relaying events and closes the client if the provider created it. */
  async onClose(): Promise<void> {
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    this.#relay.closed()
    if (this.#clientOptions && !this.#isClientClosed) {
      this.#isClientClosed = true
      this.#client.close()
    }
  }

  /** The flag's `enabled` state (its value with `booleanSource: 'value'`), or the default with an error code. */
  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean): ResolutionDetails<boolean> {
    return this.#resolve(flagKey, 'boolean', defaultValue)
  }

  /** The flag's string value, or the default (disabled, missing or not a string). Never throws. */
  resolveStringEvaluation(flagKey: string, defaultValue: string): ResolutionDetails<string> {
    return this.#resolve(flagKey, 'string', defaultValue)
  }

  /** The flag's number value (numeric strings included), or the default. Never throws. */
  resolveNumberEvaluation(flagKey: string, defaultValue: number): ResolutionDetails<number> {
    return this.#resolve(flagKey, 'number', defaultValue)
  }

  /** The flag's JSON value parsed, or the default (disabled, missing, not JSON). Never throws. */
  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T): ResolutionDetails<T> {
    return this.#resolve(flagKey, 'object', defaultValue)
  }

  #resolve<T extends JsonValue>(flagKey: string, type: FlagValueType, defaultValue: T): ResolutionDetails<T> {
    const source = this.#client.getStatus().source
    return resolveFlag(flagKey, this.#client.getFlag(flagKey), type, defaultValue, {
      booleanSource: this.#booleanSource,
      hasIdentity: this.#client.getContext() !== null,
      // Flags fetched from the API or evaluated in the page are fresh evaluations; the rest were stored earlier.
      source: source === 'default' ? 'default' : STORED_SOURCES.has(source) ? 'cache' : 'evaluation',
    })
  }

  /** Records a failed initialisation or context switch; returns the error to reject with (status ERROR or FATAL). */
  #failed(error: unknown): unknown {
    const isFatal = isRejectedKeyError(error) || isRejectedKeyError(this.#client.getStatus().error)
    this.#relay.initializeFailed({ isFatal })
    return isFatal
      ? new ProviderFatalError(`The API rejected the environment key: ${messageOf(error)}`, { cause: error })
      : error
  }

  #staleAfterSwitch(): void {
    const { error } = this.#client.getStatus()
    if (this.#pendingContextChanges === 0 && error) this.#relay.stale(error)
  }

  async #switchIdentity(next: Identity | null): Promise<void> {
    const previous = currentIdentity(this.#client)
    if (isSameIdentity(previous, next)) return
    this.#pendingContextChanges++
    try {
      if (next) await this.#client.identify(next.identifier, traitsFor(previous, next))
      else await this.#client.logout()
    } finally {
      this.#pendingContextChanges--
    }
  }

  #onClientChange(changed: readonly string[]): void {
    // Flags that change because the context changed are announced by the SDK's PROVIDER_CONTEXT_CHANGED, and the
    // SDK owns the status while reconciling.
    if (this.#pendingContextChanges > 0) return
    const { error } = this.#client.getStatus()
    if (error) {
      this.#relay.changed(changed)
      this.#relay.stale(error)
    } else {
      this.#relay.recovered()
      this.#relay.changed(changed)
    }
  }
}

function createLazyClient(options: ClientOptions): VexilClient {
  // `initialize` starts the client once it knows the identity, so no request is made for flags never served.
  return createClient({ ...options, lazy: true })
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
