import { type TraitInput, type Traits, VexilError } from '@vexil/core-engine'
import type { ClientContext } from './vexil-client'

/** @internal The identity flags are evaluated for, with traits as given (some may be transient); `null`: anonymous. */
export type IdentityInput = { identifier: string; traits: Record<string, TraitInput> } | null

/** @internal The context `identify()` switches to: traits of the same identifier are merged. */
export function identifyInput(
  current: IdentityInput,
  identifier: string,
  traits: Record<string, TraitInput> = {},
): IdentityInput {
  if (typeof identifier !== 'string' || !identifier) {
    throw new VexilError('INVALID_OPTIONS', 'vexil: identify() needs a non-empty identifier')
  }
  return { identifier, traits: current?.identifier === identifier ? { ...current.traits, ...traits } : { ...traits } }
}

/** @internal The context `setTraits()` switches to. */
export function setTraitsInput(current: IdentityInput, traits: Record<string, TraitInput>): IdentityInput {
  if (!current) throw new VexilError('INVALID_OPTIONS', 'vexil: setTraits() needs an identity: call identify() first')
  return identifyInput(current, current.identifier, traits)
}

/** @internal The public view of an identity: trait values without their transient markers. */
export function toClientContext(input: IdentityInput): ClientContext {
  if (!input) return null
  const traits: Traits = Object.create(null)
  for (const [key, trait] of Object.entries(input.traits)) {
    traits[key] = typeof trait === 'object' && trait !== null ? trait.value : trait
  }
  return { identifier: input.identifier, traits }
}
