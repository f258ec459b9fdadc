/** The OpenFeature provider events a Vexil provider emits itself (the SDK emits the rest around `initialize`). */
export type RelayedEvent = 'PROVIDER_READY' | 'PROVIDER_STALE' | 'PROVIDER_CONFIGURATION_CHANGED'

/** Details of a relayed event, in OpenFeature's event-details shape (a type alias, so it fits `Record<string, unknown>`). */
export type RelayedEventDetails = {
  message?: string
  flagsChanged?: string[]
}

/** Where a provider is in its life, as far as events go. */
export type RelayState = 'not-ready' | 'ready' | 'stale' | 'error' | 'fatal'

/**
 * Turns what an SDK client reports (new flags, failed refreshes, recovery) into OpenFeature provider events,
 * emitting each state change once. The OpenFeature SDK tracks the provider's status from these events (spec 5.3.5),
 * so a duplicate `PROVIDER_READY` or a `PROVIDER_STALE` before initialisation would mislead it.
 * @internal
 */
export class ProviderEventRelay {
  #state: RelayState = 'not-ready'
  readonly #emit: (event: RelayedEvent, details: RelayedEventDetails) => void

  constructor(emit: (event: RelayedEvent, details: RelayedEventDetails) => void) {
    this.#emit = emit
  }

  /** The current state. */
  get state(): RelayState {
    return this.#state
  }

  /** `initialize` succeeded; the OpenFeature SDK emits `PROVIDER_READY` itself. */
  initialized(): void {
    if (this.#state !== 'fatal') this.#state = 'ready'
  }

  /** `initialize` failed; the OpenFeature SDK emits `PROVIDER_ERROR` itself. */
  initializeFailed(options: { isFatal: boolean }): void {
    this.#state = options.isFatal ? 'fatal' : 'error'
  }

  /** The provider was closed and may be initialised again (spec 2.5.2). */
  closed(): void {
    this.#state = 'not-ready'
  }

  /** Flags changed: announces `flagsChanged` once the provider has been initialised. */
  changed(flagsChanged: readonly string[]): void {
    if (this.#state === 'not-ready' || this.#state === 'fatal') return
    if (flagsChanged.length > 0) this.#emit('PROVIDER_CONFIGURATION_CHANGED', { flagsChanged: [...flagsChanged] })
  }

  /** A refresh failed while the provider was serving flags: they may be out of date. */
  stale(error: unknown): void {
    if (this.#state !== 'ready') return
    this.#state = 'stale'
    const message = error instanceof Error ? error.message : 'flags could not be refreshed'
    this.#emit('PROVIDER_STALE', { message })
  }

  /** A request succeeded after failures (or after `initialize` failed): the provider is ready again. */
  recovered(): void {
    if (this.#state !== 'stale' && this.#state !== 'error') return
    this.#state = 'ready'
    this.#emit('PROVIDER_READY', {})
  }
}
