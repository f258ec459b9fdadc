import type { FlagMap } from '@vexil/core-engine'
import type { DefaultFlag } from './client-options'

/** @internal Builds the flags served before anything else is known. */
export function toDefaultFlags(defaults: Record<string, DefaultFlag> = {}): FlagMap {
  const flags: FlagMap = Object.create(null)
  for (const [name, flag] of Object.entries(defaults))
    flags[name] = { name, enabled: flag.enabled, value: flag.value ?? null }
  return flags
}
