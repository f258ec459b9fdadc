import type { FlagStorage } from '../src/client-options'

/** An in-memory `FlagStorage` whose contents tests can inspect. */
export function createMemoryStorage(
  entries: Record<string, string> = {},
): FlagStorage & { entries: Map<string, string> } {
  const map = new Map(Object.entries(entries))
  return {
    entries: map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => {
      map.set(key, value)
    },
    removeItem: (key) => {
      map.delete(key)
    },
  }
}
