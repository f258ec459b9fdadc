import type { FetchLike } from 'eventsource'
import type { Logger } from './logger'
import { RealtimeStream } from './realtime-stream'

/** Options of {@link RealtimeUpdates}. */
export interface RealtimeUpdatesOptions {
  /** `<realtimeUrl>sse/environments/<client-side key>/stream`. */
  url: string
  fetch?: FetchLike | undefined
  logger: Logger
  random?: (() => number) | undefined
  /** The `updated_at` (epoch seconds) of the data the client holds, when known. */
  heldUpdatedAt: () => number | undefined
  /** Refetches the data; resolves `true` when fresh data is held afterwards. Never rejects. */
  refetch: () => Promise<boolean>
}

/**
 * Turns the realtime stream into refetches: only events newer than the data held (or unreadable ones, as the
 * protocol asks), and once after every reconnect, since events may have been missed while the stream was down.
 * Timestamps seen on one connection are forgotten on the next.
 * An event's timestamp counts as held only once its refetch succeeded, so a failed refetch is retried by the next
 * event or poll. Never throws.
 */
export class RealtimeUpdates {
  #options: RealtimeUpdatesOptions
  #stream: RealtimeStream
  #seen: number | undefined

  constructor(options: RealtimeUpdatesOptions) {
    this.#options = options
    this.#stream = new RealtimeStream({
      url: options.url,
      fetch: options.fetch,
      logger: options.logger,
      random: options.random,
      onUpdate: (updatedAt) => this.#onUpdate(updatedAt),
      onReconnect: () => {
        // The server behind the stream may have restarted, and timestamps it makes up for documents whose own
        // `updated_at` did not move need not continue where the old one stopped; the document held is the reference.
        this.#seen = undefined
        void this.#refetch(undefined)
      },
    })
  }

  /** Opens the stream. */
  start(): void {
    this.#stream.start()
  }

  /** Closes the stream. Idempotent. */
  close(): void {
    this.#stream.close()
  }

  #onUpdate(updatedAt: number | undefined): void {
    if (updatedAt !== undefined) {
      const held = Math.max(
        this.#seen ?? Number.NEGATIVE_INFINITY,
        this.#options.heldUpdatedAt() ?? Number.NEGATIVE_INFINITY,
      )
      if (updatedAt <= held) return
    }
    void this.#refetch(updatedAt)
  }

  async #refetch(updatedAt: number | undefined): Promise<void> {
    this.#options.logger.debug(`Realtime: refetching (updated_at ${updatedAt ?? 'unknown'})`)
    const isFresh = await this.#options.refetch()
    if (isFresh && updatedAt !== undefined) this.#seen = Math.max(this.#seen ?? updatedAt, updatedAt)
  }
}
