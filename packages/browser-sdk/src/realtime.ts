import { parseRealtimeEvent } from '@vexil/core-engine'
import type { EventSourceLike } from './client-options'

/** @internal A realtime stream that can be paused (closed) and resumed (opened) any number of times. */
export interface Realtime {
  open(): void
  close(): void
}

const CLOSED = 2

/**
 * @internal Listens to `environment_updated` events and calls `onUpdate` with their `updated_at` (epoch seconds),
 * or with `undefined` when it may have missed events (unreadable data, a reconnect) and the caller should refetch.
 */
export function createRealtime(options: {
  url: string
  EventSource: new (url: string) => EventSourceLike
  onUpdate: (updatedAt: number | undefined) => void
}): Realtime {
  let source: EventSourceLike | undefined
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let failures = 0
  let hasOpened = false

  const stop = () => {
    clearTimeout(retryTimer)
    source?.close()
    source = undefined
  }
  const open = () => {
    if (source) return
    const stream = new options.EventSource(options.url)
    source = stream
    stream.addEventListener('environment_updated', (event) => options.onUpdate(parseRealtimeEvent(event.data)))
    stream.onopen = () => {
      failures = 0
      // Events sent while the stream was down are lost: catch up once it is back.
      if (hasOpened) options.onUpdate(undefined)
      hasOpened = true
    }
    stream.onerror = () => {
      // EventSource reconnects by itself, except when the server refused the stream: then back off and reopen.
      if (stream.readyState !== CLOSED || source !== stream) return
      stop()
      retryTimer = setTimeout(open, Math.min(1000 * 2 ** failures++, 60_000))
    }
  }

  return {
    open,
    close() {
      stop()
      // A deliberate pause is not a drop: whoever resumes decides whether to catch up.
      hasOpened = false
    },
  }
}
