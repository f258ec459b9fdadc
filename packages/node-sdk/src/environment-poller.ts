import {
  type CompiledEnvironment,
  compileEnvironment,
  type EnvironmentDocument,
  isRetryableError,
  type Result,
  VexilError,
} from '@vexil/core-engine'
import { computeBackoff } from './backoff'
import { changedFeatures } from './changed-features'
import { type FeatureFingerprints, featureFingerprints } from './feature-fingerprints'
import { fetchEnvironmentDocument } from './fetch-environment-document'
import type { HttpClient } from './http-client'
import type { Logger } from './logger'
import type { OfflineEnvironment } from './offline-environment'

/** Options of {@link EnvironmentPoller}. */
export interface EnvironmentPollerOptions {
  http: HttpClient
  /** The `environment-document/` URL. */
  documentUrl: string
  refreshIntervalMs: number
  logger: Logger
  random?: (() => number) | undefined
  /** Served until the API delivers a document; its fingerprints tell which flags the API's first one changes. */
  initial?: OfflineEnvironment | undefined
  /** A new document was compiled and is now served; `changed` names features whose evaluation may differ. */
  onInstall: (environment: CompiledEnvironment, changed: string[]) => void
  /** A fetch succeeded, whether or not it brought a new document. */
  onSuccess: () => void
  /** A refresh failed or delivered an invalid document; the previous document keeps serving. */
  onFailure: (error: VexilError) => void
}

/**
 * Holds the compiled environment for local evaluation: fetches the document at once, then every refresh interval
 * (sooner, with backoff, while it has none), compiles each new document once, and keeps the last good one when a
 * fetch fails or a document is invalid. A request the API refused (a 4xx other than 408 and 429, e.g. 401/403 for
 * a rejected key) is not retried sooner: polling goes on at the refresh interval, so a key that becomes valid
 * again is picked up without hammering the API meanwhile. Its timer is `unref()`ed. Never throws.
 */
export class EnvironmentPoller {
  #options: EnvironmentPollerOptions
  #environment: CompiledEnvironment | undefined
  // Change detection keeps these prints rather than the served document, which would double the retained heap.
  #fingerprints: FeatureFingerprints | undefined
  #fromApi = false
  #etag: string | undefined
  #inFlight: Promise<Result<CompiledEnvironment>> | undefined
  #queued: Promise<Result<CompiledEnvironment>> | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #failures = 0
  #isLastFailureRetryable = true
  #stopped = false
  #lastRejection: string | undefined

  constructor(options: EnvironmentPollerOptions) {
    this.#options = options
    this.#environment = options.initial?.environment
    this.#fingerprints = options.initial?.fingerprints
  }

  /** The compiled environment currently served, if any. */
  get environment(): CompiledEnvironment | undefined {
    return this.#environment
  }

  /** The fetch in flight, if any, so a read can wait for it without starting another. */
  get pending(): Promise<Result<CompiledEnvironment>> | undefined {
    return this.#inFlight
  }

  /** Starts fetching now and polling after. */
  start(): void {
    void this.#poll()
  }

  /**
   * Fetches the document now, sharing a fetch already in flight, or with `fresh` queueing one fetch to start after
   * it (a realtime event must not be answered by a fetch that began before the change). Resolves with the
   * environment served afterwards, or the error when the fetch failed; never rejects.
   */
  refresh(options: { fresh?: boolean } = {}): Promise<Result<CompiledEnvironment>> {
    if (this.#stopped) return Promise.resolve({ ok: false, error: new VexilError('CLOSED', 'The client was closed') })
    if (!this.#inFlight) {
      this.#inFlight = this.#fetch().finally(() => {
        this.#inFlight = undefined
      })
      return this.#inFlight
    }
    if (!options.fresh) return this.#inFlight
    this.#queued ??= this.#inFlight.then(() => {
      this.#queued = undefined
      return this.refresh()
    })
    return this.#queued
  }

  /** Stops polling. Idempotent; a fetch in flight is aborted by closing the HTTP client. */
  stop(): void {
    this.#stopped = true
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  async #poll(): Promise<void> {
    await this.refresh()
    if (this.#stopped) return
    const { refreshIntervalMs, random } = this.#options
    // Until the API has delivered a document, retry sooner than the interval so a cold start recovers quickly; but
    // not a refused request, which the same burst would only repeat.
    const delay =
      this.#failures > 0 && !this.#fromApi && this.#isLastFailureRetryable
        ? computeBackoff(this.#failures - 1, { baseMs: 1000, maxMs: refreshIntervalMs, random })
        : refreshIntervalMs
    this.#timer = setTimeout(() => void this.#poll(), Math.max(delay, 100))
    this.#timer.unref?.()
  }

  async #fetch(): Promise<Result<CompiledEnvironment>> {
    const { http, documentUrl, refreshIntervalMs, logger } = this.#options
    const fetched = await fetchEnvironmentDocument({
      http,
      url: documentUrl,
      etag: this.#etag,
      refreshIntervalMs,
      logger,
    })
    if (this.#stopped) return { ok: false, error: new VexilError('CLOSED', 'The client was closed') }
    if (!fetched.ok) return this.#fail(fetched.error)
    if (fetched.value.status === 'not-modified') return this.#succeed(this.#environment)
    let next: CompiledEnvironment
    try {
      next = compileEnvironment(fetched.value.document)
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause)
      const error = new VexilError('INVALID_DOCUMENT', `Rejected the environment document: ${reason}`, { cause })
      // One line per distinct problem: the same bad document is served again on every poll.
      if (this.#lastRejection !== error.message) {
        this.#lastRejection = error.message
        logger.error(
          `${error.message}; ${this.#environment ? 'the last good document keeps serving' : 'no document to serve yet'}`,
        )
      }
      return this.#fail(error, false)
    }
    this.#lastRejection = undefined
    this.#etag = fetched.value.etag
    const previous = this.#fingerprints
    // compileEnvironment has validated it.
    const fingerprints = featureFingerprints(fetched.value.document as EnvironmentDocument)
    this.#environment = next
    this.#fingerprints = fingerprints
    this.#fromApi = true
    this.#failures = 0
    this.#options.onInstall(next, changedFeatures(previous, fingerprints))
    this.#options.onSuccess()
    return { ok: true, value: next }
  }

  #succeed(environment: CompiledEnvironment | undefined): Result<CompiledEnvironment> {
    this.#failures = 0
    this.#options.onSuccess()
    if (environment) return { ok: true, value: environment }
    return { ok: false, error: new VexilError('NOT_READY', 'No environment document yet') }
  }

  #fail(error: VexilError, log = true): Result<CompiledEnvironment> {
    this.#failures++
    this.#isLastFailureRetryable = isRetryableError(error)
    if (log) this.#options.logger.debug(`Environment refresh failed: ${error.message}`)
    this.#options.onFailure(error)
    return { ok: false, error }
  }
}
