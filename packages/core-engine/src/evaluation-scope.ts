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

function ownTrait(traits: Traits | undefined, name: string): unknown {
  return traits !== undefined && Object.hasOwn(traits, name) ? traits[name] : undefined
}

/**
 * @internal How a condition property is read: a trait name, or a `$.`-JSONPath into the evaluation context that a trait
 * of exactly that name takes precedence over (Flagsmith's rule). Plain data rather than a closure, which costs a
 * function and a context object per property.
 */
export class PropertyReader {
  constructor(
    readonly property: string,
    /** For a path into the identity: the path after `identity`. */
    readonly identityPath: JsonPath | undefined,
    /** For a path elsewhere in the context, which no identity changes: the value there, read once. */
    readonly fixed: unknown,
  ) {}

  /** The property's raw value for `identity`. */
  read(identity: IdentityView | undefined): unknown {
    const trait = ownTrait(identity?.traits, this.property)
    if (trait !== undefined && trait !== null) return trait
    return this.identityPath ? readJsonPath(identity, this.identityPath, 1) : this.fixed
  }
}

/**
 * @internal Compiles how a condition property is read. An invalid JSONPath is a trait name. `root` resolves the
 * context's top-level members other than `identity`; nothing but the identity varies between evaluations, so such
 * paths are read here, once, and the reader keeps only the value.
 */
export function compilePropertyReader(property: string, root: (member: string) => unknown): PropertyReader {
  const path: JsonPath | undefined = property.startsWith('$.') ? parseJsonPath(property) : undefined
  const first = path?.[0]
  if (first === 'identity') return new PropertyReader(property, path, undefined)
  const fixed = typeof first === 'string' ? readJsonPath(root(first), path!, 1) : undefined
  return new PropertyReader(property, undefined, fixed)
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

  /**
   * V8 drops optimised code once every object of a hidden class it relies on has died, and scopes die with their
   * evaluation: this one, alive as long as the class, keeps each full garbage collection from sending evaluation back
   * to unoptimised code.
   */
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: held, never read, to keep the hidden class alive
  static readonly #keepsClassAlive = /* @__PURE__ */ new EvaluationScope([], undefined)

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
      value = normalizeContextValue(this.#readers[slot]!.read(this.identity))
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
