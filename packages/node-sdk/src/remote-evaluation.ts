import {
  type CompiledEnvironment,
  type FlagMap,
  mergeFlags,
  type Result,
  type TraitInput,
  VexilError,
} from '@vexil/core-engine'
import type { ClientHealth } from './client-health'
import type { RemoteFlags } from './remote-flags'
import { toTraitValues } from './trait-values'

/**
 * Remote evaluation as the client serves it: the API's answer, else the cached one, else the offline document's
 * evaluation. Reports every answer to the client's health, and turns successive environment flags into `change`
 * events, since remote mode has no document to compare. Never throws.
 */
export class RemoteEvaluation {
  #remote: RemoteFlags
  #health: ClientHealth
  #offline: CompiledEnvironment | undefined
  #environmentFlags: FlagMap | undefined

  constructor(options: { remote: RemoteFlags; health: ClientHealth; offline: CompiledEnvironment | undefined }) {
    this.#remote = options.remote
    this.#health = options.health
    this.#offline = options.offline
  }

  /** An identity's flags, or the environment's when `identifier` is `undefined`. Never rejects. */
  async evaluate(
    identifier: string | undefined,
    traits: Record<string, TraitInput>,
    transient: boolean,
  ): Promise<Result<FlagMap>> {
    // During an outage each request is tried once, so reads fall back at once instead of each waiting out the
    // retries; the first success restores them.
    const options = this.#health.isFailing ? { retries: 0 } : {}
    const outcome =
      identifier === undefined
        ? await this.#remote.getEnvironmentFlags(options)
        : await this.#remote.getIdentityFlags(identifier, traits, transient, options)
    if (outcome.error) this.#health.fail(outcome.error)
    else this.#health.succeed()
    if (identifier === undefined && outcome.flags && !outcome.error) this.#noteEnvironmentFlags(outcome.flags)
    if (outcome.flags) return { ok: true, value: outcome.flags }
    const offline = this.#offline
    if (!offline) return { ok: false, error: outcome.error }
    const result =
      identifier === undefined
        ? offline.getEnvironmentFlags()
        : offline.getIdentityFlags(identifier, toTraitValues(traits))
    return { ok: true, value: result.flags }
  }

  /** Forgets cached answers and refetches the environment flags; resolves `true` when the API answered. */
  async refetch(): Promise<boolean> {
    this.clear()
    const outcome = await this.#remote.getEnvironmentFlags()
    if (!outcome.flags || outcome.error) {
      this.#health.fail(outcome.error ?? new VexilError('INVALID_RESPONSE', 'No flags in the answer'))
      return false
    }
    this.#health.succeed()
    this.#noteEnvironmentFlags(outcome.flags)
    return true
  }

  /** Forgets cached answers. */
  clear(): void {
    this.#remote.clear()
  }

  #noteEnvironmentFlags(flags: FlagMap): void {
    const previous = this.#environmentFlags
    this.#environmentFlags = flags
    if (!previous) return
    const { changed } = mergeFlags(previous, flags)
    if (changed.length > 0) this.#health.emit({ type: 'change', flagsChanged: changed })
  }
}
