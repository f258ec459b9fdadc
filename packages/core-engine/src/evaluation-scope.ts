import { type ContextValue, normalizeContextValue } from './context-value'
import { type JsonPath, parseJsonPath, readJsonPath } from './json-path'
import { HashTail } from './md5'
import { parseSemver, type Semver } from './semver'
import type { Traits } from './types'

/** @internal The identity as JSONPath conditions see it (`$.identity.identifier`, `$.identity.traits.x`). */
export interface IdentityView {
  identifier: string
  key: string
  traits: Traits
}

/** @internal Reads one condition property's raw value for a scope. */
export type PropertyReader = (scope: EvaluationScope) => unknown

function ownTrait(traits: Traits | undefined, name: string): unknown {
  return traits !== undefined && Object.hasOwn(traits, name) ? traits[name] : undefined
}

/**
 * @internal Compiles how a condition property is read: a trait name, or a `$.`-JSONPath into the evaluation context
 * that a trait of exactly that name takes precedence over (Flagsmith's rule). An invalid JSONPath is a trait name.
 * `root` resolves the context's top-level members other than `identity`; nothing but the identity varies between
 * evaluations, so such paths are read here, once, and the reader keeps only the value.
 */
export function compilePropertyReader(property: string, root: (member: string) => unknown): PropertyReader {
  const path: JsonPath | undefined = property.startsWith('$.') ? parseJsonPath(property) : undefined
  if (!path) return (scope) => ownTrait(scope.identity?.traits, property)
  const first = path[0]
  const fromTrait = (scope: EvaluationScope) => ownTrait(scope.identity?.traits, property)
  if (first === 'identity') {
    return (scope) => {
      const trait = fromTrait(scope)
      return trait !== undefined && trait !== null ? trait : readJsonPath(scope.identity, path, 1)
    }
  }
  const fixed = typeof first === 'string' ? readJsonPath(root(first), path, 1) : undefined
  return (scope) => {
    const trait = fromTrait(scope)
    return trait !== undefined && trait !== null ? trait : fixed
  }
}

/**
 * @internal One evaluation's state: the identity and each property's normalised value, read at most once however
 * many conditions use it.
 */
export class EvaluationScope {
  readonly identity: IdentityView | undefined
  /** The identity key percentage splits without a property hash, or `null` without an identity. */
  readonly identityKey: string | null
  readonly #readers: readonly PropertyReader[]
  readonly #values: (ContextValue | undefined)[]
  #versions: (Semver | null | undefined)[] | undefined
  #identityKeyTail: HashTail | undefined

  constructor(readers: readonly PropertyReader[], identity: IdentityView | undefined) {
    this.#readers = readers
    this.identity = identity
    this.identityKey = identity ? identity.key : null
    this.#values = new Array(readers.length)
  }

  /** The identity key prepared for the evaluation's hashes, which all end with it; call only with an identity. */
  identityKeyTail(): HashTail {
    this.#identityKeyTail ??= new HashTail(this.identityKey!)
    return this.#identityKeyTail
  }

  /** The normalised value of the property in `slot`; `null` when absent. */
  value(slot: number): ContextValue {
    let value = this.#values[slot]
    if (value === undefined) {
      value = normalizeContextValue(this.#readers[slot]!(this))
      this.#values[slot] = value
    }
    return value
  }

  /** The property's string value parsed as a semantic version, parsed once per evaluation; `null` when it is not one. */
  semver(slot: number): Semver | null {
    this.#versions ??= new Array(this.#readers.length)
    let version = this.#versions[slot]
    if (version === undefined) {
      const value = this.value(slot)
      version = (typeof value === 'string' && parseSemver(value)) || null
      this.#versions[slot] = version
    }
    return version
  }
}
