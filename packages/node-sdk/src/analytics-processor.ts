import type { FeatureTracker } from './flags'
import type { HttpClient } from './http-client'
import type { Logger } from './logger'

/** Options of {@link AnalyticsProcessor}. */
export interface AnalyticsProcessorOptions {
  http: HttpClient
  /** The `analytics/flags/` URL. */
  url: string
  logger: Logger
  /** @defaultValue 10000, as in the official SDKs */
  flushIntervalMs?: number
}

/**
 * Counts flag reads per feature name and posts them to `analytics/flags/` every flush interval and on close.
 * An empty batch is not sent; a failed post keeps its counts for the next flush. Never throws.
 */
export class AnalyticsProcessor implements FeatureTracker {
  #options: AnalyticsProcessorOptions
  #counts = new Map<string, number>()
  #timer: ReturnType<typeof setInterval> | undefined
  #inFlight: Promise<void> | undefined
  #closed = false

  constructor(options: AnalyticsProcessorOptions) {
    this.#options = options
  }

  /** Starts the flush timer (`unref()`ed: pending counts never keep the process alive). */
  start(): void {
    if (this.#timer || this.#closed) return
    this.#timer = setInterval(() => void this.flush(), this.#options.flushIntervalMs ?? 10_000)
    this.#timer.unref?.()
  }

  /** Counts one read of the feature. */
  trackFeature(featureName: string): void {
    this.#counts.set(featureName, (this.#counts.get(featureName) ?? 0) + 1)
  }

  /** The counts not yet sent, by feature name. */
  pending(): Record<string, number> {
    return Object.fromEntries(this.#counts)
  }

  /** Posts the counts gathered so far, unless there are none or a post is already in flight. Never rejects. */
  flush(): Promise<void> {
    if (this.#inFlight || this.#counts.size === 0) return this.#inFlight ?? Promise.resolve()
    const batch = this.#counts
    this.#counts = new Map()
    this.#inFlight = this.#post(batch).finally(() => {
      this.#inFlight = undefined
    })
    return this.#inFlight
  }

  /** Stops the timer and sends what is left (after a post in flight). Idempotent. */
  async close(): Promise<void> {
    clearInterval(this.#timer)
    this.#timer = undefined
    if (this.#closed) return
    this.#closed = true
    await this.#inFlight
    await this.flush()
  }

  async #post(batch: Map<string, number>): Promise<void> {
    const { http, url, logger } = this.#options
    // One retry at most: the next flush is the real retry, and close() should not wait long.
    const result = await http.request(url, {
      method: 'POST',
      body: Object.fromEntries(batch),
      retries: this.#closed ? 0 : 1,
    })
    if (result.ok) return
    for (const [name, count] of batch) this.#counts.set(name, (this.#counts.get(name) ?? 0) + count)
    logger.warn(`Could not post flag analytics (${result.error.message}); keeping the counts for the next flush`)
  }
}
