import { isRejectedKeyError, type VexilError } from '@vexil/core-engine'
import type { FlagsmithEvent, FlagsmithListener } from './flagsmith-event'
import type { Logger } from './logger'
import { Readiness } from './readiness'

/**
 * The client's view of its data source: readiness for `ready()`, the `stale`/`recovered` transitions for
 * `subscribe()` listeners, and log lines that say once that the source is failing rather than on every retry.
 * Never throws; a throwing listener is logged and ignored.
 */
export class ClientHealth {
  readonly readiness = new Readiness()
  #listeners = new Set<FlagsmithListener>()
  #logger: Logger
  #failing = false

  constructor(logger: Logger) {
    this.#logger = logger
  }

  /** Whether the last answer of the source was a failure. */
  get isFailing(): boolean {
    return this.#failing
  }

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: FlagsmithListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  /** Tells every listener. */
  emit(event: FlagsmithEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch (cause) {
        this.#logger.error('A subscribe() listener threw', cause)
      }
    }
  }

  /** The source answered: the client is ready, and recovered if it was failing. */
  succeed(): void {
    this.readiness.markReady()
    if (!this.#failing) return
    this.#failing = false
    this.#logger.info('The Flagsmith API answers again')
    this.emit({ type: 'recovered' })
  }

  /**
   * The source failed. The first failure of a streak is a warning (and `stale` when there was data); a rejected
   * key also fails `ready()` at once, since no retry will fix it.
   */
  fail(error: VexilError): void {
    if (error.code === 'CLOSED') return
    if (isRejectedKeyError(error)) this.readiness.markFatal(error)
    if (this.#failing) {
      this.#logger.debug(error.message)
      return
    }
    this.#failing = true
    const serving = this.readiness.isReady ? 'the last good flags keep serving' : 'no flags yet'
    this.#logger.warn(`${error.message}; ${serving}, retrying`)
    if (this.readiness.isReady) this.emit({ type: 'stale', error })
  }

  /** Settles pending `ready()` calls and drops listeners. */
  close(): void {
    this.readiness.close()
    this.#listeners.clear()
  }
}
