import { parseApiFlags } from './api-flags'
import type { FlagMap } from './flag'
import { isJsonObject, isScalar } from './json-shape'
import type { Result } from './result'
import type { Traits } from './types'
import { VexilError } from './vexil-error'

/** An `identities/` response, parsed. */
export interface ApiIdentity {
  identifier: string
  traits: Traits
  flags: FlagMap
}

/** Parses an `identities/` response. Fails with the JSON path of the first problem; never throws. */
export function parseApiIdentity(json: unknown): Result<ApiIdentity> {
  if (!isJsonObject(json)) return { ok: false, error: new VexilError('INVALID_RESPONSE', '$: expected an object') }
  const flags = parseApiFlags(json.flags, '$.flags')
  if (!flags.ok) return flags
  const traits: Traits = Object.create(null)
  if (Array.isArray(json.traits)) {
    for (const trait of json.traits) {
      // Stored traits are informational here: skip malformed ones rather than lose the flags.
      if (isJsonObject(trait) && typeof trait.trait_key === 'string' && isScalar(trait.trait_value ?? null)) {
        traits[trait.trait_key] = (trait.trait_value ?? null) as Traits[string]
      }
    }
  }
  const identifier = typeof json.identifier === 'string' ? json.identifier : ''
  return { ok: true, value: { identifier, traits, flags: flags.value } }
}
