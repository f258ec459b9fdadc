import type { EventDetails } from '@openfeature/core'

/** What a recorded OpenFeature event handler saw. */
export interface RecordedEvent {
  type: string
  details: EventDetails | undefined
}

/**
 * Records every event of `types` an OpenFeature client's handlers receive, in order; `next(type)` resolves with the
 * next such event (or one already recorded after `from`).
 */
export function recordEvents(client: { addHandler: (...args: never[]) => void }, types: readonly string[]) {
  const events: RecordedEvent[] = []
  const waiters: { type: string; from: number; resolve: (event: RecordedEvent) => void }[] = []
  const add = client.addHandler as (type: string, handler: (details?: EventDetails) => void) => void
  for (const type of types) {
    add.call(client, type, (details) => {
      events.push({ type, details })
      for (const waiter of [...waiters]) {
        const found = events.slice(waiter.from).find((event) => event.type === waiter.type)
        if (found) {
          waiters.splice(waiters.indexOf(waiter), 1)
          waiter.resolve(found)
        }
      }
    })
  }
  return {
    events,
    /** The types received so far, in order. */
    types: () => events.map((event) => event.type),
    /** Forgets what was recorded, so `next` waits for a new event. */
    clear: () => {
      events.length = 0
    },
    /** Resolves with the first event of `type` recorded from now on (or already recorded since the last `clear`). */
    next(type: string, timeoutMs = 5000): Promise<RecordedEvent> {
      const found = events.find((event) => event.type === type)
      if (found) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs)
        waiters.push({
          type,
          from: events.length,
          resolve: (event) => {
            clearTimeout(timer)
            resolve(event)
          },
        })
      })
    },
  }
}
