import { isJsonObject, isScalar } from './json-shape'
import type { Result } from './result'
import type { TraitValue } from './types'
import { VexilError } from './vexil-error'

/** A trait as the `identities/` endpoint reads and writes it. */
export interface ApiTrait {
  trait_key: string
  trait_value: TraitValue
  /** Used for this evaluation only; not stored. */
  transient?: boolean
}

/** A trait given to an SDK: a plain value, or a value that is used for one evaluation and not stored. */
export type TraitInput = TraitValue | { value: TraitValue; transient?: boolean }

/** The body of `POST identities/`. */
export interface IdentityRequest {
  identifier: string
  traits: ApiTrait[]
  /** The identity itself is not stored. */
  transient?: boolean
}

/** Builds the body of `POST identities/` from an SDK's traits. Never throws. */
export function createIdentityRequest(
  identifier: string,
  traits: Record<string, TraitInput> = {},
  options: { transient?: boolean } = {},
): IdentityRequest {
  const apiTraits: ApiTrait[] = []
  for (const [key, input] of Object.entries(traits)) {
    if (isJsonObject(input)) {
      apiTraits.push({ trait_key: key, trait_value: input.value, ...(input.transient ? { transient: true } : {}) })
    } else {
      apiTraits.push({ trait_key: key, trait_value: input })
    }
  }
  return { identifier, traits: apiTraits, ...(options.transient ? { transient: true } : {}) }
}

function invalid(path: string, problem: string): Result<never> {
  return { ok: false, error: new VexilError('INVALID_RESPONSE', `${path}: ${problem}`) }
}

/**
 * Validates a `POST identities/` body, as a server receiving it must. Fails with the JSON path of the first
 * problem; never throws.
 */
export function parseIdentityRequest(json: unknown): Result<Required<IdentityRequest>> {
  if (!isJsonObject(json)) return invalid('$', 'expected an object')
  const { identifier, traits = [], transient = false } = json
  if (typeof identifier !== 'string' || identifier === '') return invalid('$.identifier', 'expected a non-empty string')
  if (!Array.isArray(traits)) return invalid('$.traits', 'expected an array')
  if (typeof transient !== 'boolean') return invalid('$.transient', 'expected a boolean')
  const parsed: ApiTrait[] = []
  for (let i = 0; i < traits.length; i++) {
    const trait: unknown = traits[i]
    const at = `$.traits[${i}]`
    if (!isJsonObject(trait)) return invalid(at, 'expected an object')
    if (typeof trait.trait_key !== 'string' || trait.trait_key === '') {
      return invalid(`${at}.trait_key`, 'expected a non-empty string')
    }
    const value = trait.trait_value ?? null
    if (!isScalar(value)) return invalid(`${at}.trait_value`, 'expected a string, number, boolean or null')
    if (trait.transient !== undefined && typeof trait.transient !== 'boolean') {
      return invalid(`${at}.transient`, 'expected a boolean')
    }
    parsed.push({ trait_key: trait.trait_key, trait_value: value, ...(trait.transient ? { transient: true } : {}) })
  }
  return { ok: true, value: { identifier, traits: parsed, transient } }
}
