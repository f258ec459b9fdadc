import type { FlagValue } from '@vexil/core-engine'

/** A flag's state as the official SDK models it: enabled, a value, and whether it came from a default. */
export class BaseFlag {
  /** Whether the feature is on. */
  enabled: boolean
  /** The feature's value; `undefined` for the built-in default of a missing flag. */
  value: FlagValue | undefined
  /** `true` when no evaluated flag was available and a default stood in for it. */
  isDefault: boolean

  constructor(value: FlagValue | undefined, enabled: boolean, isDefault: boolean) {
    this.value = value
    this.enabled = enabled
    this.isDefault = isDefault
  }
}

/**
 * A flag returned by a `defaultFlagHandler` in place of a flag that is missing or could not be evaluated.
 *
 * @example
 * ```ts
 * const flagsmith = new Flagsmith({ environmentKey, defaultFlagHandler: () => new DefaultFlag('off', false) })
 * ```
 */
export class DefaultFlag extends BaseFlag {
  constructor(value: FlagValue | undefined, enabled: boolean) {
    super(value, enabled, true)
  }
}
