import {
  createIdentityRequest,
  type FlagMap,
  parseApiFlags,
  parseApiIdentity,
  type TraitInput,
  type VexilError,
} from '@vexil/core-engine'
import { FlagsmithAPIError } from './errors'
import type { HttpClient } from './http-client'
import { IdentityCache, type IdentityCacheKey, type IdentityCacheOptions } from './identity-cache'

/**
 * The outcome of a remote evaluation: fresh flags; flags from the cache after a failed request (`error` set, so
 * the caller can report staleness); or no flags and the error.
 */
export type RemoteOutcome = { flags: FlagMap; error?: VexilError } | { flags: undefined; error: VexilError }

function asApiError(error: VexilError): VexilError {
  return error instanceof FlagsmithAPIError ? error : new FlagsmithAPIError(error.code, error.message, { cause: error })
}

/**
 * Remote evaluation: `GET flags/` and `POST identities/`, with a bounded cache in front. A failed request falls
 * back to the cached answer even after it expired. Never throws.
 */
export class RemoteFlags {
  #http: HttpClient
  #apiUrl: string
  #cache: IdentityCache | undefined

  constructor(options: { http: HttpClient; apiUrl: string; cache: IdentityCacheOptions | false }) {
    this.#http = options.http
    this.#apiUrl = options.apiUrl
    this.#cache = options.cache ? new IdentityCache(options.cache) : undefined
  }

  /** The environment's flags; `retries` overrides the client's for this request. */
  getEnvironmentFlags(options: { retries?: number | undefined } = {}): Promise<RemoteOutcome> {
    return this.#cached(IdentityCache.key(), async () => {
      const response = await this.#http.request(`${this.#apiUrl}flags/`, { ...options })
      if (!response.ok) return response
      const flags = parseApiFlags(response.value.json)
      return flags.ok ? flags : { ok: false, error: asApiError(flags.error) }
    })
  }

  /** An identity's flags; traits are stored by the API unless transient. */
  getIdentityFlags(
    identifier: string,
    traits: Record<string, TraitInput>,
    transient: boolean,
    options: { retries?: number | undefined } = {},
  ): Promise<RemoteOutcome> {
    return this.#cached(IdentityCache.key(identifier, traits, transient), async () => {
      const body = createIdentityRequest(identifier, traits, { transient })
      const response = await this.#http.request(`${this.#apiUrl}identities/`, { method: 'POST', body, ...options })
      if (!response.ok) return response
      const identity = parseApiIdentity(response.value.json)
      return identity.ok ? { ok: true, value: identity.value.flags } : { ok: false, error: asApiError(identity.error) }
    })
  }

  /** Forgets every cached answer, e.g. after a realtime event. */
  clear(): void {
    this.#cache?.clear()
  }

  async #cached(
    key: IdentityCacheKey,
    load: () => Promise<{ ok: true; value: FlagMap } | { ok: false; error: VexilError }>,
  ): Promise<RemoteOutcome> {
    const fresh = this.#cache?.get(key)
    if (fresh) return { flags: fresh }
    const loaded = await load()
    if (loaded.ok) {
      this.#cache?.set(key, loaded.value)
      return { flags: loaded.value }
    }
    const stale = this.#cache?.get(key, { allowStale: true })
    return stale ? { flags: stale, error: loaded.error } : { flags: undefined, error: loaded.error }
  }
}
