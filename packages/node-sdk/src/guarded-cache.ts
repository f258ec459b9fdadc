import type { Flags } from './flags'
import type { FlagsmithCache } from './flagsmith-config'
import type { Logger } from './logger'

/**
 * Wraps a user-supplied {@link FlagsmithCache} so that its faults never reach a flag read: a failed `get` is
 * logged and counts as a miss, a failed `set` is logged and ignored.
 */
export class GuardedCache {
  #cache: FlagsmithCache
  #logger: Logger

  constructor(cache: FlagsmithCache, logger: Logger) {
    this.#cache = cache
    this.#logger = logger
  }

  /** The cached flags, or `undefined` on a miss or a fault. Never rejects. */
  async get(key: string): Promise<Flags | undefined> {
    try {
      return (await this.#cache.get(key)) || undefined
    } catch (cause) {
      this.#logger.warn(`cache.get(${key}) failed; evaluating instead`, cause)
      return undefined
    }
  }

  /** Stores flags. Never rejects. */
  async set(key: string, flags: Flags): Promise<void> {
    try {
      await this.#cache.set(key, flags)
    } catch (cause) {
      this.#logger.warn(`cache.set(${key}) failed`, cause)
    }
  }
}
