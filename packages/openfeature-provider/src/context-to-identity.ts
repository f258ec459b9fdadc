import type { EvaluationContext, EvaluationContextValue } from '@openfeature/core'

/** A trait value as Flagsmith stores it. */
export type IdentityTraitValue = string | number | boolean | null

/** The Flagsmith identity an OpenFeature evaluation context stands for. */
export interface Identity {
  identifier: string
  traits: Record<string, IdentityTraitValue>
}

// Evaluation contexts are JSON-like; the limit only stops a cyclic or absurdly deep object from recursing forever.
const MAX_DEPTH = 16

function isPlainObject(value: unknown): value is Record<string, EvaluationContextValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

function addTrait(
  traits: Record<string, IdentityTraitValue>,
  key: string,
  value: EvaluationContextValue | undefined,
  depth: number,
): void {
  if (value === undefined) return
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    traits[key] = value
  } else if (typeof value === 'number') {
    // JSON (and so Flagsmith) cannot carry NaN or Infinity.
    if (Number.isFinite(value)) traits[key] = value
  } else if (value instanceof Date) {
    if (!Number.isNaN(value.getTime())) traits[key] = value.toISOString()
  } else if (Array.isArray(value)) {
    // Flagsmith traits are scalars; a JSON string still works with CONTAINS and REGEX conditions.
    traits[key] = JSON.stringify(value)
  } else if (depth < MAX_DEPTH) {
    for (const [childKey, child] of Object.entries(value)) addTrait(traits, `${key}.${childKey}`, child, depth + 1)
  }
}

/**
 * Maps an OpenFeature evaluation context to a Flagsmith identity, or `null` for environment flags.
 *
 * - `targetingKey` (a non-empty string) becomes the identifier; without one there is no identity and the other
 *   attributes are ignored, because Flagsmith has no traits without an identity.
 * - Every other top-level attribute becomes a trait: strings, numbers, booleans and `null` as they are, `Date`s as
 *   ISO 8601 strings, arrays as JSON strings, and nested objects flattened with dot-joined keys
 *   (`{ company: { plan: 'pro' } }` → trait `company.plan` = `'pro'`). `undefined`, `NaN` and `Infinity` are dropped.
 * - A `traits` object (the old Flagsmith provider's shape) is merged first, so top-level attributes win on conflict.
 *
 * Never throws.
 */
export function contextToIdentity(context: EvaluationContext | undefined): Identity | null {
  const identifier = context?.targetingKey
  if (context === undefined || typeof identifier !== 'string' || identifier === '') return null
  // Without a prototype, a trait named `__proto__` or `constructor` is an ordinary trait.
  const traits: Record<string, IdentityTraitValue> = Object.create(null)
  const legacyTraits = context.traits
  if (isPlainObject(legacyTraits)) {
    for (const [key, value] of Object.entries(legacyTraits)) addTrait(traits, key, value, 1)
  }
  for (const [key, value] of Object.entries(context)) {
    if (key === 'targetingKey' || (key === 'traits' && isPlainObject(value))) continue
    addTrait(traits, key, value, 1)
  }
  return { identifier, traits }
}

/** Whether two identities (or their absence) evaluate the same: same identifier and the same traits. */
export function isSameIdentity(a: Identity | null, b: Identity | null): boolean {
  if (a === null || b === null) return a === b
  if (a.identifier !== b.identifier) return false
  const aKeys = Object.keys(a.traits)
  if (aKeys.length !== Object.keys(b.traits).length) return false
  return aKeys.every((key) => Object.hasOwn(b.traits, key) && Object.is(a.traits[key], b.traits[key]))
}
