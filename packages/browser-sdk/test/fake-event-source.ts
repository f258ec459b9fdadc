import type { EventSourceLike } from '../src/client-options'

/** An EventSource the test drives: open it, send events, drop it. */
export class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = []
  readyState = 0
  isClosed = false
  onerror: ((event: Event) => void) | null = null
  onopen: ((event: Event) => void) | null = null
  readonly url: string
  readonly #listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>()

  constructor(url: string) {
    this.url = url
    FakeEventSource.instances.push(this)
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener])
  }

  close(): void {
    this.readyState = 2
    this.isClosed = true
  }

  open(): void {
    this.readyState = 1
    this.onopen?.(new Event('open'))
  }

  emit(type: string, data: string): void {
    for (const listener of this.#listeners.get(type) ?? []) listener(new MessageEvent(type, { data }))
  }

  /** The server refused or dropped the stream for good (readyState CLOSED), as on a 4xx answer. */
  refuse(): void {
    this.readyState = 2
    this.onerror?.(new Event('error'))
  }

  /** The connection dropped; a real EventSource reconnects by itself. */
  drop(): void {
    this.readyState = 0
    this.onerror?.(new Event('error'))
  }

  static get open(): FakeEventSource[] {
    return FakeEventSource.instances.filter((source) => !source.isClosed)
  }
}
