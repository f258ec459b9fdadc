import type { Flag, FlagValue } from '@vexil/core-engine'

/** The type a fallback stands for: `25` stands for any number, `null` for any value. */
export type ValueOf<T extends FlagValue> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : FlagValue

/**
 * The flag's value when it is of the fallback's type (any non-null value for a `null` fallback), else `fallback`:
 * a missing flag, a `null` value and a value of the wrong type all give the fallback. Never throws.
 */
export function flagValue<T extends FlagValue>(flag: Flag | undefined, fallback: T): ValueOf<T> {
  const value = flag?.value ?? null
  return (value !== null && (fallback === null || typeof value === typeof fallback) ? value : fallback) as ValueOf<T>
}
