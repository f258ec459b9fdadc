import { isRetryableError, type Result } from '@vexil/core-engine'
import { Agent, type Dispatcher, fetch as undiciFetch } from 'undici'
import { computeBackoff } from './backoff'
import { FlagsmithAPIError } from './errors'
import type { Logger } from './logger'
import { parseRetryAfter } from './retry-after'
import { sleep } from './sleep'

/** The subset of a `fetch` response the client reads. */
export interface FetchResponse {
  status: number
  headers: { get(name: string): string | null }
  text(): Promise<string>
}

/** A `fetch`-compatible function (the global one, undici's, or a test double). */
export type FetchFunction = (
  url: string,
  init: {
    method: string
    headers: Record<string, string>
    body?: string
    signal: AbortSignal
    dispatcher?: Dispatcher
  },
) => Promise<FetchResponse>

/** Options of {@link HttpClient}. */
export interface HttpClientOptions {
  /** Sent with every request (environment key, user agent, custom headers). */
  headers: Record<string, string>
  /** Per attempt, covering the response body too. */
  timeoutMs: number
  /** Retries after the first attempt. */
  retries: number
  /** Ceiling of the first retry delay; later ones double (full jitter). */
  retryBaseMs: number
  /** Largest retry delay; a `Retry-After` beyond it ends the retries. */
  retryMaxMs: number
  logger: Logger
  /** When given, used instead of undici's `fetch`; the `agent` is then only passed on if given too. */
  fetch?: FetchFunction | undefined
  agent?: Dispatcher | undefined
  random?: (() => number) | undefined
}

/** One HTTP request. */
export interface HttpRequest {
  method?: 'GET' | 'POST'
  body?: unknown
  headers?: Record<string, string>
  /** Overrides {@link HttpClientOptions.retries} for this request. */
  retries?: number
}

/** A successful (2xx or 304) response; `json` is `undefined` for 304 and empty bodies. */
export interface HttpResponse {
  status: number
  headers: { get(name: string): string | null }
  json: unknown
}

type Attempt = { ok: true; response: HttpResponse } | { ok: false; error: FlagsmithAPIError; retryAfterMs?: number }

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/**
 * Sends JSON requests with per-attempt timeouts, retries with exponential backoff and full jitter, and
 * `Retry-After` on 429/503. Uses a keep-alive undici `Agent` of its own unless a `fetch` or `agent` is given.
 * Never throws: failures come back as `FlagsmithAPIError`s with a code and, for HTTP errors, the `status`.
 */
export class HttpClient {
  #options: HttpClientOptions
  #fetch: FetchFunction
  #dispatcher: Dispatcher | undefined
  #ownAgent: Agent | undefined
  #closing = new AbortController()

  constructor(options: HttpClientOptions) {
    this.#options = options
    if (options.fetch) {
      this.#fetch = options.fetch
      this.#dispatcher = options.agent
    } else {
      this.#fetch = undiciFetch as unknown as FetchFunction
      if (!options.agent) {
        // Keep-alive makes each poll or identity request reuse a warm socket instead of a new TLS handshake.
        this.#ownAgent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 })
      }
      this.#dispatcher = options.agent ?? this.#ownAgent
    }
  }

  /** Aborted when the client closes; long-lived consumers (the realtime stream) listen to it too. */
  get closeSignal(): AbortSignal {
    return this.#closing.signal
  }

  /** A `fetch` that goes through the same dispatcher, for the realtime stream. */
  get fetch(): FetchFunction {
    return (url, init) => this.#fetch(url, { ...init, ...(this.#dispatcher ? { dispatcher: this.#dispatcher } : {}) })
  }

  /**
   * Sends a request, retrying failures core-engine's `isRetryableError` deems transient (network errors, timeouts,
   * 408, 429, 5xx). Resolves with a `Result`; never rejects.
   */
  async request(url: string, request: HttpRequest = {}): Promise<Result<HttpResponse>> {
    const retries = request.retries ?? this.#options.retries
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#attempt(url, request)
      if (outcome.ok) return { ok: true, value: outcome.response }
      const { error } = outcome
      const retryable = error.code !== 'INVALID_RESPONSE' && error.code !== 'CLOSED' && isRetryableError(error)
      if (!retryable || attempt >= retries) return { ok: false, error }
      const delay = outcome.retryAfterMs ?? computeBackoff(attempt, this.#backoffOptions())
      if (delay > this.#options.retryMaxMs) return { ok: false, error }
      this.#options.logger.debug(`${error.message}; retrying in ${delay} ms`)
      if (!(await sleep(delay, this.#closing.signal))) return { ok: false, error: this.#closedError() }
    }
  }

  /** Aborts requests in flight and closes the client's own sockets. Idempotent. */
  async close(): Promise<void> {
    this.#closing.abort()
    const agent = this.#ownAgent
    this.#ownAgent = undefined
    await agent?.destroy()
  }

  #backoffOptions() {
    return { baseMs: this.#options.retryBaseMs, maxMs: this.#options.retryMaxMs, random: this.#options.random }
  }

  #closedError(): FlagsmithAPIError {
    return new FlagsmithAPIError('CLOSED', 'The Flagsmith client was closed')
  }

  async #attempt(url: string, request: HttpRequest): Promise<Attempt> {
    if (this.#closing.signal.aborted) return { ok: false, error: this.#closedError() }
    const timeout = AbortSignal.timeout(this.#options.timeoutMs)
    const signal = AbortSignal.any([this.#closing.signal, timeout])
    const method = request.method ?? 'GET'
    const what = `${method} ${url}`
    try {
      const response = await this.#fetch(url, {
        method,
        headers: { ...this.#options.headers, ...request.headers },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal,
        ...(this.#dispatcher ? { dispatcher: this.#dispatcher } : {}),
      })
      // The timeout covers slow bodies, not only slow headers. undici aborts the body with the signal, but not every
      // `fetch` given in the options does, hence the race.
      const text = await untilAborted(response.text(), signal)
      const { status, headers } = response
      if (status === 304) return { ok: true, response: { status, headers, json: undefined } }
      if (status < 200 || status >= 300) {
        const retryAfterMs =
          status === 429 || status === 503 ? parseRetryAfter(headers.get('retry-after'), Date.now()) : undefined
        const error = new FlagsmithAPIError('HTTP_ERROR', `${what} failed with status ${status}`, { status })
        return retryAfterMs === undefined ? { ok: false, error } : { ok: false, error, retryAfterMs }
      }
      if (text === '') return { ok: true, response: { status, headers, json: undefined } }
      try {
        return { ok: true, response: { status, headers, json: JSON.parse(text) } }
      } catch (cause) {
        const message = `${what} returned invalid JSON (${text.length} characters)`
        return { ok: false, error: new FlagsmithAPIError('INVALID_RESPONSE', message, { status, cause }) }
      }
    } catch (cause) {
      if (this.#closing.signal.aborted) return { ok: false, error: this.#closedError() }
      if (timeout.aborted) {
        const message = `${what} timed out after ${this.#options.timeoutMs} ms`
        return { ok: false, error: new FlagsmithAPIError('TIMEOUT', message, { cause }) }
      }
      const reason = cause instanceof Error ? cause.message : String(cause)
      return { ok: false, error: new FlagsmithAPIError('NETWORK_ERROR', `${what} failed: ${reason}`, { cause }) }
    }
  }
}
