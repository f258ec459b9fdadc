import type { FlagsSnapshot, FlagValue, TraitInput } from '@vexil/core-engine'

/** The subset of the Web Storage API a client needs; `localStorage` fits, and so does an in-memory map. */
export interface FlagStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** Where a client reports problems it recovered from. */
export interface Logger {
  warn(message: string, ...details: unknown[]): void
}

/** The subset of `EventSource` a client needs. */
export interface EventSourceLike {
  readonly readyState: number
  onerror: ((event: Event) => void) | null
  onopen: ((event: Event) => void) | null
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void
  close(): void
}

/** A flag served until real flags arrive, or when they cannot be fetched. */
export interface DefaultFlag {
  enabled: boolean
  value?: FlagValue
}

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** The client-side environment key. Server-side keys (`ser.…`) are refused. */
  environmentKey: string
  /**
   * Flagsmith's API or an edge proxy.
   * @defaultValue `'https://edge.api.flagsmith.com/api/v1/'`
   */
  apiUrl?: string
  /** The identity to evaluate flags for from the start; anonymous without it. */
  identity?: string
  /** Traits of {@link ClientOptions.identity}. */
  traits?: Record<string, TraitInput>
  /**
   * Refetch when the environment changes, over server-sent events; paused while the page is hidden.
   * @defaultValue `false`
   */
  realtime?: boolean
  /** @defaultValue `'https://realtime.flagsmith.com/'` */
  realtimeUrl?: string
  /** Refetch every so many milliseconds while the page is visible; off by default. */
  pollingIntervalMs?: number
  /**
   * Abort a request after this many milliseconds.
   * @defaultValue `10_000`
   */
  requestTimeoutMs?: number
  /**
   * Keeps the last flags per environment and identity, served at once on the next visit while fresh ones load.
   * `false` disables it.
   * @defaultValue `localStorage` when available
   */
  storage?: FlagStorage | false
  /** Flags from a server render (`getSnapshot()` of another client, or node-sdk's), served without a request. */
  bootstrap?: FlagsSnapshot
  /**
   * A bootstrap older than this is served at once but revalidated with a request.
   * @defaultValue `60_000`
   */
  bootstrapMaxAgeMs?: number
  /** Flags served until real flags arrive, or when they cannot be fetched and nothing is cached. */
  defaultFlags?: Record<string, DefaultFlag>
  /**
   * Posts evaluation counts to `analytics/flags/` every 10 seconds, when the page is hidden, and on close.
   * @defaultValue `false`
   */
  enableAnalytics?: boolean
  /**
   * Start no I/O (storage, requests, timers, streams) until the first `subscribe`, `ready`, `identify`,
   * `setTraits` or `logout`. For clients created during a render; the React provider sets it.
   * @defaultValue `false`
   */
  lazy?: boolean
  /** @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch
  /** @defaultValue `globalThis.EventSource` */
  EventSource?: new (
    url: string,
  ) => EventSourceLike
  /** @defaultValue `console` */
  logger?: Logger
}
