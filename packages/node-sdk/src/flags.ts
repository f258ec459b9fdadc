import type { Flag as EngineFlag, FlagMap, FlagValue } from '@vexil/core-engine'
import { type BaseFlag, DefaultFlag } from './default-flag'
import { Flag } from './flag'

/** Receives one count per read of an evaluated flag; the client's analytics processor implements it. */
export interface FeatureTracker {
  trackFeature(featureName: string): void
}

/** What {@link Flags}' constructor takes; the same fields as the official SDK's. */
export interface FlagsInit {
  flags: Record<string, Flag>
  defaultFlagHandler?: ((featureName: string) => BaseFlag) | undefined
  analyticsProcessor?: FeatureTracker | undefined
}

function toSdkFlag(flag: EngineFlag): Flag {
  const id = flag.metadata?.id
  return new Flag({
    value: flag.value,
    enabled: flag.enabled,
    featureId: typeof id === 'number' ? id : 0,
    featureName: flag.name,
    reason: flag.reason,
  })
}

/**
 * The flags of one evaluation (the environment, or one identity). Reads never throw: a missing flag comes from the
 * `defaultFlagHandler`, or is a disabled {@link DefaultFlag} with an `undefined` value, as in the official SDK.
 * Reads of evaluated flags are counted for analytics when `enableAnalytics` is on.
 */
export class Flags {
  #source: FlagMap
  #converted: Map<string, Flag> = new Map()
  #all: Record<string, Flag> | undefined
  /** Supplies flags that are missing from this evaluation. */
  defaultFlagHandler: ((featureName: string) => BaseFlag) | undefined
  /** Counts reads of evaluated flags when analytics are enabled. */
  analyticsProcessor: FeatureTracker | undefined

  constructor(init: FlagsInit) {
    const source: FlagMap = Object.create(null)
    for (const [name, flag] of Object.entries(init.flags)) {
      this.#converted.set(name, flag)
      source[name] = {
        name: flag.featureName,
        enabled: flag.enabled,
        value: flag.value ?? null,
        metadata: { id: flag.featureId },
      }
    }
    this.#source = source
    this.defaultFlagHandler = init.defaultFlagHandler
    this.analyticsProcessor = init.analyticsProcessor
  }

  /**
   * Wraps engine or API flags without converting them up front: the local-evaluation hot path builds one of
   * these per call and most callers read only a few flags.
   * @internal
   */
  static fromFlagMap(flags: FlagMap, options: Omit<FlagsInit, 'flags'> = {}): Flags {
    const wrapped = new Flags({ flags: {}, ...options })
    wrapped.#source = flags
    return wrapped
  }

  /** Every evaluated flag by feature name, in the official SDK's shape. */
  get flags(): Record<string, Flag> {
    if (this.#all) return this.#all
    const all: Record<string, Flag> = {}
    for (const name of Object.keys(this.#source)) all[name] = this.#convert(name)!
    this.#all = all
    return all
  }

  /** The underlying flags as core-engine's `Flag` objects, e.g. for snapshots. */
  toFlagMap(): FlagMap {
    return this.#source
  }

  /** Every evaluated flag (defaults excluded). Not counted for analytics, as in the official SDK. */
  allFlags(): Flag[] {
    return Object.values(this.flags)
  }

  /** The named flag, or a default when it is missing. Never throws. */
  getFlag(featureName: string): BaseFlag {
    const flag = this.#convert(featureName)
    if (!flag) return this.#defaultFor(featureName)
    this.analyticsProcessor?.trackFeature(flag.featureName)
    return flag
  }

  /** The named flag's value, or the default's value when it is missing. Never throws. */
  getFeatureValue(featureName: string): FlagValue | undefined {
    return this.getFlag(featureName).value
  }

  /** Whether the named flag is enabled, or the default's state when it is missing. Never throws. */
  isFeatureEnabled(featureName: string): boolean {
    return this.getFlag(featureName).enabled
  }

  #convert(name: string): Flag | undefined {
    const cached = this.#converted.get(name)
    if (cached) return cached
    const flag = Object.hasOwn(this.#source, name) ? this.#source[name] : undefined
    if (!flag) return undefined
    const converted = toSdkFlag(flag)
    this.#converted.set(name, converted)
    return converted
  }

  #defaultFor(featureName: string): BaseFlag {
    if (this.defaultFlagHandler) {
      try {
        return this.defaultFlagHandler(featureName)
      } catch {
        // A throwing handler must not turn a flag read into an exception.
      }
    }
    return new DefaultFlag(undefined, false)
  }
}
