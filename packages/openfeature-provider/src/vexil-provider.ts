import {
  ErrorCode,
  type EvaluationContext,
  type FlagValueType,
  type JsonValue,
  OpenFeatureEventEmitter,
  type Provider,
  type ProviderEvents,
  ProviderFatalError,
  type ResolutionDetails,
} from '@openfeature/server-sdk'
import { isRejectedKeyError } from '@vexil/core-engine'
import { Flagsmith, type FlagsmithConfig, type FlagsmithEvent } from '@vexil/node-sdk'
import { contextToIdentity } from './context-to-identity'
import { ProviderEventRelay } from './provider-event-relay'
import { type ProviderBehaviourOptions, splitBehaviourOptions } from './provider-options'
import { type BooleanSource, resolveFlag } from './resolve-flag'

/**
 * Options of {@link VexilProvider}: a node-sdk client to use (the provider never closes it), or node-sdk options
 * for a client the provider creates and closes. Either way with the provider's own options.
 */
export type VexilProviderOptions = ({ client: Flagsmith } | FlagsmithConfig) & ProviderBehaviourOptions

/**
 * An OpenFeature provider for `@openfeature/server-sdk`, backed by `@vexil/node-sdk`: evaluates per request from
 * the evaluation context (`targetingKey` → identity, other attributes → traits), locally or against the API.
 * Resolvers never throw: failures return the caller's default with an error code.
 *
 * @example
 * await OpenFeature.setProviderAndWait(
 *   new VexilProvider({ environmentKey: 'ser.…', enableLocalEvaluation: true, realtime: true }),
 * )
 * const client = OpenFeature.getClient()
 * await client.getBooleanValue('new_dashboard', false, { targetingKey: 'user-42', plan: 'pro' })
 */
export class VexilProvider implements Provider {
  /** Names the provider in events, hooks and telemetry (spec 2.1.1). */
  readonly metadata = { name: 'vexil' } as const
  /** Which OpenFeature SDK the provider is for. */
  readonly runsOn = 'server'
  /** Where the provider emits `PROVIDER_CONFIGURATION_CHANGED`, `PROVIDER_STALE` and `PROVIDER_READY`. */
  readonly events = new OpenFeatureEventEmitter()
  #client: Flagsmith
  readonly #clientOptions: FlagsmithConfig | undefined
  readonly #booleanSource: BooleanSource
  readonly #readyTimeoutMs: number
  readonly #relay = new ProviderEventRelay((event, details) => this.events.emit(event as ProviderEvents, details))
  #unsubscribe: (() => void) | undefined
  #isClientClosed = false

  /** Throws a `TypeError` for invalid provider options, and whatever node-sdk throws for invalid client options. */
  constructor(options: VexilProviderOptions) {
    const { behaviour, clientOptions } = splitBehaviourOptions(options)
    this.#booleanSource = behaviour.booleanSource
    this.#readyTimeoutMs = behaviour.readyTimeoutMs
    if ('client' in clientOptions) {
      this.#client = clientOptions.client
    } else {
      this.#clientOptions = clientOptions
      this.#client = new Flagsmith(clientOptions)
    }
  }

  /** The node-sdk client flags are read from. */
  get client(): Flagsmith {
    return this.#client
  }

  /**
   * Waits until the client has flags. Rejects (status `ERROR`) when that fails or takes longer than
   * `readyTimeoutMs`, and with `ProviderFatalError` (status `FATAL`) when the API rejects the key.
   */
  async initialize(): Promise<void> {
    if (this.#isClientClosed && this.#clientOptions) {
      this.#client = new Flagsmith(this.#clientOptions)
      this.#isClientClosed = false
    }
    this.#unsubscribe ??= this.#client.subscribe((event) => this.#onClientEvent(event))
    try {
      await this.#client.ready({ timeoutMs: this.#readyTimeoutMs })
    } catch (error) {
      const isFatal = isRejectedKeyError(error)
      this.#relay.initializeFailed({ isFatal })
      if (isFatal)
        throw new ProviderFatalError(`The API rejected the environment key: ${messageOf(error)}`, { cause: error })
      throw error
    }
    this.#relay.initialized()
  }

  /** Stops relaying events and closes the client if the provider created it. */
  async onClose(): Promise<void> {
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    this.#relay.closed()
    if (this.#clientOptions && !this.#isClientClosed) {
      this.#isClientClosed = true
      await this.#client.close()
    }
  }

  /** The flag's `enabled` state (its value with `booleanSource: 'value'`), or the default with an error code. */
  resolveBooleanEvaluation(
    flagKey: string,
    defaultValue: boolean,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<boolean>> {
    return this.#resolve(flagKey, 'boolean', defaultValue, context)
  }

  /** The flag's string value, or the default (disabled, missing or not a string). Never throws. */
  resolveStringEvaluation(
    flagKey: string,
    defaultValue: string,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<string>> {
    return this.#resolve(flagKey, 'string', defaultValue, context)
  }

  /** The flag's number value (numeric strings included), or the default. Never throws. */
  resolveNumberEvaluation(
    flagKey: string,
    defaultValue: number,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<number>> {
    return this.#resolve(flagKey, 'number', defaultValue, context)
  }

  /** The flag's JSON value parsed, or the default (disabled, missing, not JSON). Never throws. */
  resolveObjectEvaluation<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<T>> {
    return this.#resolve(flagKey, 'object', defaultValue, context)
  }

  async #resolve<T extends JsonValue>(
    flagKey: string,
    type: FlagValueType,
    defaultValue: T,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<T>> {
    const identity = contextToIdentity(context)
    const options = { booleanSource: this.#booleanSource, hasIdentity: identity !== null }
    try {
      const flags = identity
        ? await this.#client.getIdentityFlags(identity.identifier, identity.traits)
        : await this.#client.getEnvironmentFlags()
      const all = flags.toFlagMap()
      const flag = Object.hasOwn(all, flagKey) ? all[flagKey] : undefined
      // Reading through `getFlag` counts the evaluation for Flagsmith analytics when the client has them on.
      if (flag) flags.getFlag(flagKey)
      else if (flags.defaultFlagHandler) {
        // The application asked node-sdk to supply missing (or unfetchable) flags; honour its answer over the
        // caller's default, as the node-sdk API would.
        return resolveFlag(flagKey, flags.getFlag(flagKey), type, defaultValue, { ...options, source: 'default' })
      }
      return resolveFlag(flagKey, flag, type, defaultValue, options)
    } catch (error) {
      // No flags at all (the API failed and nothing is cached), or a user `cache` that returned something else
      // than node-sdk `Flags`.
      return { value: defaultValue, reason: 'ERROR', errorCode: ErrorCode.GENERAL, errorMessage: messageOf(error) }
    }
  }

  #onClientEvent(event: FlagsmithEvent): void {
    if (event.type === 'change') {
      // A new document means the client reached the API again.
      this.#relay.recovered()
      this.#relay.changed(event.flagsChanged)
    } else if (event.type === 'stale') this.#relay.stale(event.error)
    else this.#relay.recovered()
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
