import type { Flag, FlagMap } from './flag'

function isEqualJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const aKeys = Object.keys(a)
  if (aKeys.length !== Object.keys(b).length) return false
  return aKeys.every(
    (key) =>
      Object.hasOwn(b, key) && isEqualJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  )
}

function isSameFlag(a: Flag, b: Flag): boolean {
  return (
    a.enabled === b.enabled &&
    Object.is(a.value, b.value) &&
    a.reason === b.reason &&
    a.variant === b.variant &&
    isEqualJson(a.metadata, b.metadata)
  )
}

/**
 * Structural sharing for flag maps: every flag equal to its previous version keeps the previous object, so
 * `useSyncExternalStore` snapshots stay stable and only readers of changed flags re-render. Returns `previous`
 * itself when nothing changed, and the names of added, removed and changed flags.
 */
export function mergeFlags(previous: FlagMap, next: FlagMap): { flags: FlagMap; changed: string[] } {
  const changed: string[] = []
  const flags: FlagMap = Object.create(null)
  for (const [name, flag] of Object.entries(next)) {
    const before = Object.hasOwn(previous, name) ? previous[name] : undefined
    if (before && isSameFlag(before, flag)) {
      flags[name] = before
    } else {
      flags[name] = flag
      changed.push(name)
    }
  }
  for (const name of Object.keys(previous)) {
    if (!Object.hasOwn(next, name)) changed.push(name)
  }
  return changed.length === 0 ? { flags: previous, changed } : { flags, changed }
}
