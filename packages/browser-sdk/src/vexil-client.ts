import type { Flag, FlagMap, FlagsSnapshot, FlagValue, TraitInput, Traits, VexilError } from '@vexil/core-engine'
import type { ValueOf } from './flag-value'

/**
 * Where the flags a client serves came from: the API, storage, a server render, the `defaultFlags`, or an
 * environment document evaluated in the page (`@vexil/browser-sdk/local`).
 */
export type FlagsSource = 'server' | 'cache' | 'bootstrap' | 'default' | 'local'

/** What a client is doing; the same object is returned while nothing changes. */
export interface ClientStatus {
  /** The current context has no flags of its own yet (from server, cache or bootstrap) and a request is due. */
  isLoading: boolean
  /** A request is in flight. */
  isFetching: boolean
  /** The error of the last request, cleared by the next success; its `status` is the HTTP status, if one arrived. */
  error: VexilError | null
  source: FlagsSource
}

/** The flags and status a client starts with before any storage or network I/O. */
export interface ClientState {
  flags: FlagMap
  status: ClientStatus
}

/** The identity flags are evaluated for; `null` for anonymous (environment) flags. */
export type ClientContext = { identifier: string; traits: Traits } | null

/** Called after flags or status change, with the names of changed flags (empty when only the status changed). */
export type FlagsListener = (changed: readonly string[]) => void

/**
 * A feature flag client. Reads are synchronous and never throw; context changes are race-free: the latest
 * change always wins.
 */
export interface VexilClient {
  /** Whether the flag is enabled; `false` while the flag is unknown. */
  isEnabled(name: string): boolean
  /**
   * The flag's value, or `fallback` while the flag is unknown, has no value (`null`) or a value of another type than
   * `fallback` (a `null` fallback accepts any type).
   */
  getValue<T extends FlagValue>(name: string, fallback: T): ValueOf<T>
  /** The flag, or `undefined` while unknown. An unchanged flag keeps its object identity across updates. */
  getFlag(name: string): Flag | undefined
  /** All flags; the same object until a flag changes. */
  getAllFlags(): FlagMap
  /**
   * Switches to an identity and fetches its flags (cached flags of that identity are served at once). Traits of
   * the same identifier are merged. Resolves with the flags served once the change settles; never rejects: a
   * failure keeps cached or default flags and sets `getStatus().error`, and a call superseded by a later change
   * resolves with the later change's flags.
   * @throws VexilError `INVALID_OPTIONS` when `identifier` is empty.
   */
  identify(identifier: string, traits?: Record<string, TraitInput>): Promise<FlagMap>
  /**
   * Merges traits into the current identity and refetches its flags; settles like {@link VexilClient.identify}.
   * @throws VexilError `INVALID_OPTIONS` without an identity.
   */
  setTraits(traits: Record<string, TraitInput>): Promise<FlagMap>
  /** Returns to anonymous flags; settles like {@link VexilClient.identify}. */
  logout(): Promise<FlagMap>
  /** The current identity and its trait values (the same object while unchanged), or `null`. */
  getContext(): ClientContext
  /** What the client is doing; the same object while unchanged. */
  getStatus(): ClientStatus
  /**
   * What the client served before any storage or network I/O (the bootstrap, else the default flags): what a
   * server rendered, so React uses it to hydrate without a mismatch. Always the same object.
   */
  getInitialState(): ClientState
  /** Registers a listener; returns its unsubscribe function. Bound and stable, for `useSyncExternalStore`. */
  subscribe: (listener: FlagsListener) => () => void
  /**
   * Resolves once the current context has flags from the server, cache or bootstrap. Rejects with the request's
   * error when it failed with nothing else to serve, with `TIMEOUT` after `timeoutMs`, with `CLOSED` after close.
   */
  ready(options?: { timeoutMs?: number }): Promise<void>
  /** The served flags with their context, serialisable as JSON: pass it as another client's `bootstrap`. */
  getSnapshot(): FlagsSnapshot
  /** Releases timers, streams, listeners and flushes analytics. Reads keep serving the last flags. Idempotent. */
  close(): void
}
