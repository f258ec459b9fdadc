import type { Flag, FlagMap } from './flag'
import { isJsonObject, isScalar } from './json-shape'
import type { Result } from './result'
import type { FlagResult, FlagValue } from './types'
import { VexilError } from './vexil-error'

/** A flag state as Flagsmith's `flags/` and `identities/` endpoints serve it. */
export interface ApiFlag {
  id?: number
  feature: { id: number; name: string; type?: string }
  feature_state_value: FlagValue
  enabled: boolean
  environment?: number | null
  identity?: number | null
  feature_segment?: unknown
}

/** Options of {@link toApiFlags}. */
export interface ToApiFlagsOptions {
  /** The numeric environment id (the document's `id`), echoed in each flag like the Flagsmith API does. */
  environmentId?: number
  /**
   * Each feature's `feature.type` as the environment document spells it, by feature name. Flagsmith reports a
   * feature's own type, so a multivariate feature is `MULTIVARIATE` even where no variant applied (environment flags,
   * or an identity whose split chose none). A feature not named here gets `MULTIVARIATE` when its flag has a variant,
   * else `STANDARD`.
   */
  featureTypes?: ReadonlyMap<string, string>
}

/** Maps evaluated flags to the Flagsmith API's JSON, in the order given. Never throws. */
export function toApiFlags(flags: Record<string, FlagResult | Flag>, options: ToApiFlagsOptions = {}): ApiFlag[] {
  const out: ApiFlag[] = []
  for (const flag of Object.values(flags)) {
    const id = flag.metadata?.id
    out.push({
      feature: {
        id: typeof id === 'number' ? id : 0,
        name: flag.name,
        type: options.featureTypes?.get(flag.name) ?? (flag.variant == null ? 'STANDARD' : 'MULTIVARIATE'),
      },
      feature_state_value: flag.value,
      enabled: flag.enabled,
      environment: options.environmentId ?? null,
      identity: null,
      feature_segment: null,
    })
  }
  return out
}

function invalid(path: string, problem: string): Result<never> {
  return { ok: false, error: new VexilError('INVALID_RESPONSE', `${path}: ${problem}`) }
}

/**
 * Parses the flag states of a `flags/` response or of an `identities/` response's `flags`.
 * Fails with an `INVALID_RESPONSE` error naming the JSON path of the first problem; never throws.
 */
export function parseApiFlags(json: unknown, path = '$'): Result<FlagMap> {
  if (!Array.isArray(json)) return invalid(path, 'expected an array of flags')
  const flags: FlagMap = Object.create(null)
  for (let i = 0; i < json.length; i++) {
    const item: unknown = json[i]
    const at = `${path}[${i}]`
    if (!isJsonObject(item)) return invalid(at, 'expected an object')
    const feature = item.feature
    if (!isJsonObject(feature)) return invalid(`${at}.feature`, 'expected an object')
    if (typeof feature.name !== 'string') return invalid(`${at}.feature.name`, 'expected a string')
    if (typeof item.enabled !== 'boolean') return invalid(`${at}.enabled`, 'expected a boolean')
    const value = item.feature_state_value ?? null
    if (!isScalar(value)) return invalid(`${at}.feature_state_value`, 'expected a string, number, boolean or null')
    const flag: Flag = { name: feature.name, enabled: item.enabled, value }
    if (typeof feature.id === 'number') flag.metadata = { id: feature.id }
    flags[feature.name] = flag
  }
  return { ok: true, value: flags }
}
