import { type FlagsSnapshot, parseFlagsSnapshot } from '@vexil/core-engine'
import type { FlagStorage, Logger } from './client-options'

/** @internal The last flags of each identity of one environment, kept in a {@link FlagStorage}. */
export interface FlagCache {
  /** The stored flags of an identity (`null`: anonymous), or `undefined`. Never throws. */
  read(identifier: string | null): FlagsSnapshot | undefined
  /** Stores flags; a full or forbidden storage is logged and ignored. */
  write(snapshot: FlagsSnapshot): void
}

/** @internal Creates a cache over `storage`; `undefined` picks `localStorage` when the page may use it. */
export function createFlagCache(options: {
  storage: FlagStorage | false | undefined
  environmentKey: string
  logger: Logger
}): FlagCache {
  const { environmentKey, logger } = options
  let storage: FlagStorage | undefined
  try {
    // Reading `localStorage` itself throws when the browser blocks storage for the page.
    storage = options.storage === false ? undefined : (options.storage ?? globalThis.localStorage)
  } catch {}
  const keyOf = (identifier: string | null) => `vexil:${environmentKey}:${identifier ?? ''}`

  return {
    read(identifier) {
      const key = keyOf(identifier)
      try {
        const text = storage?.getItem(key)
        if (!text) return undefined
        const parsed = parseFlagsSnapshot(JSON.parse(text))
        if (parsed.ok && (parsed.value.identity?.identifier ?? null) === identifier) return parsed.value
        storage?.removeItem(key)
      } catch (error) {
        logger.warn(`vexil: cannot read cached flags (${key})`, error)
      }
      return undefined
    },
    write(snapshot) {
      const key = keyOf(snapshot.identity?.identifier ?? null)
      try {
        // Traits stay out of storage: the cache is keyed by identifier, and traits may be personal data.
        const identity = snapshot.identity && { identifier: snapshot.identity.identifier, traits: {} }
        storage?.setItem(key, JSON.stringify({ ...snapshot, identity }))
      } catch (error) {
        logger.warn(`vexil: cannot cache flags (${key})`, error)
      }
    },
  }
}
