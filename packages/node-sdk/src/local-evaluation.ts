import { type CompiledEnvironment, type FlagMap, type Result, type TraitInput, VexilError } from '@vexil/core-engine'
import { EnvironmentPoller, type EnvironmentPollerOptions } from './environment-poller'
import { toTraitValues } from './trait-values'

/** Evaluates an identity's flags, or the environment's when `identifier` is `undefined`. Never throws. */
export function evaluateFlags(
  environment: CompiledEnvironment,
  identifier: string | undefined,
  traits: Record<string, TraitInput>,
): FlagMap {
  if (identifier === undefined) return environment.getEnvironmentFlags().flags
  return environment.getIdentityFlags(identifier, toTraitValues(traits)).flags
}

/**
 * Local and offline evaluation: serves the compiled environment held (from the poller, or the offline document),
 * and lets async reads made before the first document wait for the first fetch, as the official SDK does.
 * Never throws.
 */
export class LocalEvaluation {
  #current: () => CompiledEnvironment | undefined
  #poller: EnvironmentPoller | undefined
  #firstFetch: Promise<Result<CompiledEnvironment>> | undefined

  constructor(options: { environment: () => CompiledEnvironment | undefined; poller?: EnvironmentPoller }) {
    this.#current = options.environment
    this.#poller = options.poller
  }

  /** Evaluates the offline document only. */
  static offline(environment: CompiledEnvironment): LocalEvaluation {
    return new LocalEvaluation({ environment: () => environment })
  }

  /**
   * Evaluates the API's document, polled from now on; `initial` (an offline document) serves until it arrives.
   * `onInstall` hears of every new document except the first one from an empty start, which changes nothing anyone
   * has read.
   */
  static poll(options: EnvironmentPollerOptions): LocalEvaluation {
    let hasDocument = options.initial !== undefined
    const poller = new EnvironmentPoller({
      ...options,
      onInstall: (environment, changed) => {
        const isFirst = !hasDocument
        hasDocument = true
        options.onInstall(environment, isFirst ? [] : changed)
      },
    })
    poller.start()
    return new LocalEvaluation({ environment: () => poller.environment, poller })
  }

  /** The compiled environment held now, if any. */
  current(): CompiledEnvironment | undefined {
    return this.#current()
  }

  /**
   * The compiled environment. Without one yet, it waits for the first fetch only: once that failed, reads fall back
   * at once while the poller retries in the background, instead of each read waiting out a full retry cycle.
   * Never rejects.
   */
  async environment(): Promise<Result<CompiledEnvironment>> {
    const held = this.#current()
    if (held) return { ok: true, value: held }
    if (!this.#poller) return { ok: false, error: new VexilError('NOT_READY', 'No environment document to evaluate') }
    this.#firstFetch ??= this.#poller.pending ?? this.#poller.refresh()
    const fetched = await this.#firstFetch
    const after = this.#current()
    return after ? { ok: true, value: after } : fetched
  }

  /** Evaluates once a document is available. Never rejects. */
  async evaluate(identifier: string | undefined, traits: Record<string, TraitInput>): Promise<Result<FlagMap>> {
    const environment = await this.environment()
    return environment.ok ? { ok: true, value: evaluateFlags(environment.value, identifier, traits) } : environment
  }

  /** Evaluates with the document held now; `undefined` before the first one. */
  evaluateSync(identifier: string | undefined, traits: Record<string, TraitInput>): FlagMap | undefined {
    const environment = this.#current()
    return environment && evaluateFlags(environment, identifier, traits)
  }

  /** Refetches the document, after any fetch in flight. Resolves with the outcome; never rejects. */
  refresh(): Promise<Result<CompiledEnvironment>> {
    if (!this.#poller)
      return Promise.resolve({ ok: false, error: new VexilError('NOT_READY', 'Offline mode does not fetch') })
    return this.#poller.refresh({ fresh: true })
  }

  /** Stops polling. Idempotent. */
  stop(): void {
    this.#poller?.stop()
  }
}
