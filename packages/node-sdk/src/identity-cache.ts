import { Buffer } from 'node:buffer'
import type { FlagMap, TraitInput } from '@vexil/core-engine'
import { LRUCache } from 'lru-cache'
import murmurhash from 'murmurhash'

/** Size and lifetime of the remote-mode flag cache. */
export interface IdentityCacheOptions {
  /** Most entries kept; the least recently used go first. @defaultValue 1000 */
  max?: number
  /** How long an entry answers without a request, in milliseconds. @defaultValue 10000 */
  ttlMs?: number
}

/** A cache key: a short hash for the LRU, and the canonical text it was made from to rule out collisions. */
export interface IdentityCacheKey {
  hash: number
  canonical: string
}

interface Entry {
  canonical: string
  flags: FlagMap
}

/**
 * Remote-mode cache of evaluated flags per identity and traits (and of the environment flags), bounded in size
 * and lifetime. Expired entries are kept until evicted so they can still serve while the API is down. Never throws.
 */
export class IdentityCache {
  #cache: LRUCache<number, Entry>

  constructor(options: IdentityCacheOptions & { now?: () => number } = {}) {
    this.#cache = new LRUCache<number, Entry>({
      max: options.max ?? 1000,
      ttl: options.ttlMs ?? 10_000,
      // Stale entries stay, to be served when a request fails; and no timers, so the cache never holds the process.
      noDeleteOnStaleGet: true,
      ttlResolution: 0,
      ...(options.now ? { perf: { now: options.now } } : {}),
    })
  }

  /**
   * The key of an evaluation. Traits are sorted so their order does not matter; transient markers are part of the
   * key because a cached answer skips the request that would store non-transient traits.
   */
  static key(identifier?: string, traits?: Record<string, TraitInput>, transient?: boolean): IdentityCacheKey {
    const parts: unknown[] = []
    for (const name of Object.keys(traits ?? {}).sort()) {
      const input = traits![name]
      if (input !== null && typeof input === 'object') parts.push([name, input.value ?? null, Boolean(input.transient)])
      else if (input !== undefined) parts.push([name, input])
    }
    const canonical = JSON.stringify([identifier ?? null, Boolean(transient), parts])
    // murmurhash reads strings as ASCII; hashing the UTF-8 bytes keeps non-ASCII identifiers apart.
    return { hash: murmurhash.v3(Buffer.from(canonical, 'utf8')), canonical }
  }

  /** The cached flags, if fresh (or, with `allowStale`, if present at all). */
  get(key: IdentityCacheKey, options: { allowStale?: boolean } = {}): FlagMap | undefined {
    const entry = this.#cache.get(key.hash, { allowStale: options.allowStale ?? false })
    return entry?.canonical === key.canonical ? entry.flags : undefined
  }

  /** Stores flags under the key. */
  set(key: IdentityCacheKey, flags: FlagMap): void {
    this.#cache.set(key.hash, { canonical: key.canonical, flags })
  }

  /** Drops every entry, e.g. when a realtime event says the environment changed. */
  clear(): void {
    this.#cache.clear()
  }
}
