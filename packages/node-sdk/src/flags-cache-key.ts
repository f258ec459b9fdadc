import { createHash } from 'node:crypto'
import type { TraitInput } from '@vexil/core-engine'
import { toTraitValues } from './trait-values'

/**
 * The key under which evaluated flags are kept in a user-supplied {@link FlagsmithCache}: `flags` for the
 * environment, `flags-<identifier>` or `flags-<identifier>-<16 hex digits>` for an identity with traits. The same
 * keys as flagsmith-nodejs, so a cache shared during a migration keeps its entries. Never throws.
 */
export function flagsCacheKey(identifier?: string, traits?: Record<string, TraitInput | undefined>): string {
  if (identifier === undefined) return 'flags'
  const values = toTraitValues(traits)
  const sorted = Object.keys(values)
    .sort()
    .map((key) => [key, values[key]])
  if (sorted.length === 0) return `flags-${identifier}`
  const hash = createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16)
  return `flags-${identifier}-${hash}`
}
