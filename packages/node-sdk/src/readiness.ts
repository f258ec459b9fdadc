import { FlagsmithClientError } from './errors'

type Waiter = { resolve: () => void; reject: (error: Error) => void }

/**
 * Tracks whether the client can serve data, for `ready()`: pending until {@link Readiness.markReady}; a fatal
 * error (e.g. 401) rejects current and later waits until data arrives after all. Every wait settles: on data,
 * on a fatal error, on close, or at its timeout. That timer is deliberately not `unref()`ed:
 * a caller awaiting `ready()` must get an answer before the process may exit.
 */
export class Readiness {
  #ready = false
  #fatal: Error | undefined
  #closed = false
  #waiters = new Set<Waiter>()

  /** Whether data is available. */
  get isReady(): boolean {
    return this.#ready
  }

  /** Data is available: every wait resolves. */
  markReady(): void {
    this.#ready = true
    this.#fatal = undefined
    for (const waiter of this.#waiters) waiter.resolve()
  }

  /** A failure no retry will fix (bad key): waits reject with it until data arrives. */
  markFatal(error: Error): void {
    if (this.#ready) return
    this.#fatal = error
    for (const waiter of this.#waiters) waiter.reject(error)
  }

  /** The client closed: waits reject. */
  close(): void {
    this.#closed = true
    const error = new FlagsmithClientError('CLOSED', 'The Flagsmith client was closed before it was ready')
    for (const waiter of this.#waiters) waiter.reject(error)
  }

  /** Resolves when ready; rejects on a fatal error, on close or after `timeoutMs`. */
  wait(timeoutMs: number): Promise<void> {
    if (this.#ready) return Promise.resolve()
    if (this.#closed) return Promise.reject(new FlagsmithClientError('CLOSED', 'The Flagsmith client was closed'))
    if (this.#fatal) return Promise.reject(this.#fatal)
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: () => settle(() => resolve()),
        reject: (error) => settle(() => reject(error)),
      }
      const settle = (action: () => void) => {
        clearTimeout(timer)
        this.#waiters.delete(waiter)
        action()
      }
      const timer = setTimeout(() => {
        waiter.reject(
          new FlagsmithClientError('NOT_READY', `The Flagsmith client was not ready within ${timeoutMs} ms`),
        )
      }, timeoutMs)
      this.#waiters.add(waiter)
    })
  }
}
