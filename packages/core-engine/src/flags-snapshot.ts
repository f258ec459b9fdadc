import type { Flag, FlagMap } from './flag'
import { isJsonObject, isScalar } from './json-shape'
import type { Result } from './result'
import type { Traits } from './types'
import { VexilError } from './vexil-error'

/**
 * Flags evaluated for one context, serialisable as JSON: what a server renders with and hands to the browser
 * SDK as `bootstrap`, so the first client render matches the server's without a request.
 */
export interface FlagsSnapshot {
  /** The client-side environment key the flags belong to. */
  environmentKey: string
  identity: { identifier: string; traits: Traits } | null
  flags: FlagMap
  /** When the flags were evaluated, in epoch milliseconds. */
  fetchedAt: number
}

function invalid(path: string, problem: string): Result<never> {
  return { ok: false, error: new VexilError('INVALID_RESPONSE', `snapshot${path}: ${problem}`) }
}

/** Validates a snapshot received from elsewhere (a page, storage). Fails with the path of the first problem. */
export function parseFlagsSnapshot(json: unknown): Result<FlagsSnapshot> {
  if (!isJsonObject(json)) return invalid('', 'expected an object')
  const { environmentKey, identity, flags, fetchedAt } = json
  if (typeof environmentKey !== 'string') return invalid('.environmentKey', 'expected a string')
  if (typeof fetchedAt !== 'number' || !Number.isFinite(fetchedAt)) return invalid('.fetchedAt', 'expected a number')
  let parsedIdentity: FlagsSnapshot['identity'] = null
  if (identity !== null && identity !== undefined) {
    if (!isJsonObject(identity) || typeof identity.identifier !== 'string') {
      return invalid('.identity.identifier', 'expected a string')
    }
    const traits: Traits = Object.create(null)
    if (isJsonObject(identity.traits)) {
      for (const [key, value] of Object.entries(identity.traits)) {
        if (!isScalar(value)) return invalid(`.identity.traits.${key}`, 'expected a string, number, boolean or null')
        traits[key] = value
      }
    }
    parsedIdentity = { identifier: identity.identifier, traits }
  }
  if (!isJsonObject(flags)) return invalid('.flags', 'expected an object')
  const parsedFlags: FlagMap = Object.create(null)
  for (const [name, flag] of Object.entries(flags)) {
    const at = `.flags.${name}`
    if (!isJsonObject(flag)) return invalid(at, 'expected an object')
    if (typeof flag.enabled !== 'boolean') return invalid(`${at}.enabled`, 'expected a boolean')
    const value = flag.value ?? null
    if (!isScalar(value)) return invalid(`${at}.value`, 'expected a string, number, boolean or null')
    const parsed: Flag = { name, enabled: flag.enabled, value }
    if (typeof flag.reason === 'string') parsed.reason = flag.reason
    if (typeof flag.variant === 'string' || flag.variant === null) parsed.variant = flag.variant
    if (isJsonObject(flag.metadata)) parsed.metadata = flag.metadata
    parsedFlags[name] = parsed
  }
  return { ok: true, value: { environmentKey, identity: parsedIdentity, flags: parsedFlags, fetchedAt } }
}
