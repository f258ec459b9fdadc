import { parseRealtimeEvent } from '@vexil/core-engine'
import type { EventSourceLike } from './client-options'

/** @internal A realtime stream that can be paused (closed) and resumed (opened) any number of times. */
export interface Realtime {
  open(): void
  close(): void
}

const CLOSED = 2

/**
 * @internal Listens to `environment_updated` events and calls `onUpdate` with their `updated_at` (epoch seconds), or
 * with `undefined` when the data cannot be read; calls `onOpen` whenever the stream opens, telling whether it is a
 * reconnect (events sent while it was down are lost).
 */
export function createRealtime(options: {
  url: string
  EventSource: new (url: string) => EventSourceLike
  onUpdate: (updatedAt: number | undefined) => void
  onOpen: (isReconnect: boolean) => void
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
      options.onOpen(hasOpened)
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
