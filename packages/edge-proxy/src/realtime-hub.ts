import type { ServerResponse } from 'node:http'

// A client that stops reading would otherwise make the proxy buffer events for it forever.
const MAX_BUFFERED_BYTES = 64 * 1024

/** Options of {@link RealtimeHub}. */
export interface RealtimeHubOptions {
  /** Interval of the comment lines that keep idle connections (and the proxies in between) open. */
  heartbeatIntervalMs: number
}

/**
 * The open realtime streams: pushes `environment_updated` events in Flagsmith's format to every client whenever the
 * served document changes, and heartbeats in between. Writing never throws; a broken or stalled client is dropped.
 */
export class RealtimeHub {
  #clients = new Set<ServerResponse>()
  #heartbeat: NodeJS.Timeout

  constructor(options: RealtimeHubOptions) {
    this.#heartbeat = setInterval(() => this.#writeAll(': heartbeat\n\n'), options.heartbeatIntervalMs)
    this.#heartbeat.unref()
  }

  /** How many streams are open. */
  get size(): number {
    return this.#clients.size
  }

  /**
   * Turns `res` into an event stream and sends the current `updated_at` first, so a client that reconnects learns at
   * once whether it missed a change while it was away.
   */
  add(res: ServerResponse, updatedAt: number): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // Stops nginx-style reverse proxies from buffering the stream.
      'X-Accel-Buffering': 'no',
    })
    res.socket?.setNoDelay(true)
    this.#clients.add(res)
    res.on('close', () => this.#clients.delete(res))
    res.on('error', () => this.#clients.delete(res))
    this.#write(res, formatEvent(updatedAt))
  }

  /** Sends an `environment_updated` event with `updatedAt` (epoch seconds) to every client. */
  broadcast(updatedAt: number): void {
    this.#writeAll(formatEvent(updatedAt))
  }

  /** Ends every stream and stops the heartbeat. Idempotent. */
  close(): void {
    clearInterval(this.#heartbeat)
    for (const res of this.#clients) res.end()
    this.#clients.clear()
  }

  #writeAll(chunk: string): void {
    for (const res of this.#clients) this.#write(res, chunk)
  }

  #write(res: ServerResponse, chunk: string): void {
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      this.#clients.delete(res)
      res.destroy()
      return
    }
    res.write(chunk)
  }
}

function formatEvent(updatedAt: number): string {
  return `event: environment_updated\ndata: ${JSON.stringify({ updated_at: updatedAt })}\n\n`
}
