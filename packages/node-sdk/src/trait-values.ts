import type { TraitInput, Traits } from '@vexil/core-engine'

/**
 * The values of an SDK caller's traits, for local evaluation: `{ value, transient }` becomes its value (nothing is
 * stored locally, so transience does not matter) and `undefined` values are dropped. Never throws.
 */
export function toTraitValues(traits: Record<string, TraitInput | undefined> | undefined): Traits {
  const values: Traits = Object.create(null)
  if (!traits) return values
  for (const [key, input] of Object.entries(traits)) {
    if (input === undefined) continue
    values[key] = input !== null && typeof input === 'object' ? (input.value ?? null) : input
  }
  return values
}
