import { isRetryableStatus, parseRealtimeEvent } from '@vexil/core-engine'
import { EventSource, type FetchLike } from 'eventsource'
import { computeBackoff } from './backoff'
import type { Logger } from './logger'

/** Options of {@link RealtimeStream}. */
export interface RealtimeStreamOptions {
  /** `<realtimeUrl>sse/environments/<client-side key>/stream`. */
  url: string
  fetch?: FetchLike | undefined
  logger: Logger
  random?: (() => number) | undefined
  /** An `environment_updated` event arrived; `undefined` when its data could not be read (refetch anyway). */
  onUpdate: (updatedAt: number | undefined) => void
  /** The stream is open again after a drop: events may have been missed meanwhile. */
  onReconnect: () => void
  /** @defaultValue 1000 */
  reconnectBaseMs?: number
  /** @defaultValue 30000 */
  reconnectMaxMs?: number
}

/**
 * Listens to Flagsmith's realtime stream (server-sent events) and reports `environment_updated` events. When the
 * stream drops or cannot connect, it reconnects with exponential backoff and full jitter instead of the fixed delay
 * of `EventSource`, so a fleet of servers does not reconnect in lockstep. When the server refuses the stream with a
 * status that is not retryable (`isRetryableStatus`), it logs one error and does not reconnect. Never throws.
 */
export class RealtimeStream {
  #options: RealtimeStreamOptions
  #source: EventSource | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #failures = 0
  #dropped = false
  #closed = false

  constructor(options: RealtimeStreamOptions) {
    this.#options = options
  }

  /** Opens the stream. */
  start(): void {
    if (this.#closed || this.#source) return
    const source = new EventSource(this.#options.url, this.#options.fetch ? { fetch: this.#options.fetch } : {})
    this.#source = source
    source.addEventListener('open', () => {
      this.#failures = 0
      if (this.#dropped) {
        this.#dropped = false
        this.#options.logger.info('Realtime stream reconnected')
        this.#options.onReconnect()
      }
    })
    source.addEventListener('environment_updated', (event) => {
      this.#options.onUpdate(parseRealtimeEvent(String(event.data)))
    })
    source.addEventListener('error', (event) => {
      if (this.#source !== source) return
      source.close()
      this.#source = undefined
      // A refused key (401/403) or a wrong realtimeUrl (404) would be refused again on every reconnect.
      if (event.code !== undefined && !isRetryableStatus(event.code)) {
        this.#options.logger.error(
          `Realtime updates refused with status ${event.code}; not reconnecting (check the key and realtimeUrl). ` +
            'The flags held keep serving and update as without realtime: by polling in local evaluation, by ' +
            'requests to the API in remote evaluation',
        )
        return
      }
      this.#dropped = true
      this.#scheduleReconnect(event.message ?? (event.code ? `status ${event.code}` : 'connection lost'))
    })
  }

  /** Closes the stream and cancels any reconnect. Idempotent. */
  close(): void {
    this.#closed = true
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#source?.close()
    this.#source = undefined
  }

  #scheduleReconnect(reason: string): void {
    if (this.#closed) return
    const { reconnectBaseMs = 1000, reconnectMaxMs = 30_000, random } = this.#options
    const delay = computeBackoff(this.#failures++, { baseMs: reconnectBaseMs, maxMs: reconnectMaxMs, random })
    // Only repeated failures are worth a warning: a single drop is routine for long-lived streams.
    const level = this.#failures >= 3 ? 'warn' : 'debug'
    this.#options.logger[level](`Realtime stream error (${reason}); reconnecting in ${delay} ms`)
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.start()
    }, delay)
    this.#timer.unref?.()
  }
}
