import type { Logger } from './client-options'

/** @internal Evaluation counts waiting to be posted to `analytics/flags/`. */
export interface Analytics {
  track(name: string): void
  /** Posts the counts since the last flush, if any; failures are logged and the counts dropped. */
  flush(): void
}

/** @internal Creates an analytics batch posting with `fetch` to `url`. */
export function createAnalytics(options: {
  fetch: typeof fetch
  url: string
  environmentKey: string
  logger: Logger
}): Analytics {
  let counts: Record<string, number> = Object.create(null)
  let isEmpty = true
  const warn = (error: unknown) => options.logger.warn('vexil: cannot post analytics', error)

  return {
    track(name) {
      counts[name] = (counts[name] ?? 0) + 1
      isEmpty = false
    },
    flush() {
      if (isEmpty) return
      const body = JSON.stringify(counts)
      counts = Object.create(null)
      isEmpty = true
      try {
        // keepalive lets the last batch leave while the page unloads.
        options
          .fetch(options.url, {
            method: 'POST',
            headers: { 'X-Environment-Key': options.environmentKey, 'Content-Type': 'application/json' },
            body,
            keepalive: true,
          })
          .then(undefined, warn)
      } catch (error) {
        warn(error)
      }
    },
  }
}
